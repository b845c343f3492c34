package io.centralkitchen.processes.preselection.steps;

import java.util.Map;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.notification.Notification;
import io.centralkitchen.processes.notification.Notifier;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Rejects the submission with the reason of the step that refused it (input {@code rejectionReason}); the product is
 * off the catalogue until a new submission passes. The supplier is told why.
 */
@Component("rejectSubmission")
public class RejectSubmission implements JavaDelegate {

    private final Dossier dossier;
    private final Notifier notifier;


    private final Products products;
    private final ArchiveLog archive;

    public RejectSubmission(Dossier dossier, Notifier notifier, Products products, ArchiveLog archive) {
        this.archive = archive;
        this.products = products;
        this.dossier = dossier;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Submission submission = Steps.submission(execution, dossier);
        String reason = Steps.text(execution, "rejectionReason");
        if (reason == null || reason.isEmpty()) {
            reason = "Rejected in pre-selection";
        }
        if (reason.length() > 1000) {
            reason = reason.substring(0, 999) + "…";
        }
        dossier.setStatus(submission.id(), Submission.Status.REJECTED, reason);
        products.changeStatus(submission.productId(), Product.REJECTED, reason);
        archive.document(submission.stationId(), ArchiveSubject.product(submission.productId()), "REJECTION", Map.of(
                "submissionId", submission.id(), "reason", reason), Steps.currentUser());
        notifier.notify(new Notification(submission.stationId(), "SUPPLIER", String.valueOf(submission.supplierId()),
                "preselection.rejected", "'" + Steps.text(execution, "productName") + "' was not accepted",
                "Submission " + submission.id() + " was rejected: " + reason, "submission:" + submission.id(),
                "rejected:" + submission.id()));
    }
}
