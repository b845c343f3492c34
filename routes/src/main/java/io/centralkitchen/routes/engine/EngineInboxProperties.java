package io.centralkitchen.routes.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code kitchen.engine-inbox.*}: delivery of work to the engine. */
@ConfigurationProperties("kitchen.engine-inbox")
public class EngineInboxProperties {

    /** How often due work is looked for (acceptances also trigger a delivery at once). */
    private Duration pollInterval = Duration.ofSeconds(2);
    /** Delay after the first failed attempt; doubled per attempt up to {@link #maxRetryDelay}. */
    private Duration retryDelay = Duration.ofSeconds(1);
    private Duration maxRetryDelay = Duration.ofMinutes(5);
    /** After this long undelivered, an item is marked FAILED (kept, logged as an error, re-queueable). */
    private Duration giveUpAfter = Duration.ofDays(7);
    /** Delivered items are deleted after this long. */
    private Duration keepDelivered = Duration.ofDays(7);
    /** Items delivered per poll at most. */
    private int batchSize = 200;

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Duration getGiveUpAfter() {
        return giveUpAfter;
    }

    public void setGiveUpAfter(Duration giveUpAfter) {
        this.giveUpAfter = giveUpAfter;
    }

    public Duration getKeepDelivered() {
        return keepDelivered;
    }

    public void setKeepDelivered(Duration keepDelivered) {
        this.keepDelivered = keepDelivered;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
