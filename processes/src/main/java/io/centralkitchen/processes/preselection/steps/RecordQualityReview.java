package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.catalogue.SupplierQuality;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.preselection.QualityReviews;
import io.centralkitchen.processes.preselection.EvidenceType;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Records one quality reviewer's sign-off when they complete the review task. Two sign-offs must come from two
 * different people, a failed sample test cannot be approved, and a failed test lowers the supplier's quality score.
 * A refusal ends the review for everyone (the multi-instance completion condition reads {@code qualityRejected}).
 */
@Component("recordQualityReview")
public class RecordQualityReview implements TaskListener {

    /** Form fields of preselection-quality-review; removed after recording so the next reviewer starts blank. */
    static final List<String> FORM_FIELDS = List.of("qualityDecision", "sampleResult", "sampleReportNumber", "sampleLab", "qualityComment");
    static final int FAILED_SAMPLE_PENALTY = -10;

    private final QualityReviews reviews;
    private final Dossier dossier;
    private final SupplierQuality supplierQuality;
    private final ArchiveLog archive;

    public RecordQualityReview(QualityReviews reviews, Dossier dossier, SupplierQuality supplierQuality, ArchiveLog archive) {
        this.archive = archive;
        this.reviews = reviews;
        this.dossier = dossier;
        this.supplierQuality = supplierQuality;
    }

    @Override
    public void notify(DelegateTask task) {
        Submission submission = Steps.submission(task, dossier);
        long submissionId = submission.id();
        String reviewer = task.getAssignee() != null ? task.getAssignee() : Steps.currentUser();
        if (reviewer == null) {
            throw new BadUserRequestException("Claim the task before completing it: a quality review is signed by a person");
        }
        String decision = Steps.text(task, "qualityDecision");
        if (!"approve".equals(decision) && !"reject".equals(decision)) {
            throw new BadUserRequestException("Choose a decision (approve or reject) before completing the quality review");
        }
        String sample = Steps.text(task, "sampleResult");
        if (sample == null || !Set.of("PASS", "FAIL", "NOT_TESTED").contains(sample)) {
            throw new BadUserRequestException("Record the sample test result (PASS, FAIL or NOT_TESTED)");
        }
        if ("approve".equals(decision) && "FAIL".equals(sample)) {
            throw new BadUserRequestException("A product whose sample test failed cannot be approved");
        }
        if (reviews.signedElsewhere(submissionId, reviewer, task.getId())) {
            throw new BadUserRequestException(reviewer + " has already reviewed this product; another quality reviewer must sign off");
        }
        String comment = Steps.text(task, "qualityComment");
        long reviewId = reviews.record(submissionId, task.getId(), reviewer, decision.toUpperCase(), sample, comment);
        archive.row(submission.stationId(), ArchiveSubject.product(submission.productId()), "QC_REVIEW", "quality_review", reviewId,
                reviewer);
        if (!"NOT_TESTED".equals(sample)) {
            recordSampleTest(task, submission, reviewer, sample);
        }
        if ("reject".equals(decision)) {
            task.getExecution().getProcessInstance().setVariable("qualityRejected", true);
            task.getExecution().getProcessInstance().setVariable("qualityRejectionReason",
                    "Quality review by " + reviewer + ": " + (comment == null || comment.isEmpty() ? "rejected" : comment));
        }
        FORM_FIELDS.forEach(field -> task.getExecution().getProcessInstance().removeVariable(field));
    }

    private void recordSampleTest(DelegateTask task, Submission submission, String reviewer, String result) {
        String number = Steps.text(task, "sampleReportNumber");
        String lab = Steps.text(task, "sampleLab");
        dossier.insertEvidence(submission.stationId(), submission.supplierId(), submission.productId(), submission.id(),
                EvidenceType.SAMPLE_TEST_RESULT, number == null || number.isEmpty() ? "review-task-" + task.getId() : number,
                lab == null || lab.isEmpty() ? "reviewer " + reviewer : lab, LocalDate.now(), null, null, result, reviewer);
        if ("FAIL".equals(result)) {
            supplierQuality.record(submission.stationId(), submission.supplierId(), submission.productId(), FAILED_SAMPLE_PENALTY,
                    "Sample test failed in pre-selection (submission " + submission.id() + ")", "preselection-sample:" + task.getId());
        }
    }
}
