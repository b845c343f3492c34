package io.centralkitchen.processes.preselection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/** {@code kitchen.preselection.*}: settings of product pre-selection (defaults here, not in application.yml). */
@ConfigurationProperties("kitchen.preselection")
public class PreselectionProperties {

    /** How long a submission waits for missing evidence before it is rejected (ISO-8601, a BPMN timer duration). */
    private Duration evidenceWait = Duration.ofDays(14);
    /** Largest evidence or media file accepted per upload part. */
    private DataSize maxFileSize = DataSize.ofMegabytes(10);
    /** Lifetime of the evidence download links shown in review forms; they are renewed when a reviewer claims the task. */
    private Duration downloadLinkExpiry = Duration.ofHours(2);
    /** When the daily check for evidence expiring before a scheduled show runs (Spring cron, server time zone). */
    private String expiryCheckCron = "0 30 2 * * *";

    public Duration getEvidenceWait() {
        return evidenceWait;
    }

    public void setEvidenceWait(Duration evidenceWait) {
        this.evidenceWait = evidenceWait;
    }

    public DataSize getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    public Duration getDownloadLinkExpiry() {
        return downloadLinkExpiry;
    }

    public void setDownloadLinkExpiry(Duration downloadLinkExpiry) {
        this.downloadLinkExpiry = downloadLinkExpiry;
    }

    public String getExpiryCheckCron() {
        return expiryCheckCron;
    }

    public void setExpiryCheckCron(String expiryCheckCron) {
        this.expiryCheckCron = expiryCheckCron;
    }
}
