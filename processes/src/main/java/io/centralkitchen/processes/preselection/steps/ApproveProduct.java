package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.notification.Notification;
import io.centralkitchen.processes.notification.Notifier;
import io.centralkitchen.processes.preselection.ClaimsChecker;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Puts the product into the catalogue: approved, with the claims as approved (what the host may say on air) and the
 * editor who approved them. Repeating the step rewrites the same records.
 */
@Component("approveProduct")
public class ApproveProduct implements JavaDelegate {

    private final Dossier dossier;
    private final JdbcTemplate jdbc;
    private final Notifier notifier;

    public ApproveProduct(Dossier dossier, JdbcTemplate jdbc, Notifier notifier) {
        this.dossier = dossier;
        this.jdbc = jdbc;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Submission submission = dossier.requireSubmission(Steps.submissionId(execution));
        List<String> sellingPoints = Steps.lines(execution, "sellingPoints");
        List<String> scriptLines = Steps.lines(execution, "scriptLines");
        String approvedBy = Steps.text(execution, "approvedBy");
        if (approvedBy == null) {
            approvedBy = Steps.currentUser() == null ? "unknown" : Steps.currentUser();
        }
        dossier.setClaims(submission.productId(), sellingPoints, scriptLines);
        jdbc.update("delete from product_claim where submission_id = ?", submission.id());
        Timestamp now = Timestamp.from(Instant.now());
        storeClaims(submission, ClaimsChecker.SELLING_POINT, sellingPoints, approvedBy, now);
        storeClaims(submission, ClaimsChecker.SCRIPT_LINE, scriptLines, approvedBy, now);
        dossier.setProductStatus(submission.productId(), Product.APPROVED, null);
        dossier.setStatus(submission.id(), Submission.Status.APPROVED, "Approved for air by " + approvedBy);
        notifier.notify(new Notification(submission.stationId(), "SUPPLIER", String.valueOf(submission.supplierId()),
                "preselection.approved", "'" + Steps.text(execution, "productName") + "' is approved for air",
                "Submission " + submission.id() + " passed pre-selection.", "submission:" + submission.id(),
                "approved:" + submission.id()));
    }

    private void storeClaims(Submission submission, String source, List<String> lines, String approvedBy, Timestamp now) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // A line kept despite a rule hit carries the editor's justification with it.
            List<String> justification = jdbc.queryForList("select justification from claim_hit where submission_id = ?"
                    + " and resolution = 'JUSTIFIED' and source = ? and line_text = ? order by id desc", String.class,
                    submission.id(), source, line);
            jdbc.update("insert into product_claim (product_id, submission_id, source, position, claim_text, justification, approved_by,"
                            + " approved_at) values (?, ?, ?, ?, ?, ?, ?, ?)", submission.productId(), submission.id(), source, i + 1,
                    line, justification.isEmpty() ? null : justification.get(0), approvedBy, now);
        }
    }
}
