package io.centralkitchen.processes.aftersales;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The customer added to their complaint on the platform (the text is in {@code latestCustomerUpdate}). */
@Component("recordCustomerUpdate")
public class RecordCustomerUpdate implements JavaDelegate {

    private final AfterSalesCases cases;

    public RecordCustomerUpdate(AfterSalesCases cases) {
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        cases.customerUpdate(CaseVariables.theCase(execution, cases).id());
    }
}
