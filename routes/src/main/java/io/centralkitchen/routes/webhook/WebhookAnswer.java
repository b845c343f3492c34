package io.centralkitchen.routes.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP answer to a webhook delivery: status and a small JSON body. */
public record WebhookAnswer(int status, Map<String, Object> body) {

    public static WebhookAnswer accepted(PlatformEvent event) {
        return new WebhookAnswer(202, Map.of("status", "accepted", "eventId", event.eventId(), "type", event.type().wireName()));
    }

    public static WebhookAnswer duplicate(PlatformEvent event) {
        return new WebhookAnswer(200, Map.of("status", "duplicate", "eventId", event.eventId(),
                "message", "event " + event.eventId() + " was already received; ignored"));
    }

    public static WebhookAnswer refused(int status, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", reason(status));
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return new WebhookAnswer(status, body);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
