package io.centralkitchen.processes.preselection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Each quality reviewer's sign-off (or refusal) of a submission (table {@code quality_review}). */
@Repository
public class QualityReviews {

    /** One reviewer's sign-off as the approving editor sees it. */
    public record Review(String reviewer, String decision, String sampleResult, String comment) {
    }

    private final JdbcTemplate jdbc;

    public QualityReviews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether {@code reviewer} already signed the submission in another task than {@code taskId}. */
    public boolean signedElsewhere(long submissionId, String reviewer, String taskId) {
        Integer earlier = jdbc.queryForObject("select count(*) from quality_review where submission_id = ? and reviewer = ?"
                + " and task_id <> ?", Integer.class, submissionId, reviewer, taskId);
        return earlier != null && earlier > 0;
    }

    /** Records the sign-off of the task (a repeated completion of the same task replaces it); answers its row id. */
    public long record(long submissionId, String taskId, String reviewer, String decision, String sampleResult, String comment) {
        jdbc.update("delete from quality_review where task_id = ?", taskId);
        jdbc.update("insert into quality_review (submission_id, task_id, reviewer, decision, sample_result, comment_text, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)", submissionId, taskId, reviewer, decision, sampleResult, comment,
                Timestamp.from(Instant.now()));
        return jdbc.queryForObject("select id from quality_review where task_id = ?", Long.class, taskId);
    }

    public List<Review> ofSubmission(long submissionId) {
        return jdbc.query("select reviewer, decision, sample_result, comment_text from quality_review where submission_id = ?"
                + " order by id", (rs, i) -> new Review(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                submissionId);
    }
}
