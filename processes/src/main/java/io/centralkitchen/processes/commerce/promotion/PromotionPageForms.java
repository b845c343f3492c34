package io.centralkitchen.processes.commerce.promotion;

import io.centralkitchen.processes.commerce.CommerceRules;
import io.centralkitchen.processes.commerce.CommerceRules.FieldRule;
import io.centralkitchen.processes.commerce.CommerceRules.TypeRules;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The promotions page's plan forms, one per promotion kind, made from the commerce rules in force (a kind or field an
 * operator adds to the rules file gets its form and inputs), and the posted form read back into a
 * {@link PromotionService.PromotionForm} for the same checks the API makes.
 */
@Component
public class PromotionPageForms {

    /** One input: the form name ({@code terms.<name>}), its HTML type and limits as the rules state them. */
    public record Input(String name, String term, String kind, String type, boolean required, String min, String max,
                        Integer maxLength, boolean textarea, String hint) {
    }

    /** The form of one kind. */
    public record KindForm(String kind, String label, boolean slotRequired, boolean rulesFirst, List<Input> inputs) {
    }

    /** A refused plan: the field the refusal named, its message, and whether an input of the form carries it. */
    public record Refusal(String kind, String field, String message, boolean placed, Map<String, String> values) {
        public boolean on(String kindName, String fieldName) {
            return kind.equals(kindName) && field.equals(fieldName);
        }
    }

    /** At most this many characters in one posted value (the rules' own limits are checked after). */
    static final int MAX_VALUE = 4_000;

    private final CommerceRules rules;

    public PromotionPageForms(CommerceRules rules) {
        this.rules = rules;
    }

    public List<KindForm> forms() {
        List<KindForm> forms = new ArrayList<>();
        for (TypeRules type : rules.rules().types().values()) {
            List<Input> inputs = new ArrayList<>();
            for (FieldRule f : type.fields().values()) {
                inputs.add(input(f));
            }
            forms.add(new KindForm(type.type(), type.type().replace('_', ' ').toLowerCase(Locale.ROOT), type.slotRequired(),
                    type.rulesPublishedBeforeStart(), inputs));
        }
        return forms;
    }

    /** Whether a kind's form shows an input of that name (slot, title, start, its terms), to put a refusal next to. */
    public boolean hasInput(String kind, String field) {
        TypeRules type = kind == null ? null : rules.type(kind);
        if (type == null || field == null) {
            return false;
        }
        return List.of("slotPosition", "title", "startsAt").contains(field)
                || field.startsWith("terms.") && type.fields().containsKey(field.substring("terms.".length()));
    }

    /**
     * The posted form as the API's plan: blank values left out, whole numbers where the rules want an integer (what
     * is not one is passed on as text, and refused by the checker naming the field).
     */
    public PromotionService.PromotionForm read(Map<String, String> params) {
        String kind = params.getOrDefault("kind", "").strip().toUpperCase(Locale.ROOT);
        TypeRules type = rules.type(kind);
        Map<String, Object> terms = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("terms.") && value != null && !value.isBlank()) {
                String term = name.substring("terms.".length());
                FieldRule rule = type == null ? null : type.fields().get(term);
                String v = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE + 1) : value.strip();
                terms.put(term, rule != null && rule.kind().equals("integer") && v.matches("-?[0-9]{1,18}") ? (Object) Long.parseLong(v) : v);
            }
        });
        Integer slot = null;
        String position = params.get("slotPosition");
        if (position != null && !position.isBlank()) {
            if (!position.strip().matches("[0-9]{1,4}")) {
                throw new io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException("slotPosition",
                        "Choose one of the show's slots");
            }
            slot = Integer.parseInt(position.strip());
        }
        return new PromotionService.PromotionForm(kind, slot, bounded(params.get("title")), bounded(params.get("startsAt")), terms);
    }

    /** What was posted, to fill the form again after a refusal (bounded, only the form's own names). */
    public static Map<String, String> echo(Map<String, String> params) {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.length() <= 80 && (name.startsWith("terms.") || List.of("kind", "slotPosition", "title", "startsAt").contains(name))) {
                values.put(name, value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE));
            }
        });
        return values;
    }

    private static String bounded(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE + 1);
    }

    private static Input input(FieldRule f) {
        String name = "terms." + f.name();
        return switch (f.kind()) {
            case "amount" -> new Input(name, f.name(), f.kind(), "number", f.required(), plain(f.min()), plain(f.max()), null, false,
                    "CNY" + (f.reducedPrice() ? ", below the product's lowest price of the previous days" : "")
                            + (f.below() != null ? ", below " + f.below() : ""));
            case "integer" -> new Input(name, f.name(), f.kind(), "number", f.required(), plain(f.min()), plain(f.max()), null, false,
                    "a whole number");
            case "time" -> new Input(name, f.name(), f.kind(), "datetime-local", f.required(), null, null, null, false,
                    f.after() != null ? "after " + f.after() : null);
            default -> new Input(name, f.name(), f.kind(), "text", f.required(), null, null, f.maxLength(),
                    f.maxLength() == null || f.maxLength() > 200, f.maxLength() == null ? null : "at most " + f.maxLength() + " characters");
        };
    }

    private static String plain(java.math.BigDecimal n) {
        return n == null ? null : n.toPlainString();
    }
}
