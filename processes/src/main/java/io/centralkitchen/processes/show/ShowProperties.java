package io.centralkitchen.processes.show;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kitchen.show.*}: the show flow's timing (warm-up posts before air, the after-sales window before the final
 * report), the clip roll, the rendition profiles of teasers and clips, and the live watch.
 */
@ConfigurationProperties("kitchen.show")
public class ShowProperties {

    /** When warm-up posts go out, before air time; offsets already past when the show is planned are skipped. */
    private List<Duration> warmUpOffsets = new ArrayList<>(List.of(Duration.ofDays(3), Duration.ofDays(1), Duration.ofHours(1)));
    /** Recording kept before a product slot's start in its clip. */
    private Duration preRoll = Duration.ofSeconds(2);
    /** Recording kept after a product slot's end (the next slot's start, or the end of the show). */
    private Duration postRoll = Duration.ofSeconds(2);
    /**
     * Cut a product slot's clip while the show goes on, once the next product is on air and the recording is stored up
     * to its out-point plus post-roll (slot-clip); at the end only what is left is cut. Off: every clip after the end.
     */
    private boolean clipsWhileLive = true;
    /** How long slot-clip waits for the segments it needs (then the end of the show cuts the clip). */
    private Duration clipsWhileLiveWait = Duration.ofMinutes(3);
    /** slot-clip looks again this often while it waits (it also looks whenever a segment is stored). */
    private Duration clipsWhileLivePoll = Duration.ofSeconds(5);
    /** A highlight's clip: this much program before the producer's mark and after it. */
    private Duration highlightBefore = Duration.ofSeconds(15);
    private Duration highlightAfter = Duration.ofSeconds(15);
    /** A slot's planned duration when the rundown does not say. */
    private Duration defaultSlotDuration = Duration.ofMinutes(5);
    /** Rendition profile (kitchen.media.profiles) of 9:16 clips and of the teaser. */
    private String verticalProfile = "vertical-720x1280";
    /** Rendition profile of 16:9 clips. */
    private String landscapeProfile = "landscape-720p";
    /** Seconds of each product's video in the teaser. */
    private double teaserSecondsPerProduct = 3;
    /** Lifetime of the links in posts and clip publications (at most 7 days: the S3 limit of presigned URLs). */
    private Duration publishedLinkExpiry = Duration.ofDays(7);
    /** Lifetime of preview links in review tasks (renewed when the task is claimed). */
    private Duration previewLinkExpiry = Duration.ofHours(12);
    /** Time after the show for orders, refunds and complaints to come in before the final report. */
    private Duration reportAfter = Duration.ofDays(14);
    /** How often running shows are looked at for destination alarms and a lost studio feed. */
    private Duration liveWatchInterval = Duration.ofSeconds(2);
    /** How long a show on air may wait for its studio feed before producers are told. */
    private Duration ingestGrace = Duration.ofSeconds(15);
    /** Connect timeout of the pre-flight check of each destination. */
    private Duration preflightTimeout = Duration.ofSeconds(3);
    /** The product page in clip publications; {productId} is replaced. Empty: none. */
    private String productUrl = "";
    private String currency = "CNY";

    public List<Duration> getWarmUpOffsets() { return warmUpOffsets; }
    public void setWarmUpOffsets(List<Duration> v) { this.warmUpOffsets = v; }
    public Duration getPreRoll() { return preRoll; }
    public void setPreRoll(Duration v) { this.preRoll = v; }
    public Duration getHighlightBefore() { return highlightBefore; }
    public void setHighlightBefore(Duration v) { this.highlightBefore = v; }
    public Duration getHighlightAfter() { return highlightAfter; }
    public void setHighlightAfter(Duration v) { this.highlightAfter = v; }
    public Duration getPostRoll() { return postRoll; }
    public void setPostRoll(Duration v) { this.postRoll = v; }
    public Duration getDefaultSlotDuration() { return defaultSlotDuration; }
    public void setDefaultSlotDuration(Duration v) { this.defaultSlotDuration = v; }
    public String getVerticalProfile() { return verticalProfile; }
    public void setVerticalProfile(String v) { this.verticalProfile = v; }
    public String getLandscapeProfile() { return landscapeProfile; }
    public void setLandscapeProfile(String v) { this.landscapeProfile = v; }
    public double getTeaserSecondsPerProduct() { return teaserSecondsPerProduct; }
    public void setTeaserSecondsPerProduct(double v) { this.teaserSecondsPerProduct = v; }
    public Duration getPublishedLinkExpiry() { return publishedLinkExpiry; }
    public void setPublishedLinkExpiry(Duration v) { this.publishedLinkExpiry = v; }
    public Duration getPreviewLinkExpiry() { return previewLinkExpiry; }
    public void setPreviewLinkExpiry(Duration v) { this.previewLinkExpiry = v; }
    public Duration getReportAfter() { return reportAfter; }
    public void setReportAfter(Duration v) { this.reportAfter = v; }
    public Duration getLiveWatchInterval() { return liveWatchInterval; }
    public void setLiveWatchInterval(Duration v) { this.liveWatchInterval = v; }
    public Duration getIngestGrace() { return ingestGrace; }
    public void setIngestGrace(Duration v) { this.ingestGrace = v; }
    public Duration getPreflightTimeout() { return preflightTimeout; }
    public void setPreflightTimeout(Duration v) { this.preflightTimeout = v; }
    public String getProductUrl() { return productUrl; }
    public void setProductUrl(String v) { this.productUrl = v; }
    public boolean isClipsWhileLive() { return clipsWhileLive; }
    public void setClipsWhileLive(boolean v) { this.clipsWhileLive = v; }
    public Duration getClipsWhileLiveWait() { return clipsWhileLiveWait; }
    public void setClipsWhileLiveWait(Duration v) { this.clipsWhileLiveWait = v; }
    public Duration getClipsWhileLivePoll() { return clipsWhileLivePoll; }
    public void setClipsWhileLivePoll(Duration v) { this.clipsWhileLivePoll = v; }
    public String getCurrency() { return currency; }
    public void setCurrency(String v) { this.currency = v; }
}
