package io.centralkitchen.routes.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/** {@code kitchen.webhooks.*}: limits of the inbound webhooks (the per-platform secrets are under kitchen.platforms). */
@ConfigurationProperties("kitchen.webhooks")
public class WebhookProperties {

    /** Larger bodies are refused with 413 before they are read. */
    private DataSize maxBodySize = DataSize.ofKilobytes(64);
    /** How far X-Kitchen-Timestamp may be from this node's clock; older (replayed) or future requests get 401. */
    private Duration timestampTolerance = Duration.ofMinutes(5);
    /**
     * How long event ids are remembered to recognise redeliveries. Must exceed the longest redelivery period of any
     * platform (they retry for hours to a few days).
     */
    private Duration receiptRetention = Duration.ofDays(30);

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Duration getTimestampTolerance() {
        return timestampTolerance;
    }

    public void setTimestampTolerance(Duration timestampTolerance) {
        this.timestampTolerance = timestampTolerance;
    }

    public Duration getReceiptRetention() {
        return receiptRetention;
    }

    public void setReceiptRetention(Duration receiptRetention) {
        this.receiptRetention = receiptRetention;
    }
}
