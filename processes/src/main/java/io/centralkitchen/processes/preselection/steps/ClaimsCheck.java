package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.preselection.ClaimsChecker;
import io.centralkitchen.processes.preselection.ClaimsRules;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.preselection.EvidenceDocument;
import io.centralkitchen.processes.preselection.EvidenceType;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the selling points and script lines (as the editor last left them) against the claims rules. Hits are
 * stored per check; they are cleared when a check finds none, or when the editor justified keeping them.
 */
@Component("claimsCheck")
public class ClaimsCheck implements JavaDelegate {

    private final ClaimsRules rules;
    private final Dossier dossier;
    private final JdbcTemplate jdbc;

    public ClaimsCheck(ClaimsRules rules, Dossier dossier, JdbcTemplate jdbc) {
        this.rules = rules;
        this.dossier = dossier;
        this.jdbc = jdbc;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Submission submission = dossier.requireSubmission(Steps.submissionId(execution));
        Product product = dossier.requireProduct(submission.productId());
        List<ClaimsChecker.Hit> hits = rules.checker().check(product.category(), Steps.lines(execution, "sellingPoints"),
                Steps.lines(execution, "scriptLines"), registeredFunctions(product));
        String justification = Steps.text(execution, "claimsJustification");
        boolean justified = !hits.isEmpty() && justification != null && !justification.isEmpty();
        Integer lastCheck = jdbc.queryForObject("select max(check_no) from claim_hit where submission_id = ?", Integer.class, submission.id());
        int checkNo = lastCheck == null ? 1 : lastCheck + 1;
        Timestamp now = Timestamp.from(Instant.now());
        for (ClaimsChecker.Hit hit : hits) {
            jdbc.update("insert into claim_hit (submission_id, check_no, rule_code, phrase, source, line_text, resolution, justification,"
                            + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", submission.id(), checkNo, hit.ruleCode(), hit.phrase(),
                    hit.source(), hit.line(), justified ? "JUSTIFIED" : "OPEN", justified ? justification : null, now);
        }
        execution.setVariable("claimsCleared", hits.isEmpty() || justified);
        execution.setVariable("claimsHitCount", hits.size());
        execution.setVariable("claimsHitSummary", summary(hits));
    }

    /** Functions listed on the product's health-food registration: the only health claims it may make. */
    private Set<String> registeredFunctions(Product product) {
        return dossier.evidenceFor(product.supplierId(), product.id()).stream()
                .filter(d -> d.type() == EvidenceType.HEALTH_FOOD_REGISTRATION && d.scope() != null)
                .map(EvidenceDocument::scope)
                .flatMap(scope -> Arrays.stream(scope.split("[,，、;；]")))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    static String summary(List<ClaimsChecker.Hit> hits) {
        if (hits.isEmpty()) {
            return "No claims rule matched.";
        }
        StringBuilder md = new StringBuilder("### " + hits.size() + " phrase(s) matched the claims rules\n\n");
        for (ClaimsChecker.Hit hit : hits) {
            md.append("- **").append(hit.phrase()).append("** in ").append(hit.source().equals(ClaimsChecker.SELLING_POINT)
                            ? "selling point" : "script line").append(" \"").append(hit.line()).append("\" — rule ")
                    .append(hit.ruleCode()).append(" (").append(hit.lawRef()).append("): ").append(hit.advice()).append('\n');
        }
        return md.toString();
    }
}
