package io.centralkitchen.processes.aftersales;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** After the routing decision: the case row shows its category and priority. */
@Component("recordCaseRouting")
public class RecordCaseRouting implements ExecutionListener {

    private final AfterSalesCases cases;

    public RecordCaseRouting(AfterSalesCases cases) {
        this.cases = cases;
    }

    @Override
    public void notify(DelegateExecution execution) {
        cases.routed(CaseVariables.theCase(execution, cases).id(), CaseVariables.text(execution, "category"), CaseVariables.text(execution, "priority"));
    }
}
