package io.centralkitchen.processes.commerce;

import jakarta.annotation.PostConstruct;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The commerce desk's compliance rules as data: the built-in {@code commerce-rules.yml}, or the operator's file
 * ({@code kitchen.commerce.rules-file}), read again whenever that file changes. A file that cannot be read keeps the
 * application from starting (and, changed later, refuses plans with its reason until it is fixed).
 */
@Component
public class CommerceRules {

    public static final List<String> FIELD_KINDS = List.of("amount", "integer", "text", "time");

    /** One field of a promotion type and its limits. */
    public record FieldRule(String name, String kind, boolean required, BigDecimal min, BigDecimal max, Integer maxLength,
                            String after, String below, boolean reducedPrice) {
    }

    public record TypeRules(String type, boolean slotRequired, boolean rulesPublishedBeforeStart, Map<String, FieldRule> fields) {
    }

    public record Rules(boolean identityCheckRequired, Set<String> qualificationRequiredFor, int referencePriceDays,
                        Map<String, TypeRules> types) {
    }

    private final CommerceProperties properties;
    private volatile Rules current;
    private volatile FileTime loadedVersion;

    public CommerceRules(CommerceProperties properties) {
        this.properties = properties;
    }

    @PostConstruct
    void load() {
        rules();
    }

    /** The rules in force now. */
    public Rules rules() {
        String file = properties.getRulesFile();
        if (file == null || file.isBlank()) {
            if (current == null) {
                try (InputStream in = new ClassPathResource("commerce-rules.yml").getInputStream()) {
                    current = parse(in, "commerce-rules.yml (built in)");
                } catch (IOException e) {
                    throw new IllegalStateException("The built-in commerce rules cannot be read: " + e.getMessage(), e);
                }
            }
            return current;
        }
        Path path = Path.of(file);
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            if (current == null || !modified.equals(loadedVersion)) {
                try (InputStream in = Files.newInputStream(path)) {
                    current = parse(in, path.toString());
                    loadedVersion = modified;
                }
            }
            return current;
        } catch (IOException e) {
            throw new IllegalStateException("The commerce rules file '" + file + "' (kitchen.commerce.rules-file) cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** An ISO-8601 time with offset, or a local one in the server's zone (as the show planner reads times). */
    public static java.time.Instant parseTime(String text) {
        String t = text.strip();
        if (t.length() > 40) {
            throw new IllegalArgumentException("Not a time: too long");
        }
        try {
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (RuntimeException withoutOffset) {
            return java.time.LocalDateTime.parse(t).atZone(java.time.ZoneId.systemDefault()).toInstant();
        }
    }

    public TypeRules type(String type) {
        return rules().types().get(type);
    }

    @SuppressWarnings("unchecked")
    static Rules parse(InputStream in, String source) {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(loaded instanceof Map<?, ?> root)) {
            throw new IllegalStateException("The commerce rules " + source + " are not a YAML mapping");
        }
        Map<String, Object> hosts = map(root.get("hosts"), source, "hosts");
        Map<String, Object> promotions = map(root.get("promotions"), source, "promotions");
        Set<String> qualified = new TreeSet<>();
        Object list = hosts.get("qualificationRequiredFor");
        if (list instanceof List<?> l) {
            l.forEach(c -> qualified.add(String.valueOf(c).strip().toUpperCase(Locale.ROOT)));
        }
        Map<String, TypeRules> types = new LinkedHashMap<>();
        map(promotions.get("types"), source, "promotions.types").forEach((type, value) -> {
            Map<String, Object> t = map(value, source, "promotions.types." + type);
            Map<String, FieldRule> fields = new LinkedHashMap<>();
            map(t.get("fields"), source, "promotions.types." + type + ".fields").forEach((name, f) -> {
                String where = "promotions.types." + type + ".fields." + name;
                Map<String, Object> field = map(f, source, where);
                String kind = String.valueOf(field.get("kind"));
                if (!FIELD_KINDS.contains(kind)) {
                    throw new IllegalStateException("The commerce rules " + source + ": " + where + ".kind must be one of "
                            + FIELD_KINDS + " (got '" + kind + "')");
                }
                fields.put(name, new FieldRule(name, kind, Boolean.TRUE.equals(field.get("required")), number(field.get("min")),
                        number(field.get("max")), field.get("maxLength") == null ? null : ((Number) field.get("maxLength")).intValue(),
                        (String) field.get("after"), (String) field.get("below"), Boolean.TRUE.equals(field.get("reducedPrice"))));
            });
            types.put(type.toUpperCase(Locale.ROOT), new TypeRules(type.toUpperCase(Locale.ROOT), Boolean.TRUE.equals(t.get("slotRequired")),
                    Boolean.TRUE.equals(t.get("rulesPublishedBeforeStart")), fields));
        });
        Object days = promotions.get("referencePriceDays");
        return new Rules(!Boolean.FALSE.equals(hosts.get("identityCheckRequired")), qualified,
                days instanceof Number n ? n.intValue() : 7, types);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String source, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException("The commerce rules " + source + ": '" + where + "' must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static BigDecimal number(Object value) {
        return value == null ? null : new BigDecimal(String.valueOf(value));
    }
}
