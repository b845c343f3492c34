package io.centralkitchen.processes.preselection.steps;

import java.util.Map;
import java.util.LinkedHashMap;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.api.Markdown;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.preselection.Claims;
import io.centralkitchen.processes.preselection.ClaimsChecker;
import io.centralkitchen.processes.preselection.ClaimsRules;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.preselection.EvidenceDocument;
import io.centralkitchen.processes.preselection.EvidenceType;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

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
    private final Claims claims;
    private final Products products;
    private final ArchiveLog archive;

    public ClaimsCheck(ClaimsRules rules, Dossier dossier, Claims claims, Products products, ArchiveLog archive) {
        this.archive = archive;
        this.products = products;
        this.rules = rules;
        this.dossier = dossier;
        this.claims = claims;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Submission submission = Steps.submission(execution, dossier);
        Product product = products.require(submission.productId());
        List<ClaimsChecker.Hit> hits = rules.checker().check(product.category(), Steps.lines(execution, "sellingPoints"),
                Steps.lines(execution, "scriptLines"), registeredFunctions(product));
        String justification = Steps.text(execution, "claimsJustification");
        boolean justified = !hits.isEmpty() && justification != null && !justification.isEmpty();
        claims.recordCheck(submission.id(), hits, justified ? justification : null);
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("submissionId", submission.id());
        findings.put("sellingPoints", Steps.lines(execution, "sellingPoints"));
        findings.put("scriptLines", Steps.lines(execution, "scriptLines"));
        findings.put("hits", hits);
        findings.put("justification", justified ? justification : null);
        findings.put("cleared", hits.isEmpty() || justified);
        archive.document(submission.stationId(), ArchiveSubject.product(submission.productId()), "CLAIMS_FINDINGS", findings,
                Steps.currentUser());
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
            md.append("- **").append(Markdown.text(hit.phrase())).append("** in ").append(hit.source().equals(ClaimsChecker.SELLING_POINT)
                            ? "selling point" : "script line").append(" \"").append(Markdown.text(hit.line())).append("\" — rule ")
                    .append(hit.ruleCode()).append(" (").append(hit.lawRef()).append("): ").append(hit.advice()).append('\n');
        }
        return md.toString();
    }
}
