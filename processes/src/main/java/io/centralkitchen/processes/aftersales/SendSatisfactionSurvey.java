package io.centralkitchen.processes.aftersales;

import io.centralkitchen.routes.platform.PlatformAdapter;
import io.centralkitchen.routes.platform.PlatformAdapters;
import io.centralkitchen.routes.platform.PlatformRefusedException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Asks the customer how satisfied they are, through the platform; the answer comes back as a survey.answered webhook. */
@Component("sendSatisfactionSurvey")
public class SendSatisfactionSurvey implements JavaDelegate {

    private final PlatformAdapters platforms;
    private final AfterSalesProperties properties;

    public SendSatisfactionSurvey(PlatformAdapters platforms, AfterSalesProperties properties) {
        this.platforms = platforms;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseRef = CaseVariables.text(execution, "caseRef");
        try {
            String reference = platforms.get(execution.getTenantId(), CaseVariables.text(execution, "platform")).sendSatisfactionSurvey(
                    new PlatformAdapter.SatisfactionSurvey(execution.getTenantId(), "case:" + execution.getTenantId() + ":" + caseRef
                            + ":survey", caseRef, CaseVariables.text(execution, "orderId"), properties.getSurveyQuestion()));
            execution.setVariable("surveyReference", reference);
        } catch (PlatformRefusedException refused) {
            throw new BpmnError(SendCaseResolution.PLATFORM_REFUSED, refused.getMessage());
        }
    }
}
