package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.ProductCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Checks selling points and script lines against the claims rule set: absolute terms (Advertising Law), medical and
 * health-function claims on food, fake scarcity. Each hit names the rule and the phrase, so the editor knows what to
 * rewrite or justify.
 */
public final class ClaimsChecker {

    public static final String SELLING_POINT = "SELLING_POINT";
    public static final String SCRIPT_LINE = "SCRIPT_LINE";

    public record Hit(String ruleCode, String kind, String phrase, String source, String line, String lawRef, String advice) {
    }

    private final List<ClaimsRule> rules;

    public ClaimsChecker(List<ClaimsRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * @param registeredFunctions health functions on the product's health-food registration (allowed for rules that
     *                            exempt registered phrases)
     */
    public List<Hit> check(ProductCategory category, List<String> sellingPoints, List<String> scriptLines,
                           Set<String> registeredFunctions) {
        List<Hit> hits = new ArrayList<>();
        checkLines(category, SELLING_POINT, sellingPoints, registeredFunctions, hits);
        checkLines(category, SCRIPT_LINE, scriptLines, registeredFunctions, hits);
        return hits;
    }

    private void checkLines(ProductCategory category, String source, List<String> lines, Set<String> registered, List<Hit> hits) {
        for (String line : lines) {
            for (ClaimsRule rule : rules) {
                if (!rule.appliesTo(category)) {
                    continue;
                }
                Matcher m = rule.matcher(line);
                while (m.find()) {
                    String phrase = m.group();
                    boolean exempt = rule.registeredExempt() && category == ProductCategory.HEALTH_FOOD && registered.contains(phrase);
                    if (!exempt) {
                        hits.add(new Hit(rule.code(), rule.kind(), phrase, source, line, rule.lawRef(), rule.advice()));
                    }
                }
            }
        }
    }
}
