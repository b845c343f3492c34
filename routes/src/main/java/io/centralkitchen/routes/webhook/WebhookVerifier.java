package io.centralkitchen.routes.webhook;

import io.centralkitchen.routes.platform.PlatformAccount;
import io.centralkitchen.routes.platform.PlatformAccounts;

import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Authenticates a delivery before anything of it is looked at: the station of the URL must have an account of the
 * URL's platform with a webhook secret, the timestamp must be inside the window (older ones are replays), and the HMAC
 * over timestamp, station and raw body must match.
 */
public class WebhookVerifier {

    /** Unix seconds, at most 12 digits: bounded before anything computes with it. */
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

    private final PlatformAccounts accounts;
    private final WebhookProperties webhooks;
    private final Clock clock;

    public WebhookVerifier(PlatformAccounts accounts, WebhookProperties webhooks, Clock clock) {
        this.accounts = accounts;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public void verify(WebhookDelivery delivery) {
        PlatformAccount account = accounts.find(delivery.station(), delivery.platform())
                .filter(found -> found.stationId().equals(delivery.station()) && found.receivesWebhooks())
                .orElseThrow(() -> new WebhookRefusedException(404, "Station '" + delivery.station()
                        + "' has no platform account '" + delivery.platform() + "' with a webhook secret"));
        String timestamp = delivery.timestamp() == null ? "" : delivery.timestamp().trim();
        if (!SECONDS.matcher(timestamp).matches()) {
            throw new WebhookRefusedException(401, "Missing or malformed " + WebhookSignature.TIMESTAMP_HEADER
                    + " header: Unix time in seconds expected");
        }
        long skew = Math.abs(Long.parseLong(timestamp) - clock.instant().getEpochSecond());
        long tolerance = webhooks.getTimestampTolerance().toSeconds();
        if (skew > tolerance) {
            throw new WebhookRefusedException(401, WebhookSignature.TIMESTAMP_HEADER + " is " + skew
                    + " s away from now, outside the accepted window of " + tolerance
                    + " s: a replayed request, or the sender's clock is wrong");
        }
        if (!WebhookSignature.matches(account.webhookSecret(), timestamp, delivery.station(), delivery.body(), delivery.signature())) {
            throw new WebhookRefusedException(401, "Bad signature: " + WebhookSignature.SIGNATURE_HEADER
                    + " must be sha256=<hex HMAC-SHA256 of timestamp + '.' + station + '.' + body under the webhook secret"
                    + " of the station's platform account>");
        }
    }
}
