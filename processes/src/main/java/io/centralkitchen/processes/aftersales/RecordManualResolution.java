package io.centralkitchen.processes.aftersales;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The platform refused our answer and a person resolved the ticket on the platform by hand: note their reference. */
@Component("recordManualResolution")
public class RecordManualResolution implements JavaDelegate {

    private final AfterSalesCases cases;

    public RecordManualResolution(AfterSalesCases cases) {
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reference = CaseVariables.text(execution, "manualReference");
        cases.platformReference(CaseVariables.theCase(execution, cases).id(), "manual: " + (reference == null || reference.isBlank() ? "-" : reference));
    }
}
