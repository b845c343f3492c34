package io.centralkitchen.routes.webhook;

import io.centralkitchen.routes.platform.PlatformProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Authenticates a delivery before anything of it is looked at: the platform must be configured with a webhook secret,
 * the timestamp must be inside the window (older ones are replays), and the HMAC over timestamp and raw body must match.
 */
public class WebhookVerifier {

    private final PlatformProperties platforms;
    private final WebhookProperties webhooks;
    private final Clock clock;

    public WebhookVerifier(PlatformProperties platforms, WebhookProperties webhooks, Clock clock) {
        this.platforms = platforms;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public void verify(WebhookDelivery delivery) {
        PlatformProperties.Platform platform = platforms.getPlatforms().get(delivery.platform());
        if (platform == null || platform.getWebhookSecret() == null || platform.getWebhookSecret().isBlank()) {
            throw new WebhookRefusedException(404, "No webhooks are configured for platform '" + delivery.platform()
                    + "' (kitchen.platforms." + delivery.platform() + ".webhook-secret)");
        }
        long seconds;
        try {
            seconds = Long.parseLong(delivery.timestamp() == null ? "" : delivery.timestamp().trim());
        } catch (NumberFormatException e) {
            throw new WebhookRefusedException(401, "Missing or malformed " + WebhookSignature.TIMESTAMP_HEADER
                    + " header: Unix time in seconds expected");
        }
        Duration tolerance = webhooks.getTimestampTolerance();
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw new WebhookRefusedException(401, WebhookSignature.TIMESTAMP_HEADER + " is " + skew.toSeconds()
                    + " s away from now, outside the accepted window of " + tolerance.toSeconds()
                    + " s: a replayed request, or the sender's clock is wrong");
        }
        if (!WebhookSignature.matches(platform.getWebhookSecret(), delivery.timestamp().trim(), delivery.body(), delivery.signature())) {
            throw new WebhookRefusedException(401, "Bad signature: " + WebhookSignature.SIGNATURE_HEADER
                    + " must be sha256=<hex HMAC-SHA256 of timestamp + '.' + body under the platform's webhook secret>");
        }
    }
}
