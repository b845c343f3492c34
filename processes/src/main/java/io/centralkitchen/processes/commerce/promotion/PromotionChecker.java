package io.centralkitchen.processes.commerce.promotion;

import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.commerce.CommerceRules;
import io.centralkitchen.processes.commerce.CommerceRules.FieldRule;
import io.centralkitchen.processes.commerce.CommerceRules.TypeRules;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a promotion's terms against the commerce rules ({@code commerce-rules.yml} or the operator's file): every
 * field the type requires, each within its limits, none the type does not know; a reduced price below the product's
 * lowest price of the previous days. Every refusal names the field ({@code terms.<name>}) and the rule.
 */
@Component
public class PromotionChecker {

    private static final int MAX_TERMS = 30;
    /** What the stored terms (table promotion, column terms) hold. */
    private static final int MAX_TERMS_LENGTH = 16_000;

    private final CommerceRules rules;
    private final PriceHistory prices;

    public PromotionChecker(CommerceRules rules, PriceHistory prices) {
        this.rules = rules;
        this.prices = prices;
    }

    public TypeRules type(String kind) {
        String k = kind == null ? "" : kind.strip().toUpperCase(java.util.Locale.ROOT);
        TypeRules type = rules.type(k);
        if (type == null) {
            throw new InvalidFieldException("kind", "Unknown promotion kind '" + kind + "': " + rules.rules().types().keySet());
        }
        return type;
    }

    /**
     * The terms, checked and normalised (amounts as text with 2 decimals, integers as numbers, times as ISO instants).
     *
     * @param productId the slot's product (null for a show-wide promotion)
     * @param slotPrice the slot's price (the reference when the product has no price history)
     */
    public Map<String, Object> terms(TypeRules type, Map<String, Object> given, String stationId, Long productId, BigDecimal slotPrice) {
        Map<String, Object> in = given == null ? Map.of() : given;
        if (in.size() > MAX_TERMS) {
            throw new InvalidFieldException("terms", "At most " + MAX_TERMS + " terms");
        }
        for (String name : in.keySet()) {
            if (!type.fields().containsKey(name)) {
                throw new InvalidFieldException("terms." + name, "A " + type.type() + " has no term '" + name + "'; its terms: "
                        + type.fields().keySet());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldRule rule : type.fields().values()) {
            Object value = in.get(rule.name());
            String field = "terms." + rule.name();
            if (value == null || value instanceof String text && text.isBlank()) {
                if (rule.required()) {
                    throw new InvalidFieldException(field, "A " + type.type() + " must state '" + rule.name() + "' (" + rule.kind()
                            + "); the commerce rules require " + required(type));
                }
                continue;
            }
            out.put(rule.name(), switch (rule.kind()) {
                case "amount" -> amount(type, rule, field, value).toPlainString();
                case "integer" -> integer(type, rule, field, value);
                case "time" -> time(field, value).toString();
                default -> text(type, rule, field, value);
            });
        }
        if (out.values().stream().mapToInt(v -> String.valueOf(v).length() + 40).sum() > MAX_TERMS_LENGTH) {
            throw new InvalidFieldException("terms", "The terms have at most " + MAX_TERMS_LENGTH + " characters together");
        }
        for (FieldRule rule : type.fields().values()) {
            Object value = out.get(rule.name());
            if (value == null) {
                continue;
            }
            String field = "terms." + rule.name();
            if (rule.after() != null && out.get(rule.after()) != null
                    && !Instant.parse((String) value).isAfter(Instant.parse((String) out.get(rule.after())))) {
                throw new InvalidFieldException(field, "'" + rule.name() + "' must be after '" + rule.after() + "'");
            }
            if (rule.below() != null && out.get(rule.below()) != null) {
                BigDecimal limit = new BigDecimal(out.get(rule.below()).toString());
                if (limit.signum() > 0 && new BigDecimal(value.toString()).compareTo(limit) >= 0) {
                    throw new InvalidFieldException(field, "'" + rule.name() + "' (" + value + ") must be below '" + rule.below()
                            + "' (" + limit.toPlainString() + ")");
                }
            }
            if (rule.reducedPrice()) {
                if (productId == null) {
                    throw new InvalidFieldException("slotPosition", "A " + type.type() + " reduces a product's price: name its slot");
                }
                reducedPrice(stationId, productId, new BigDecimal(value.toString()), slotPrice, field);
            }
        }
        return out;
    }

    /**
     * Refuses a reduced price not below the product's lowest price of the previous days (or, without history, the
     * regular price it is reduced from).
     */
    public void reducedPrice(String stationId, long productId, BigDecimal price, BigDecimal regular, String field) {
        int days = rules.rules().referencePriceDays();
        PriceHistory.Lowest lowest = prices.lowest(stationId, productId, Instant.now().minus(Duration.ofDays(days))).orElse(null);
        if (lowest != null && price.compareTo(lowest.price()) >= 0) {
            throw new InvalidFieldException(field, "A reduced price must be below the product's lowest price of the previous "
                    + days + " days: " + lowest.price().toPlainString() + " (" + lowest.source().toLowerCase(java.util.Locale.ROOT)
                    + " at " + lowest.at() + "); got " + price.toPlainString());
        }
        if (regular != null && price.compareTo(regular) >= 0) {
            throw new InvalidFieldException(field, "A reduced price must be below the regular price " + regular.toPlainString()
                    + "; got " + price.toPlainString());
        }
    }

    private static String required(TypeRules type) {
        return String.join(", ", type.fields().values().stream().filter(FieldRule::required).map(FieldRule::name).toList());
    }

    private static BigDecimal amount(TypeRules type, FieldRule rule, String field, Object value) {
        BigDecimal amount;
        try {
            String text = value.toString().strip();
            if (text.length() > 20 || !(value instanceof Number || value instanceof String)) {
                throw new NumberFormatException();
            }
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "'" + rule.name() + "' is an amount in CNY like 59.90");
        }
        if (amount.scale() > 2 || amount.precision() - amount.scale() > 10) {
            throw new InvalidFieldException(field, "'" + rule.name() + "' is an amount with at most 2 decimals, got " + value);
        }
        limits(type, rule, field, amount, " CNY");
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    private static long integer(TypeRules type, FieldRule rule, String field, Object value) {
        long number;
        if (value instanceof Integer || value instanceof Long) {
            number = ((Number) value).longValue();
        } else {
            throw new InvalidFieldException(field, "'" + rule.name() + "' is a whole number, got " + excerpt(value));
        }
        limits(type, rule, field, BigDecimal.valueOf(number), "");
        return number;
    }

    private static void limits(TypeRules type, FieldRule rule, String field, BigDecimal value, String unit) {
        if (rule.min() != null && value.compareTo(rule.min()) < 0) {
            throw new InvalidFieldException(field, "'" + rule.name() + "' of a " + type.type() + " is at least "
                    + rule.min().toPlainString() + unit + ", got " + value.toPlainString());
        }
        if (rule.max() != null && value.compareTo(rule.max()) > 0) {
            throw new InvalidFieldException(field, "'" + rule.name() + "' of a " + type.type() + " is at most "
                    + rule.max().toPlainString() + unit + " (commerce rules, promotions.types." + type.type() + ".fields."
                    + rule.name() + ".max), got " + value.toPlainString());
        }
    }

    private static Instant time(String field, Object value) {
        try {
            return CommerceRules.parseTime(value.toString());
        } catch (RuntimeException e) {
            throw new InvalidFieldException(field, "'" + excerpt(value) + "' is not an ISO-8601 time like 2026-05-01T20:00:00+08:00");
        }
    }

    private static String text(TypeRules type, FieldRule rule, String field, Object value) {
        if (!(value instanceof String s)) {
            throw new InvalidFieldException(field, "'" + rule.name() + "' is text");
        }
        String text = s.strip();
        int max = rule.maxLength() == null ? 2000 : rule.maxLength();
        if (text.length() > max) {
            throw new InvalidFieldException(field, "'" + rule.name() + "' of a " + type.type() + " has at most " + max
                    + " characters, got " + text.length());
        }
        return text;
    }

    private static String excerpt(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
