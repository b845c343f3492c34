package io.centralkitchen.processes.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;

/**
 * {@code kitchen.archive.*}: how long archived evidence is kept and how often the log is checkpointed. The retention can
 * be raised, never lowered below the legal minimum of three years (the Live E-commerce Supervision Measures; see
 * docs/compliance.md).
 */
@ConfigurationProperties("kitchen.archive")
public class ArchiveProperties {

    public static final Period LEGAL_MINIMUM = Period.ofYears(3);

    /** How long archived objects are kept (S3 Object Lock retention, and the platform's own delete guard). */
    private Period retention = LEGAL_MINIMUM;
    /** How often pending entries are sequenced into the tree and a checkpoint is signed. */
    private Duration checkpointInterval = Duration.ofMinutes(10);
    /** When every station's archive is re-read and checked against its checkpoints. */
    private String checkCron = "0 15 3 * * *";
    /** The Ed25519 signing key (base64 PKCS#8), the same on every node; the embedded default generates one. */
    private String signingKey = "";

    public Period getRetention() {
        return retention;
    }

    public void setRetention(Period retention) {
        LocalDate today = LocalDate.now();
        if (today.plus(retention).isBefore(today.plus(LEGAL_MINIMUM))) {
            throw new IllegalArgumentException("kitchen.archive.retention " + retention + " is below the legal minimum of "
                    + LEGAL_MINIMUM + " (live video and records are kept at least three years)");
        }
        this.retention = retention;
    }

    public Duration getCheckpointInterval() {
        return checkpointInterval;
    }

    public void setCheckpointInterval(Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }

    public String getCheckCron() {
        return checkCron;
    }

    public void setCheckCron(String checkCron) {
        this.checkCron = checkCron;
    }

    public String getSigningKey() {
        return signingKey;
    }

    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }

    @Override
    public String toString() {
        return "ArchiveProperties[retention=" + retention + ", checkpointInterval=" + checkpointInterval + ", signingKey="
                + (signingKey == null || signingKey.isBlank() ? "<data dir>" : "****") + "]";
    }
}
