package io.centralkitchen.processes.aftersales;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The SLA ran out: the case row says so while the supervisors take it over. */
@Component("escalateCase")
public class EscalateCase implements JavaDelegate {

    private final AfterSalesCases cases;

    public EscalateCase(AfterSalesCases cases) {
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        cases.escalated(CaseVariables.theCase(execution, cases).id());
    }
}
