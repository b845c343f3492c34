package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.api.Markdown;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.preselection.EvidenceFilesController;

import io.centralkitchen.processes.preselection.EvidenceDocument;
import io.centralkitchen.processes.preselection.PreselectionProperties;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;


import java.time.LocalDate;


import java.util.List;

/**
 * Prepares a review task: moves the submission to the matching status and puts the dossier into the task's form —
 * every document with its dates and a short-lived download link (renewed whenever the task is claimed, so a link
 * seen by a reviewer is fresh).
 */
@Component("dossierForTask")
public class DossierForTask implements TaskListener {


    private final Dossier dossier;
    private final PreselectionProperties properties;
    private final ApprovalSummary approvalSummary;


    private final Products products;

    public DossierForTask(Dossier dossier, PreselectionProperties properties, ApprovalSummary approvalSummary, Products products) {
        this.products = products;
        this.dossier = dossier;
        this.properties = properties;
        this.approvalSummary = approvalSummary;
    }

    @Override
    public void notify(DelegateTask task) {
        Submission submission = Steps.submission(task, dossier);
        long submissionId = submission.id();
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            Submission.Status status = switch (task.getTaskDefinitionKey()) {
                case "reviewQuality" -> Submission.Status.IN_QUALITY_REVIEW;
                case "reviseClaims" -> Submission.Status.IN_CLAIMS_REVIEW;
                default -> Submission.Status.AWAITING_APPROVAL;
            };
            dossier.setStatus(submissionId, status, null);
            nameTheReview(task);
        }
        Product product = products.require(submission.productId());
        task.setVariableLocal("evidenceSummary", evidenceSummary(product));
        if ("approveForAir".equals(task.getTaskDefinitionKey())) {
            task.setVariableLocal("approvalSummary", approvalSummary.of(submissionId, task));
        }
    }

    /** Two reviewers' tasks are told apart: "… — review 1 of 2", "… — review 2 of 2". */
    private static void nameTheReview(DelegateTask task) {
        Object index = task.getExecution().getVariable("loopCounter");
        Object count = task.getExecution().getVariable("nrOfInstances");
        if ("reviewQuality".equals(task.getTaskDefinitionKey()) && index instanceof Number i && count instanceof Number n
                && n.intValue() > 1) {
            task.setName(task.getName() + " — review " + (i.intValue() + 1) + " of " + n.intValue());
        }
    }

    String evidenceSummary(Product product) {
        LocalDate day = product.evidenceDay();
        List<EvidenceDocument> documents = dossier.evidenceFor(product.supplierId(), product.id());
        StringBuilder md = new StringBuilder("### Evidence\n\n");
        if (documents.isEmpty()) {
            md.append("No documents.\n");
        }
        for (EvidenceDocument d : documents) {
            md.append("- **").append(d.type().label()).append("** ").append(Markdown.text(d.number())).append(", ").append(Markdown.text(d.issuer()));
            if (d.result() != null) {
                md.append(", result **").append(d.result()).append("** recorded by ").append(d.recordedBy());
            }
            if (d.validUntil() != null) {
                md.append(", valid ").append(d.validFrom() == null ? "" : d.validFrom() + " ").append("until **").append(d.validUntil()).append("**");
                if (!d.validOn(day)) {
                    md.append(" (EXPIRED on ").append(day).append(")");
                }
            }
            if (d.objectKey() != null) {
                md.append(" — [").append(Markdown.text(d.fileName())).append("](").append(EvidenceFilesController.link(d.id()))
                        .append("), SHA-256 `").append(d.sha256(), 0, 12).append("…`");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
