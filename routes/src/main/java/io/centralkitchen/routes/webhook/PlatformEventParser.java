package io.centralkitchen.routes.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
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
 * </pre>
 */
public class PlatformEventParser {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public PlatformEvent parse(String platform, String station, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WebhookRefusedException(400, "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WebhookRefusedException(400, "The body cannot be read: " + e.getMessage());
        }
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
        };
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
        Long quantity = integer(o, "quantity", "order.quantity", 1, 1_000_000, false);
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
                integer(r, "count", "reservation.count", 0, Long.MAX_VALUE, true));
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
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw WebhookRefusedException.malformed(field, "must be a whole number from " + min
                    + (max == Long.MAX_VALUE ? " up" : " to " + max) + " (got " + value + ")");
        }
        return value.asLong();
    }

    private static BigDecimal amount(JsonNode node, String name, String field, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw WebhookRefusedException.malformed(field, "is required");
            }
            return null;
        }
        BigDecimal amount;
        try {
            amount = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().strip());
        } catch (NumberFormatException e) {
            throw WebhookRefusedException.malformed(field, "must be a decimal amount like 59.90 (got " + value + ")");
        }
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
        if (amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(new BigDecimal("9999999999.99")) > 0) {
            throw WebhookRefusedException.malformed(field, "must be an amount from 0 with at most 2 decimals (got " + value + ")");
        }
        return amount;
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field, field, true, 40);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw WebhookRefusedException.malformed(field, "must be an ISO-8601 UTC time like 2025-05-01T10:00:00Z (got '" + text + "')");
        }
    }
}
