package io.centralkitchen.routes.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The schema of webhook events (docs/integration.md shows it with examples), checked field by field so that a 400
 * names the field and what is wrong with it. Unknown fields are ignored: platforms add fields over time.
 * <pre>
 * {"eventId": "evt-1", "type": "order.paid", "occurredAt": "2025-05-01T10:00:00Z",
 *  "order": {"orderId", "amount", "currency"?, "quantity"?, "productId"?, "sku"?, "showRef"?, "refundAmount"?, "refundReason"?}}
 * {"type": "complaint.opened" | "complaint.updated", "complaint": {"complaintId", "orderId", "productId"?, "reasonCode", "description"?}}
 * {"type": "comment.created", "comment": {"commentId", "text", "author"?, "showRef"?}}
 * {"type": "survey.answered", "survey": {"caseRef", "score" (1-5), "remark"?}}
 * {"type": "reservation.updated", "reservation": {"showRef", "count"}}
 * {"type": "promotion.result", "promotion": {"promotionRef", "metric", "count"}}
 * {"type": "viewers.sampled", "viewers": {"showRef", "concurrent", "newViewers"?}}
 * {"type": "likes.added", "likes": {"showRef", "count"}}
 * </pre>
 * Every number is bounded before anything computes with it: amounts by their written precision and scale (at most 10
 * integer digits and 2 decimals, as stored), counts and quantities as whole numbers in a range, event times from 2000
 * to a day from now. A number out of range is a 400 naming its field, never a calculation.
 */
public class PlatformEventParser {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");
    /** Amounts fit {@code numeric(12, 2)}: 10 integer digits, 2 decimals. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");
    private static final int AMOUNT_INTEGER_DIGITS = 10;
    private static final int AMOUNT_DECIMALS = 2;
    /** Counts of people (reservations): far above any audience, far below overflow. */
    static final long MAX_COUNT = 1_000_000_000_000L;
    static final long MAX_QUANTITY = 1_000_000;
    /** Event times before this are not real events. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Event times after now plus this are not real events either (a platform's clock may be a little ahead). */
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /**
     * Floats become BigDecimal exactly as written (no trailing zeros stripped): their precision and scale are checked
     * before anything computes with them. Nothing converts a number the schema does not ask for.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false).build();

    private final Clock clock;

    public PlatformEventParser() {
        this(Clock.systemUTC());
    }

    public PlatformEventParser(Clock clock) {
        this.clock = clock;
    }

    public PlatformEvent parse(String platform, String station, byte[] body) {
        JsonNode root = readTree(body);
        if (root == null || !root.isObject()) {
            throw new WebhookRefusedException(400, "The body must be a JSON object");
        }
        String eventId = id(root, "eventId", "eventId");
        String typeName = text(root, "type", "type", true, 40);
        PlatformEvent.Type type = PlatformEvent.Type.fromWire(typeName).orElseThrow(() -> WebhookRefusedException.malformed(
                "type", "must be one of " + Arrays.stream(PlatformEvent.Type.values()).map(PlatformEvent.Type::wireName)
                        .collect(Collectors.joining(", ")) + " (got '" + typeName + "')"));
        Instant occurredAt = instant(root, "occurredAt");
        return switch (type) {
            case ORDER_CREATED, ORDER_PAID, ORDER_SHIPPED, ORDER_REFUNDED -> new PlatformEvent(platform, station, eventId,
                    type, occurredAt, order(section(root, "order", type)), null, null, null);
            case COMPLAINT_OPENED, COMPLAINT_UPDATED -> new PlatformEvent(platform, station, eventId, type, occurredAt,
                    null, complaint(section(root, "complaint", type), type), null, null);
            case COMMENT_CREATED -> new PlatformEvent(platform, station, eventId, type, occurredAt, null, null,
                    comment(section(root, "comment", type)), null);
            case SURVEY_ANSWERED -> new PlatformEvent(platform, station, eventId, type, occurredAt, null, null, null,
                    survey(section(root, "survey", type)));
            case RESERVATION_UPDATED -> new PlatformEvent(platform, station, eventId, type, occurredAt, null, null, null,
                    null, reservation(section(root, "reservation", type)));
            case PROMOTION_RESULT -> new PlatformEvent(platform, station, eventId, type, occurredAt, null, null, null,
                    null, null, promotion(section(root, "promotion", type)));
            case VIEWERS_SAMPLED, LIKES_ADDED -> PlatformEvent.audience(platform, station, eventId, type, occurredAt,
                    audience(root, type));
        };
    }

    private static JsonNode readTree(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            try {
                return JSON.readTree(parser);
            } catch (NumberFormatException | ArithmeticException outOfRange) {
                // a number no Java type can hold (an exponent beyond int, say): name where it stands
                throw WebhookRefusedException.malformed(path(parser.getParsingContext()), "is a number out of any range");
            }
        } catch (JsonProcessingException e) {
            throw new WebhookRefusedException(400, "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WebhookRefusedException(400, "The body cannot be read: " + e.getMessage());
        }
    }

    /** {@code order.amount}, {@code items[2].price}: where the parser stands. */
    private static String path(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            segments.push(c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]" : String.valueOf(c.getCurrentName()));
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (!path.isEmpty() && !segment.startsWith("[")) {
                path.append('.');
            }
            path.append(segment);
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    private static JsonNode section(JsonNode root, String name, PlatformEvent.Type type) {
        JsonNode section = root.get(name);
        if (section == null || section.isNull()) {
            throw WebhookRefusedException.malformed(name, "is required for " + type.wireName() + " events");
        }
        if (!section.isObject()) {
            throw WebhookRefusedException.malformed(name, "must be an object");
        }
        return section;
    }

    private static PlatformEvent.Order order(JsonNode o) {
        String currency = text(o, "currency", "order.currency", false, 3);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            throw WebhookRefusedException.malformed("order.currency", "must be an ISO 4217 code like CNY (got '" + currency + "')");
        }
        Long quantity = integer(o, "quantity", "order.quantity", 1, MAX_QUANTITY, false);
        return new PlatformEvent.Order(id(o, "orderId", "order.orderId"), amount(o, "amount", "order.amount", true),
                currency == null ? "CNY" : currency, quantity == null ? null : quantity.intValue(),
                integer(o, "productId", "order.productId", 1, Long.MAX_VALUE, false),
                text(o, "sku", "order.sku", false, 128), text(o, "showRef", "order.showRef", false, 128),
                amount(o, "refundAmount", "order.refundAmount", false), text(o, "refundReason", "order.refundReason", false, 64));
    }

    private static PlatformEvent.Complaint complaint(JsonNode c, PlatformEvent.Type type) {
        boolean opening = type == PlatformEvent.Type.COMPLAINT_OPENED;
        return new PlatformEvent.Complaint(id(c, "complaintId", "complaint.complaintId"),
                opening ? id(c, "orderId", "complaint.orderId") : text(c, "orderId", "complaint.orderId", false, 128),
                integer(c, "productId", "complaint.productId", 1, Long.MAX_VALUE, false),
                text(c, "reasonCode", "complaint.reasonCode", opening, 64),
                text(c, "description", "complaint.description", false, 2000));
    }

    private static PlatformEvent.Comment comment(JsonNode c) {
        return new PlatformEvent.Comment(id(c, "commentId", "comment.commentId"), text(c, "text", "comment.text", true, 2000),
                text(c, "author", "comment.author", false, 200), text(c, "showRef", "comment.showRef", false, 128));
    }

    private static PlatformEvent.SurveyAnswer survey(JsonNode s) {
        return new PlatformEvent.SurveyAnswer(text(s, "caseRef", "survey.caseRef", true, 200),
                integer(s, "score", "survey.score", 1, 5, true).intValue(), text(s, "remark", "survey.remark", false, 2000));
    }

    private static PlatformEvent.Reservation reservation(JsonNode r) {
        return new PlatformEvent.Reservation(id(r, "showRef", "reservation.showRef"),
                integer(r, "count", "reservation.count", 0, MAX_COUNT, true));
    }

    private static PlatformEvent.PromotionResult promotion(JsonNode p) {
        String metric = text(p, "metric", "promotion.metric", true, 40);
        if (!PlatformEvent.PromotionResult.METRICS.contains(metric)) {
            throw WebhookRefusedException.malformed("promotion.metric", "must be one of "
                    + String.join(", ", PlatformEvent.PromotionResult.METRICS) + " (got '" + metric + "')");
        }
        return new PlatformEvent.PromotionResult(id(p, "promotionRef", "promotion.promotionRef"), metric,
                integer(p, "count", "promotion.count", 0, MAX_COUNT, true));
    }

    private static PlatformEvent.Audience audience(JsonNode root, PlatformEvent.Type type) {
        if (type == PlatformEvent.Type.LIKES_ADDED) {
            JsonNode l = section(root, "likes", type);
            return new PlatformEvent.Audience(id(l, "showRef", "likes.showRef"), null, null,
                    integer(l, "count", "likes.count", 0, MAX_COUNT, true));
        }
        JsonNode v = section(root, "viewers", type);
        return new PlatformEvent.Audience(id(v, "showRef", "viewers.showRef"),
                integer(v, "concurrent", "viewers.concurrent", 0, MAX_COUNT, true),
                integer(v, "newViewers", "viewers.newViewers", 0, MAX_COUNT, false), null);
    }

    private static String id(JsonNode node, String name, String field) {
        String value = text(node, name, field, true, 128);
        if (!ID.matcher(value).matches()) {
            throw WebhookRefusedException.malformed(field, "must be 1 to 128 letters, digits or . _ : @ / - (got '" + value + "')");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String field, boolean required, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw WebhookRefusedException.malformed(field, "is required");
            }
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw WebhookRefusedException.malformed(field, "must be a string");
        }
        String text = value.asText().strip();
        if (required && text.isEmpty()) {
            throw WebhookRefusedException.malformed(field, "must not be empty");
        }
        if (text.length() > maxLength) {
            throw WebhookRefusedException.malformed(field, "must be at most " + maxLength + " characters (got " + text.length() + ")");
        }
        return text.isEmpty() ? null : text;
    }

    private static Long integer(JsonNode node, String name, String field, long min, long max, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw WebhookRefusedException.malformed(field, "is required");
            }
            return null;
        }
        // canConvertToLong first: a larger integer's long value is its low 64 bits, which may look in range
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw WebhookRefusedException.malformed(field, "must be a whole number from " + min
                    + (max == Long.MAX_VALUE ? " up" : " to " + max) + " (got " + excerpt(value) + ")");
        }
        return value.longValue();
    }

    /**
     * An amount as written — a JSON number or a short string — bounded by its precision and scale before anything
     * computes with it: {@code 1e99999999} has one digit and scale -99999999, and is refused without ever being
     * expanded.
     */
    private static BigDecimal amount(JsonNode node, String name, String field, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw WebhookRefusedException.malformed(field, "is required");
            }
            return null;
        }
        String expected = "must be an amount from 0 to " + MAX_AMOUNT.toPlainString() + " with at most " + AMOUNT_DECIMALS
                + " decimals, like 59.90 (got " + excerpt(value) + ")";
        BigDecimal written;
        if (value.isNumber()) {
            written = value.decimalValue();
        } else if (value.isTextual() && value.asText().strip().length() <= 32) {
            try {
                written = new BigDecimal(value.asText().strip());
            } catch (NumberFormatException e) {
                throw WebhookRefusedException.malformed(field, expected);
            }
        } else {
            throw WebhookRefusedException.malformed(field, expected);
        }
        long integerDigits = (long) written.precision() - written.scale();
        if (written.signum() < 0 || integerDigits > AMOUNT_INTEGER_DIGITS || written.scale() > 20) {
            throw WebhookRefusedException.malformed(field, expected);
        }
        // now at most 30 digits: stripping zeros and rescaling are cheap
        BigDecimal amount = written.stripTrailingZeros();
        if (amount.scale() > AMOUNT_DECIMALS) {
            throw WebhookRefusedException.malformed(field, expected);
        }
        return amount.scale() < 0 ? amount.setScale(0) : amount;
    }

    private Instant instant(JsonNode node, String field) {
        String text = text(node, field, field, true, 40);
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw WebhookRefusedException.malformed(field, "must be an ISO-8601 UTC time like 2025-05-01T10:00:00Z (got '" + text + "')");
        }
        Instant latest = clock.instant().plus(FUTURE_TOLERANCE);
        if (instant.isBefore(EARLIEST) || instant.isAfter(latest)) {
            throw WebhookRefusedException.malformed(field, "must be a time from " + EARLIEST + " to a day from now (got '" + text + "')");
        }
        return instant;
    }

    /** A value for a message: never more than 40 characters of what was sent. */
    private static String excerpt(JsonNode value) {
        String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
