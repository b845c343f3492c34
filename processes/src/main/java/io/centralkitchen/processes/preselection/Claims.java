package io.centralkitchen.processes.preselection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * What the claims checks found in a submission (table {@code claim_hit}, per check) and the claims finally approved
 * for air with the product ({@code product_claim}): what the host may say.
 */
@Repository
public class Claims {

    /** A phrase an editor kept despite a rule, with the justification. */
    public record Justified(String ruleCode, String phrase, String justification) {
    }

    private final JdbcTemplate jdbc;

    public Claims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the hits of a new check of the submission; returns the check's number. */
    public int recordCheck(long submissionId, List<ClaimsChecker.Hit> hits, String justification) {
        Integer lastCheck = jdbc.queryForObject("select max(check_no) from claim_hit where submission_id = ?", Integer.class,
                submissionId);
        int checkNo = lastCheck == null ? 1 : lastCheck + 1;
        boolean justified = justification != null && !justification.isEmpty();
        Timestamp now = Timestamp.from(Instant.now());
        for (ClaimsChecker.Hit hit : hits) {
            jdbc.update("insert into claim_hit (submission_id, check_no, rule_code, phrase, source, line_text, resolution,"
                            + " justification, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", submissionId, checkNo, hit.ruleCode(),
                    hit.phrase(), hit.source(), hit.line(), justified ? "JUSTIFIED" : "OPEN", justified ? justification : null, now);
        }
        return checkNo;
    }

    public List<Justified> justified(long submissionId) {
        return jdbc.query("select rule_code, phrase, justification from claim_hit where submission_id = ? and resolution = 'JUSTIFIED'"
                + " order by id", (rs, i) -> new Justified(rs.getString(1), rs.getString(2), rs.getString(3)), submissionId);
    }

    /**
     * The claims approved for air, replacing any earlier approval of the same submission; a line kept despite a rule
     * hit carries the editor's justification with it.
     */
    public void approve(long submissionId, long productId, List<String> sellingPoints, List<String> scriptLines, String approvedBy) {
        jdbc.update("delete from product_claim where submission_id = ?", submissionId);
        Timestamp now = Timestamp.from(Instant.now());
        store(submissionId, productId, ClaimsChecker.SELLING_POINT, sellingPoints, approvedBy, now);
        store(submissionId, productId, ClaimsChecker.SCRIPT_LINE, scriptLines, approvedBy, now);
    }

    private void store(long submissionId, long productId, String source, List<String> lines, String approvedBy, Timestamp now) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            List<String> justification = jdbc.queryForList("select justification from claim_hit where submission_id = ?"
                    + " and resolution = 'JUSTIFIED' and source = ? and line_text = ? order by id desc", String.class,
                    submissionId, source, line);
            jdbc.update("insert into product_claim (product_id, submission_id, source, position, claim_text, justification,"
                            + " approved_by, approved_at) values (?, ?, ?, ?, ?, ?, ?, ?)", productId, submissionId, source, i + 1,
                    line, justification.isEmpty() ? null : justification.get(0), approvedBy, now);
        }
    }
}
