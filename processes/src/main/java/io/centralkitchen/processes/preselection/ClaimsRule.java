package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.ProductCategory;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of the claims rule set (table {@code claims_rule}).
 *
 * @param categories       categories it applies to; empty = all
 * @param registeredExempt a phrase listed among the product's registered health-food functions is allowed
 */
public record ClaimsRule(String code, String kind, Pattern pattern, Set<ProductCategory> categories, boolean registeredExempt,
                         String lawRef, String advice) {

    public static ClaimsRule of(String code, String kind, String matchType, String pattern, Set<ProductCategory> categories,
                                boolean registeredExempt, String lawRef, String advice) {
        Pattern compiled = "REGEX".equals(matchType)
                ? Pattern.compile(pattern, Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE)
                : Pattern.compile(Pattern.quote(pattern), Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);
        return new ClaimsRule(code, kind, compiled, categories, registeredExempt, lawRef, advice);
    }

    public boolean appliesTo(ProductCategory category) {
        return categories.isEmpty() || categories.contains(category);
    }

    public Matcher matcher(String text) {
        return pattern.matcher(text);
    }
}
