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
    private final AfterSalesCases cases;

    public SendSatisfactionSurvey(PlatformAdapters platforms, AfterSalesProperties properties, AfterSalesCases cases) {
        this.platforms = platforms;
        this.properties = properties;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AfterSalesCases.Case c = CaseVariables.theCase(execution, cases);
        String caseRef = c.caseRef();
        try {
            String reference = platforms.get(c.stationId(), c.platform()).sendSatisfactionSurvey(
                    new PlatformAdapter.SatisfactionSurvey(c.stationId(), "case:" + c.stationId() + ":" + caseRef
                            + ":survey", caseRef, c.orderId(), properties.getSurveyQuestion()));
            execution.setVariable("surveyReference", reference);
        } catch (PlatformRefusedException refused) {
            throw new BpmnError(SendCaseResolution.PLATFORM_REFUSED, refused.getMessage());
        }
    }
}
