package io.centralkitchen.routes.platform;

import io.centralkitchen.storage.Secrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One station's account on a platform: where its API is, the credentials of the station's account, the secret the
 * platform signs its webhooks with, and how calls to it are paced. It belongs to exactly one station; nothing of it is
 * ever used for another. Immutable: a rotated token is a new {@code PlatformAccount} with a new {@link #version()}.
 *
 * @param accountId            the platform id in URLs and cases ({@code /webhooks/<accountId>/<stationId>}), unique
 *                             within the station; another station may use the same id for its own account
 * @param baseUrl              the platform API's base URL; empty: nothing is published to it
 * @param appSecret            secret: signs requests (Taobao Live, the generic webhook adapter)
 * @param accessToken          secret: the station account's OAuth access token
 * @param accessTokenExpiresAt when the access token stops working; null: unknown or never
 * @param webhookSecret        secret: HMAC key of the platform's webhooks to this station; empty: webhooks refused
 * @param rateLimit            outbound calls per second at most (every attempt counts)
 * @param retries              retries of a transient failure (5xx, 408, 429, timeouts, connection errors)
 * @param retryDelay           first retry delay, doubled for every further one (at most 32×)
 * @param timeout              connect and response timeout of one attempt
 * @param version              changes whenever any value changes (a store's row version, say); null or blank: a
 *                             fingerprint of every value, secrets included, is derived. Adapters are rebuilt when it
 *                             changes, so a rotated secret is used from the next call on. Never shown.
 */
public record PlatformAccount(String stationId, String accountId, PlatformKind kind, String baseUrl, String appKey,
                              String appSecret, String accessToken, Instant accessTokenExpiresAt, String webhookSecret,
                              int rateLimit, int retries, Duration retryDelay, Duration timeout,
                              CircuitBreakerSettings circuitBreaker, String version) {

    /** Opens when the platform keeps failing, so calls fail fast instead of piling up behind timeouts. */
    public record CircuitBreakerSettings(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                                         Duration openDuration) {
        public static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(50, 10, 5, Duration.ofSeconds(30));

        public CircuitBreakerSettings {
            Objects.requireNonNull(openDuration, "openDuration");
        }
    }

    public PlatformAccount {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        appKey = appKey == null ? "" : appKey;
        appSecret = appSecret == null ? "" : appSecret;
        accessToken = accessToken == null ? "" : accessToken;
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
        retryDelay = retryDelay == null ? Duration.ofMillis(500) : retryDelay;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        circuitBreaker = circuitBreaker == null ? CircuitBreakerSettings.DEFAULTS : circuitBreaker;
        if (version == null || version.isBlank()) {
            version = fingerprint(stationId, accountId, kind, baseUrl, appKey, appSecret, accessToken, accessTokenExpiresAt,
                    webhookSecret, rateLimit, retries, retryDelay, timeout, circuitBreaker);
        }
    }

    public static Builder builder(String stationId, String accountId, PlatformKind kind) {
        return new Builder(stationId, accountId, kind);
    }

    /** A builder holding this account's values, to change some (a rotation) and build a new version. */
    public Builder toBuilder() {
        return new Builder(stationId, accountId, kind).baseUrl(baseUrl).appKey(appKey).appSecret(appSecret)
                .accessToken(accessToken, accessTokenExpiresAt).webhookSecret(webhookSecret).rateLimit(rateLimit)
                .retries(retries).retryDelay(retryDelay).timeout(timeout).circuitBreaker(circuitBreaker);
    }

    public boolean publishes() {
        return !baseUrl.isBlank();
    }

    public boolean receivesWebhooks() {
        return !webhookSecret.isBlank();
    }

    public boolean accessTokenExpired(Instant now) {
        return accessTokenExpiresAt != null && !now.isBefore(accessTokenExpiresAt);
    }

    /** {@code <station>/<account>}: how messages and logs name the account. */
    public String label() {
        return stationId + "/" + accountId;
    }

    @Override
    public String toString() {
        return "PlatformAccount[" + label() + ", kind=" + kind.id() + ", baseUrl=" + baseUrl + ", appKey=" + Secrets.mask(appKey)
                + ", appSecret=" + Secrets.mask(appSecret) + ", accessToken=" + Secrets.mask(accessToken)
                + (accessTokenExpiresAt == null ? "" : " (expires " + accessTokenExpiresAt + ")")
                + ", webhookSecret=" + Secrets.mask(webhookSecret) + ", rateLimit=" + rateLimit + "/s]";
    }

    /**
     * An HMAC of every value under a fixed key: it changes with any secret, and — unlike a plain hash — offers nothing
     * to someone guessing a short secret from it.
     */
    private static String fingerprint(Object... values) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("central-kitchen/platform-account".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            for (Object value : values) {
                byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
                mac.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                mac.update((byte) ':');
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal(), 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public static final class Builder {
        private final String stationId;
        private final String accountId;
        private final PlatformKind kind;
        private String baseUrl = "";
        private String appKey = "";
        private String appSecret = "";
        private String accessToken = "";
        private Instant accessTokenExpiresAt;
        private String webhookSecret = "";
        private int rateLimit = 10;
        private int retries = 3;
        private Duration retryDelay = Duration.ofMillis(500);
        private Duration timeout = Duration.ofSeconds(10);
        private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.DEFAULTS;
        private String version;

        private Builder(String stationId, String accountId, PlatformKind kind) {
            this.stationId = stationId;
            this.accountId = accountId;
            this.kind = kind;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder appKey(String appKey) {
            this.appKey = appKey;
            return this;
        }

        public Builder appSecret(String appSecret) {
            this.appSecret = appSecret;
            return this;
        }

        public Builder accessToken(String accessToken, Instant expiresAt) {
            this.accessToken = accessToken;
            this.accessTokenExpiresAt = expiresAt;
            return this;
        }

        public Builder webhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
            return this;
        }

        public Builder rateLimit(int rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
            this.circuitBreaker = circuitBreaker;
            return this;
        }

        /** The store's own version of the account; not set: a fingerprint of the values. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public PlatformAccount build() {
            return new PlatformAccount(stationId, accountId, kind, baseUrl, appKey, appSecret, accessToken,
                    accessTokenExpiresAt, webhookSecret, rateLimit, retries, retryDelay, timeout, circuitBreaker, version);
        }
    }
}
