package io.centralkitchen.processes.aftersales;

import io.centralkitchen.routes.platform.PlatformAdapter;
import io.centralkitchen.routes.platform.PlatformAdapters;
import io.centralkitchen.routes.platform.PlatformRefusedException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Records the resolution chosen in Tasklist and answers the platform's ticket with it. A refusal by the platform
 * becomes the BPMN error {@code platform-refused} (with the platform's answer) for a person to handle; a platform that
 * does not answer fails the job, which is retried and then becomes an incident carrying the platform's answer.
 */
@Component("sendCaseResolution")
public class SendCaseResolution implements JavaDelegate {

    public static final String PLATFORM_REFUSED = "platform-refused";

    private final AfterSalesCases cases;
    private final PlatformAdapters platforms;

    public SendCaseResolution(AfterSalesCases cases, PlatformAdapters platforms) {
        this.cases = cases;
        this.platforms = platforms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AfterSalesCases.Case c = CaseVariables.theCase(execution, cases);
        long caseId = c.id();
        String resolution = CaseVariables.text(execution, "resolution");
        PlatformAdapter.ResolutionType type = PlatformAdapter.ResolutionType.valueOf(resolution.toUpperCase(Locale.ROOT));
        var refundAmount = type == PlatformAdapter.ResolutionType.REFUND ? CaseVariables.amount(execution, "refundAmount") : null;
        String note = CaseVariables.text(execution, "resolutionNote");
        cases.resolved(caseId, resolution, note, refundAmount, CaseVariables.flag(execution, "confirmed"), CaseVariables.flag(execution, "severe"));
        String caseRef = c.caseRef();
        try {
            String reference = platforms.get(c.stationId(), c.platform()).sendCaseResolution(new PlatformAdapter.CaseResolution(
                    c.stationId(), "case:" + c.stationId() + ":" + caseRef + ":resolution", caseRef,
                    c.ticketId(), c.orderId(), type, refundAmount, note));
            cases.platformReference(caseId, reference);
            execution.setVariable("platformReference", reference);
        } catch (PlatformRefusedException refused) {
            throw new BpmnError(PLATFORM_REFUSED, refused.getMessage());
        }
    }
}
