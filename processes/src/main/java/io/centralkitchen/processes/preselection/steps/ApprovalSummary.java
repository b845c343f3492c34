package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.api.Markdown;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.centralkitchen.processes.preselection.Claims;
import io.centralkitchen.processes.preselection.QualityReviews;
import org.springframework.stereotype.Component;

/** What the editor approving a product for air needs to see: the product, the reviewers' sign-offs, the claims. */
@Component
public class ApprovalSummary {

    private final QualityReviews reviews;
    private final Claims claims;

    public ApprovalSummary(QualityReviews reviews, Claims claims) {
        this.reviews = reviews;
        this.claims = claims;
    }

    public String of(long submissionId, VariableScope scope) {
        StringBuilder md = new StringBuilder("### Quality reviews\n\n");
        for (QualityReviews.Review review : reviews.ofSubmission(submissionId)) {
            md.append("- ").append(review.reviewer()).append(": **").append(review.decision()).append("**, sample ")
                    .append(review.sampleResult());
            if (review.comment() != null && !review.comment().isBlank()) {
                md.append(" — ").append(Markdown.text(review.comment()));
            }
            md.append('\n');
        }
        md.append("\n### Claims for air\n\n");
        appendLines(md, "Selling points", Steps.lines(scope, "sellingPoints"));
        appendLines(md, "Script lines", Steps.lines(scope, "scriptLines"));
        for (Claims.Justified kept : claims.justified(submissionId)) {
            md.append("- kept **").append(Markdown.text(kept.phrase())).append("** (rule ").append(kept.ruleCode()).append("), justified: ")
                    .append(Markdown.text(kept.justification())).append('\n');
        }
        return md.toString();
    }

    private static void appendLines(StringBuilder md, String title, java.util.List<String> lines) {
        md.append("**").append(title).append("**\n\n");
        if (lines.isEmpty()) {
            md.append("(none)\n");
        }
        lines.forEach(line -> md.append("- ").append(Markdown.text(line)).append('\n'));
        md.append('\n');
    }
}
