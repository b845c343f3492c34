package io.centralkitchen.processes.preselection.steps;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the editor approving a product for air needs to see: the product, the reviewers' sign-offs, the claims. */
@Component
public class ApprovalSummary {

    private final JdbcTemplate jdbc;

    public ApprovalSummary(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String of(long submissionId, VariableScope scope) {
        StringBuilder md = new StringBuilder("### Quality reviews\n\n");
        jdbc.query("select reviewer, decision, sample_result, comment_text from quality_review where submission_id = ? order by id",
                rs -> {
                    md.append("- ").append(rs.getString(1)).append(": **").append(rs.getString(2)).append("**, sample ")
                            .append(rs.getString(3));
                    String comment = rs.getString(4);
                    if (comment != null && !comment.isBlank()) {
                        md.append(" — ").append(comment);
                    }
                    md.append('\n');
                }, submissionId);
        md.append("\n### Claims for air\n\n");
        appendLines(md, "Selling points", Steps.lines(scope, "sellingPoints"));
        appendLines(md, "Script lines", Steps.lines(scope, "scriptLines"));
        jdbc.query("select rule_code, phrase, justification from claim_hit where submission_id = ? and resolution = 'JUSTIFIED' order by id",
                rs -> {
                    md.append("- kept **").append(rs.getString(2)).append("** (rule ").append(rs.getString(1)).append("), justified: ")
                            .append(rs.getString(3)).append('\n');
                }, submissionId);
        return md.toString();
    }

    private static void appendLines(StringBuilder md, String title, java.util.List<String> lines) {
        md.append("**").append(title).append("**\n\n");
        if (lines.isEmpty()) {
            md.append("(none)\n");
        }
        lines.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
    }
}
