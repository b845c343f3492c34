package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.notification.Notification;
import io.centralkitchen.processes.notification.Notifier;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.preselection.EvidenceType;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.stream.Collectors;

/** Tells the supplier which documents are missing and by when; the submission waits for them. */
@Component("requestMissingEvidence")
public class RequestMissingEvidence implements JavaDelegate {

    static final String TOPIC = "preselection.evidence-requested";

    private final Dossier dossier;
    private final Notifier notifier;

    public RequestMissingEvidence(Dossier dossier, Notifier notifier) {
        this.dossier = dossier;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Submission submission = Steps.submission(execution, dossier);
        String missing = Steps.text(execution, "missingEvidence");
        Date deadline = (Date) execution.getVariable("evidenceDeadline");
        String day = deadline.toInstant().atZone(ZoneId.systemDefault()).toLocalDate().toString();
        String list = Arrays.stream(missing.split(",")).map(EvidenceType::valueOf)
                .map(t -> "- " + t.label() + " [" + t.name() + "]").collect(Collectors.joining("\n"));
        dossier.setStatus(submission.id(), Submission.Status.WAITING_FOR_EVIDENCE, "Missing evidence: " + missing + "; supply by " + day);
        notifier.notify(new Notification(submission.stationId(), "SUPPLIER", String.valueOf(submission.supplierId()), TOPIC,
                "Evidence missing for '" + Steps.text(execution, "productName") + "' (submission " + submission.id() + ")",
                "Please add these documents to submission " + submission.id() + " by " + day
                        + " (POST /api/preselection/submissions/" + submission.id() + "/evidence), or it will be rejected:\n" + list,
                "submission:" + submission.id(), "evidence-request:" + submission.id() + ":" + missing));
    }
}
