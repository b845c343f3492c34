package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.ProductCategory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** The active claims rules (table {@code claims_rule}), read at every check so edits apply to the next check. */
@Repository
public class ClaimsRules {

    private final JdbcTemplate jdbc;

    public ClaimsRules(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ClaimsRule> active() {
        return jdbc.query("select code, kind, match_type, pattern, categories, registered_exempt, law_ref, advice from claims_rule"
                + " where active = true order by code", (rs, i) -> {
            try {
                return ClaimsRule.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), categories(rs.getString(5)),
                        rs.getBoolean(6), rs.getString(7), rs.getString(8));
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("Claims rule " + rs.getString(1) + " has an invalid pattern: " + e.getMessage(), e);
            }
        });
    }

    public ClaimsChecker checker() {
        return new ClaimsChecker(active());
    }

    private static Set<ProductCategory> categories(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        Set<ProductCategory> set = EnumSet.noneOf(ProductCategory.class);
        Arrays.stream(list.split(",")).map(String::strip).map(ProductCategory::valueOf).forEach(set::add);
        return set;
    }
}
