package io.centralkitchen.processes.aftersales;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Closes the case with the customer's satisfaction, or without it when no answer came (or no survey could be sent). */
@Component("recordSurveyResult")
public class RecordSurveyResult implements JavaDelegate {

    private final AfterSalesCases cases;

    public RecordSurveyResult(AfterSalesCases cases) {
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object score = execution.getVariable("satisfactionScore");
        cases.closed(CaseVariables.theCase(execution, cases).id(), score == null ? null : ((Number) score).intValue(),
                CaseVariables.text(execution, "satisfactionRemark"));
    }
}
