package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.preselection.Submission;
import java.util.Map;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.preselection.EvidenceType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * Stores what DMN {@code product-eligibility} decided with the submission (so the dossier shows which evidence was
 * required) and fixes the evidence deadline of this round: supplying part of the evidence does not extend it.
 */
@Component("recordEligibility")
public class RecordEligibility implements JavaDelegate {

    private final Dossier dossier;
    private final ArchiveLog archive;

    public RecordEligibility(Dossier dossier, ArchiveLog archive) {
        this.archive = archive;
        this.dossier = dossier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String required = Steps.text(execution, "requiredEvidence");
        List<EvidenceType> types = required == null || required.isEmpty() ? List.of()
                : Arrays.stream(required.split(",")).map(String::strip).map(EvidenceType::valueOf).toList();
        Number priority = (Number) execution.getVariable("priority");
        Submission submission = Steps.submission(execution, dossier);
        dossier.setEligibility(submission.id(), types, priority == null ? null : priority.intValue());
        archive.document(submission.stationId(), ArchiveSubject.product(submission.productId()), "ELIGIBILITY", Map.of(
                "submissionId", submission.id(), "requiredEvidence", types.stream().map(Enum::name).toList(),
                "priority", String.valueOf(priority), "decision", "product-eligibility"), null);
        if (execution.getVariable("evidenceDeadline") == null) {
            Duration wait = Duration.parse(Steps.text(execution, "evidenceWait"));
            execution.setVariable("evidenceDeadline", new Date(ClockUtil.getCurrentTime().getTime() + wait.toMillis()));
        }
    }
}
