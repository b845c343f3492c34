package io.centralkitchen.processes.preselection.steps;

import java.util.Map;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.notification.Notification;
import io.centralkitchen.processes.notification.Notifier;
import io.centralkitchen.processes.preselection.Claims;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Puts the product into the catalogue: approved, with the claims as approved (what the host may say on air) and the
 * editor who approved them. Repeating the step rewrites the same records.
 */
@Component("approveProduct")
public class ApproveProduct implements JavaDelegate {

    private final Dossier dossier;
    private final Claims claims;
    private final Notifier notifier;


    private final Products products;
    private final ArchiveLog archive;

    public ApproveProduct(Dossier dossier, Claims claims, Notifier notifier, Products products, ArchiveLog archive) {
        this.archive = archive;
        this.products = products;
        this.dossier = dossier;
        this.claims = claims;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Submission submission = Steps.submission(execution, dossier);
        List<String> sellingPoints = Steps.lines(execution, "sellingPoints");
        List<String> scriptLines = Steps.lines(execution, "scriptLines");
        String approvedBy = Steps.text(execution, "approvedBy");
        if (approvedBy == null) {
            approvedBy = Steps.currentUser() == null ? "unknown" : Steps.currentUser();
        }
        products.setClaims(submission.productId(), sellingPoints, scriptLines);
        claims.approve(submission.id(), submission.productId(), sellingPoints, scriptLines, approvedBy);
        products.changeStatus(submission.productId(), Product.APPROVED, null);
        archive.document(submission.stationId(), ArchiveSubject.product(submission.productId()), "APPROVAL_FOR_AIR", Map.of(
                "submissionId", submission.id(), "supplierId", submission.supplierId(), "sellingPoints", sellingPoints,
                "scriptLines", scriptLines, "approvedBy", approvedBy), approvedBy);
        dossier.setStatus(submission.id(), Submission.Status.APPROVED, "Approved for air by " + approvedBy);
        notifier.notify(new Notification(submission.stationId(), "SUPPLIER", String.valueOf(submission.supplierId()),
                "preselection.approved", "'" + Steps.text(execution, "productName") + "' is approved for air",
                "Submission " + submission.id() + " passed pre-selection.", "submission:" + submission.id(),
                "approved:" + submission.id()));
    }
}
