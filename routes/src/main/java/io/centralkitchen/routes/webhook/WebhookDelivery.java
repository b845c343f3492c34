package io.centralkitchen.routes.webhook;

/** One HTTP delivery of a webhook, as received: the raw body is what the signature covers. */
public record WebhookDelivery(String platform, String station, String timestamp, String signature, byte[] body) {
}
