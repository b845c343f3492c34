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
    /** When the daily check for evidence expiring before a scheduled show runs (Spring cron, server time zone). */
    private String expiryCheckCron = "0 30 2 * * *";

    /** Product videos: what is accepted and how it is normalised. */
    private final Video video = new Video();

    public Video getVideo() {
        return video;
    }

    /** {@code kitchen.preselection.video.*}. */
    public static class Video {
        /** Largest video accepted per upload part (the servlet's multipart limit must allow it too). */
        private DataSize maxFileSize = DataSize.ofMegabytes(500);
        /** Longest video accepted. */
        private Duration maxDuration = Duration.ofMinutes(30);
        /** Largest picture accepted: long and short side (4K: 4096 x 2160). */
        private int maxLongSide = 4096;
        private int maxShortSide = 2160;
        /** The media worker's rendition profiles of the editing (mezzanine) copy, for landscape and portrait videos. */
        private String editingProfile = "editing-landscape";
        private String editingProfileVertical = "editing-vertical";

        public DataSize getMaxFileSize() { return maxFileSize; }
        public void setMaxFileSize(DataSize v) { this.maxFileSize = v; }
        public Duration getMaxDuration() { return maxDuration; }
        public void setMaxDuration(Duration v) { this.maxDuration = v; }
        public int getMaxLongSide() { return maxLongSide; }
        public void setMaxLongSide(int v) { this.maxLongSide = v; }
        public int getMaxShortSide() { return maxShortSide; }
        public void setMaxShortSide(int v) { this.maxShortSide = v; }
        public String getEditingProfile() { return editingProfile; }
        public void setEditingProfile(String v) { this.editingProfile = v; }
        public String getEditingProfileVertical() { return editingProfileVertical; }
        public void setEditingProfileVertical(String v) { this.editingProfileVertical = v; }
    }

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

    public String getExpiryCheckCron() {
        return expiryCheckCron;
    }

    public void setExpiryCheckCron(String expiryCheckCron) {
        this.expiryCheckCron = expiryCheckCron;
    }
}
