package io.centralkitchen.routes.platform;

import io.centralkitchen.storage.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code kitchen.platforms.<platform>.*}: the platform accounts of the <b>first station</b> ({@code kitchen.station.id})
 * — the bootstrap read by {@link PropertiesPlatformAccounts}; other stations keep theirs in the application's
 * {@link PlatformAccounts}. The key is the account's platform id used in webhook URLs
 * ({@code /webhooks/<platform>/<station>}) and in cases; {@code kind} defaults to the key when the key names a kind
 * ({@code douyin}, {@code kuaishou}, {@code wechat-channels}, {@code taobao-live}, {@code bilibili}, {@code youtube},
 * {@code webhook}), so a second account of the same kind is e.g. {@code kitchen.platforms.douyin-shop-two.kind=douyin}.
 * Credentials and the webhook secret are secrets: set them from the environment; they are only ever shown masked.
 */
@ConfigurationProperties("kitchen")
public class PlatformProperties {

    private Map<String, Platform> platforms = new LinkedHashMap<>();

    public Map<String, Platform> getPlatforms() {
        return platforms;
    }

    public void setPlatforms(Map<String, Platform> platforms) {
        this.platforms = platforms;
    }

    public static class Platform {
        /** Adapter kind; empty: the platform id names it. */
        private String kind = "";
        /** Base URL of the platform's open API, e.g. https://open.douyin.com; empty: publishing is not configured. */
        private String baseUrl = "";
        /** App key / client id (not secret by itself, but never needed in logs either). */
        private String appKey = "";
        /** App secret used to sign requests (Taobao Live, the generic webhook adapter). Secret. */
        private String appSecret = "";
        /** OAuth access token of the station's account. Secret. */
        private String accessToken = "";
        /** Shared secret the platform signs its webhooks with (HMAC-SHA256). Secret. Empty: webhooks refused. */
        private String webhookSecret = "";
        /** Outbound calls per second at most (the platform's quota for the account). */
        private int rateLimit = 10;
        /** Attempts after the first one for a transient failure (5xx, 429, timeouts, connection errors). */
        private int retries = 3;
        /** Delay before the first retry; doubled for every further one. */
        private Duration retryDelay = Duration.ofMillis(500);
        /** Connect and response timeout of one call. */
        private Duration timeout = Duration.ofSeconds(10);
        private final CircuitBreaker circuitBreaker = new CircuitBreaker();

        public PlatformKind resolveKind(String platformId) {
            String name = kind == null || kind.isBlank() ? platformId : kind;
            return PlatformKind.find(name).orElseThrow(() -> new IllegalStateException("kitchen.platforms." + platformId
                    + ": unknown kind '" + name + "'; set kind to one of douyin, kuaishou, wechat-channels, taobao-live,"
                    + " bilibili, youtube, webhook"));
        }

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getAppKey() {
            return appKey;
        }

        public void setAppKey(String appKey) {
            this.appKey = appKey;
        }

        public String getAppSecret() {
            return appSecret;
        }

        public void setAppSecret(String appSecret) {
            this.appSecret = appSecret;
        }

        public String getAccessToken() {
            return accessToken;
        }

        public void setAccessToken(String accessToken) {
            this.accessToken = accessToken;
        }

        public String getWebhookSecret() {
            return webhookSecret;
        }

        public void setWebhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
        }

        public int getRateLimit() {
            return rateLimit;
        }

        public void setRateLimit(int rateLimit) {
            this.rateLimit = rateLimit;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public Duration getRetryDelay() {
            return retryDelay;
        }

        public void setRetryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public CircuitBreaker getCircuitBreaker() {
            return circuitBreaker;
        }

        @Override
        public String toString() {
            return "Platform[kind=" + kind + ", baseUrl=" + baseUrl + ", appKey=" + Secrets.mask(appKey)
                    + ", appSecret=" + Secrets.mask(appSecret) + ", accessToken=" + Secrets.mask(accessToken)
                    + ", webhookSecret=" + Secrets.mask(webhookSecret) + ", rateLimit=" + rateLimit + "/s]";
        }
    }

    /** Opens when a platform keeps failing, so calls fail fast instead of piling up behind timeouts. */
    public static class CircuitBreaker {
        /** Percentage of failed calls (after their retries) in the window that opens the breaker. */
        private float failureRateThreshold = 50;
        /** Calls in the sliding window. */
        private int slidingWindowSize = 10;
        /** Calls needed before the failure rate counts. */
        private int minimumNumberOfCalls = 5;
        /** How long an open breaker refuses calls before letting a few through again. */
        private Duration openDuration = Duration.ofSeconds(30);

        public float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        public int getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
        }

        public Duration getOpenDuration() {
            return openDuration;
        }

        public void setOpenDuration(Duration openDuration) {
            this.openDuration = openDuration;
        }
    }
}
