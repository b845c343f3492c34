package io.centralkitchen.routes.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The signing scheme of Central Kitchen webhooks, inbound and (generic adapter) outbound:
 * <pre>
 * X-Kitchen-Timestamp: &lt;unix seconds&gt;
 * X-Kitchen-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + station + "." + raw body bytes)&gt;
 * </pre>
 * The timestamp is signed with the body, so a captured request cannot be replayed with a fresh timestamp; outside the
 * accepted window it is refused, inside it the event id makes it a duplicate. The station is signed too, so a delivery
 * for one station cannot be replayed to another's URL, even where both use the same secret.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Kitchen-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Kitchen-Signature";
    public static final String SCHEME = "sha256=";

    private WebhookSignature() {
    }

    public static String sign(String secret, String timestamp, String station, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(station.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            mac.update(body);
            return SCHEME + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Constant-time comparison, so the answer time tells an attacker nothing about how close a guess was. */
    public static boolean matches(String secret, String timestamp, String station, byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, station, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
