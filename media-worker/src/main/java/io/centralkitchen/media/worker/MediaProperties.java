package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.EdgeEncoding;
import io.centralkitchen.media.ops.MediaLimits;
import io.centralkitchen.media.ops.TeaserFont;
import io.centralkitchen.media.ops.TranscodeProfile;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code kitchen.media.*}: rendition profiles, the teaser font, the smart cut's edge encoding and the limits on
 * source videos ({@code kitchen.media.limits.*}). A profile entry
 * changes the built-in profile of that name (only the values given) or, under a new name, adds one (then width,
 * height and the rest start from the {@code landscape-720p} values).
 */
@ConfigurationProperties("kitchen.media")
public class MediaProperties {

    private Map<String, Profile> profiles = new LinkedHashMap<>();
    private final Teaser teaser = new Teaser();
    private final SmartCut smartCut = new SmartCut();
    private final Limits limits = new Limits();

    public Map<String, TranscodeProfile> resolvedProfiles() {
        Map<String, TranscodeProfile> resolved = new LinkedHashMap<>(TranscodeProfile.defaults());
        profiles.forEach((name, p) -> resolved.put(name, p.over(resolved.getOrDefault(name,
                TranscodeProfile.defaults().get("landscape-720p")), name)));
        return resolved;
    }

    public MediaLimits mediaLimits() {
        return new MediaLimits(limits.maxWidth, limits.maxHeight, limits.maxDuration, limits.maxFrameRate,
                limits.maxStreams, limits.probeSize, limits.analyzeDuration);
    }

    public EdgeEncoding edgeEncoding() {
        return new EdgeEncoding(smartCut.getPreset(), smartCut.getCrf());
    }

    /** One profile's settings; unset values keep the base profile's. */
    public static class Profile {
        private Integer width;
        private Integer height;
        /** pad, crop or blur-pad. */
        private String fit;
        /** Output frame rate; 0 keeps the source's. */
        private Double frameRate;
        private String preset;
        private Integer crf;
        /** Video bitrate cap in bit/s. */
        private Long maxBitrate;
        private Long bufferSize;
        private Double keyframeSeconds;
        private String h264Profile;
        private Long audioBitrate;
        private Integer audioSampleRate;
        private Integer audioChannels;

        TranscodeProfile over(TranscodeProfile base, String name) {
            return new TranscodeProfile(name, or(width, base.width()), or(height, base.height()),
                    fit == null ? base.fit() : TranscodeProfile.parseFit(fit), or(frameRate, base.frameRate()),
                    or(preset, base.preset()), or(crf, base.crf()), or(maxBitrate, base.maxBitrate()),
                    bufferSize != null ? bufferSize : maxBitrate != null ? 2 * maxBitrate : base.bufferSize(),
                    or(keyframeSeconds, base.keyframeSeconds()), or(h264Profile, base.h264Profile()),
                    or(audioBitrate, base.audioBitrate()), or(audioSampleRate, base.audioSampleRate()),
                    or(audioChannels, base.audioChannels()));
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }

        public Integer getWidth() { return width; }
        public void setWidth(Integer width) { this.width = width; }
        public Integer getHeight() { return height; }
        public void setHeight(Integer height) { this.height = height; }
        public String getFit() { return fit; }
        public void setFit(String fit) { this.fit = fit; }
        public Double getFrameRate() { return frameRate; }
        public void setFrameRate(Double frameRate) { this.frameRate = frameRate; }
        public String getPreset() { return preset; }
        public void setPreset(String preset) { this.preset = preset; }
        public Integer getCrf() { return crf; }
        public void setCrf(Integer crf) { this.crf = crf; }
        public Long getMaxBitrate() { return maxBitrate; }
        public void setMaxBitrate(Long maxBitrate) { this.maxBitrate = maxBitrate; }
        public Long getBufferSize() { return bufferSize; }
        public void setBufferSize(Long bufferSize) { this.bufferSize = bufferSize; }
        public Double getKeyframeSeconds() { return keyframeSeconds; }
        public void setKeyframeSeconds(Double keyframeSeconds) { this.keyframeSeconds = keyframeSeconds; }
        public String getH264Profile() { return h264Profile; }
        public void setH264Profile(String h264Profile) { this.h264Profile = h264Profile; }
        public Long getAudioBitrate() { return audioBitrate; }
        public void setAudioBitrate(Long audioBitrate) { this.audioBitrate = audioBitrate; }
        public Integer getAudioSampleRate() { return audioSampleRate; }
        public void setAudioSampleRate(Integer audioSampleRate) { this.audioSampleRate = audioSampleRate; }
        public Integer getAudioChannels() { return audioChannels; }
        public void setAudioChannels(Integer audioChannels) { this.audioChannels = audioChannels; }
    }

    public static class Teaser {
        /** A TrueType/OpenType font able to show Chinese: "classpath:..." or a file path. */
        private String font = TeaserFont.DEFAULT;

        public String getFont() { return font; }
        public void setFont(String font) { this.font = font; }
    }

    public static class SmartCut {
        /** x264 preset for the re-encoded edges. */
        private String preset = EdgeEncoding.DEFAULT.preset();
        /** x264 CRF for the re-encoded edges (18: hard to tell from the copied middle). */
        private int crf = EdgeEncoding.DEFAULT.crf();

        public String getPreset() { return preset; }
        public void setPreset(String preset) { this.preset = preset; }
        public int getCrf() { return crf; }
        public void setCrf(int crf) { this.crf = crf; }
    }

    /** What a source video may be; checked on opening, before anything is decoded. */
    public static class Limits {
        private int maxWidth = MediaLimits.DEFAULTS.maxWidth();
        private int maxHeight = MediaLimits.DEFAULTS.maxHeight();
        /** Longest source accepted (suppliers' videos, uploads). */
        private Duration maxDuration = MediaLimits.DEFAULTS.maxDuration();
        private double maxFrameRate = MediaLimits.DEFAULTS.maxFrameRate();
        private int maxStreams = MediaLimits.DEFAULTS.maxStreams();
        /** Bytes FFmpeg may read to find the streams. */
        private long probeSize = MediaLimits.DEFAULTS.probeSize();
        /** Media time FFmpeg may read to find the streams. */
        private Duration analyzeDuration = MediaLimits.DEFAULTS.analyzeDuration();

        public int getMaxWidth() { return maxWidth; }
        public void setMaxWidth(int maxWidth) { this.maxWidth = maxWidth; }
        public int getMaxHeight() { return maxHeight; }
        public void setMaxHeight(int maxHeight) { this.maxHeight = maxHeight; }
        public Duration getMaxDuration() { return maxDuration; }
        public void setMaxDuration(Duration maxDuration) { this.maxDuration = maxDuration; }
        public double getMaxFrameRate() { return maxFrameRate; }
        public void setMaxFrameRate(double maxFrameRate) { this.maxFrameRate = maxFrameRate; }
        public int getMaxStreams() { return maxStreams; }
        public void setMaxStreams(int maxStreams) { this.maxStreams = maxStreams; }
        public long getProbeSize() { return probeSize; }
        public void setProbeSize(long probeSize) { this.probeSize = probeSize; }
        public Duration getAnalyzeDuration() { return analyzeDuration; }
        public void setAnalyzeDuration(Duration analyzeDuration) { this.analyzeDuration = analyzeDuration; }
    }

    public Map<String, Profile> getProfiles() { return profiles; }
    public void setProfiles(Map<String, Profile> profiles) { this.profiles = profiles; }
    public Teaser getTeaser() { return teaser; }
    public SmartCut getSmartCut() { return smartCut; }
    public Limits getLimits() { return limits; }
}
