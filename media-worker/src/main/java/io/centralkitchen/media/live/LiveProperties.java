package io.centralkitchen.media.live;

import io.centralkitchen.media.rtmp.IngestLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code kitchen.live.*}: the live engine. Presets are configuration: the defaults below can be changed or extended
 * per preset ({@code kitchen.live.presets.douyin.video-bitrate-kbps=3000}). Secrets (ingest keys, push URLs with
 * stream keys) come from the environment: {@code KITCHEN_LIVE_SECRETS_<ID>}.
 */
@ConfigurationProperties("kitchen.live")
public class LiveProperties {

    private boolean enabled = true;
    private final Ingest ingest = new Ingest();
    private Map<String, Preset> presets = new LinkedHashMap<>(defaults());
    /** id → secret value; never logged, shown only masked. */
    private Map<String, String> secrets = new LinkedHashMap<>();
    private Duration ingestTimeout = Duration.ofSeconds(4);
    private Duration ioTimeout = Duration.ofSeconds(5);
    private int destinationQueuePackets = 750;
    private Duration backoffInitial = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofSeconds(30);
    private int circuitBreakerFailures = 10;
    private Duration circuitBreakerOpen = Duration.ofSeconds(60);
    private Duration segmentLength = Duration.ofSeconds(4);
    /** Empty: {@code <kitchen.data-dir>/live/hls}. */
    private Path hlsDirectory;
    private int hlsSegmentSeconds = 2;
    private int hlsListSize = 6;
    private String x264Preset = "veryfast";
    /** A PNG/JPEG shown while the studio feed is away; empty: a generated "we'll be right back" card. */
    private String slateImage = "";
    private String slateText = "We'll be right back";

    public static class Ingest {
        private String bind = "0.0.0.0";
        private int port = 1935;
        private String app = "live";
        /** The host name studio encoders use, shown in the ingest URL. */
        private String host = "localhost";
        /** Hostile-ingest limits ({@link IngestLimits}); the chunk caps are fixed. */
        private Duration handshakeTimeout = IngestLimits.defaults().handshakeTimeout();
        private Duration publishDeadline = IngestLimits.defaults().publishDeadline();
        private int maxConnections = IngestLimits.defaults().maxConnections();
        private int maxPending = IngestLimits.defaults().maxPending();
        private int maxPerAddress = IngestLimits.defaults().maxPerAddress();

        public IngestLimits limits() {
            try {
                return IngestLimits.defaults().withDeadlines(handshakeTimeout, publishDeadline)
                        .withConnections(maxConnections, maxPending, maxPerAddress);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kitchen.live.ingest.*: " + e.getMessage(), e);
            }
        }

        public String getBind() { return bind; }
        public void setBind(String bind) { this.bind = bind; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public String getApp() { return app; }
        public void setApp(String app) { this.app = app; }
        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public Duration getHandshakeTimeout() { return handshakeTimeout; }
        public void setHandshakeTimeout(Duration v) { this.handshakeTimeout = v; }
        public Duration getPublishDeadline() { return publishDeadline; }
        public void setPublishDeadline(Duration v) { this.publishDeadline = v; }
        public int getMaxConnections() { return maxConnections; }
        public void setMaxConnections(int v) { this.maxConnections = v; }
        public int getMaxPending() { return maxPending; }
        public void setMaxPending(int v) { this.maxPending = v; }
        public int getMaxPerAddress() { return maxPerAddress; }
        public void setMaxPerAddress(int v) { this.maxPerAddress = v; }
    }

    /**
     * A platform preset as configured: only what is set here. The rest comes from the built-in preset of the same name
     * (or, for a new name, from {@code custom-rtmp}), so {@code kitchen.live.presets.website.width=1920} changes the
     * width of the website preset and nothing else.
     */
    public static class Preset {
        private String platform;
        private Protocol protocol;
        private Integer width;
        private Integer height;
        private Integer videoBitrateKbps;
        private Integer keyframeSeconds;
        private String audioCodec;
        private Integer audioSampleRate;
        private Integer audioBitrateKbps;
        private String fit;
        /** x264 tuning: low (zerolatency, the default) or normal (look-ahead): see OutputProfile. */
        private String latency;

        public Preset() {
        }

        Preset(String platform, Protocol protocol, int width, int height, int kbps, int keyframe, int audioRate) {
            this.platform = platform;
            this.protocol = protocol;
            this.width = width;
            this.height = height;
            this.videoBitrateKbps = kbps;
            this.keyframeSeconds = keyframe;
            this.audioSampleRate = audioRate;
            this.audioCodec = "aac";
            this.audioBitrateKbps = 128;
            this.fit = "crop";
        }

        /** This preset with every field it leaves unset taken from {@code base}. */
        Preset over(Preset base) {
            Preset p = new Preset();
            p.platform = platform != null ? platform : base.platform;
            p.protocol = protocol != null ? protocol : base.protocol;
            p.width = width != null ? width : base.width;
            p.height = height != null ? height : base.height;
            p.videoBitrateKbps = videoBitrateKbps != null ? videoBitrateKbps : base.videoBitrateKbps;
            p.keyframeSeconds = keyframeSeconds != null ? keyframeSeconds : base.keyframeSeconds;
            p.audioCodec = audioCodec != null ? audioCodec : base.audioCodec;
            p.audioSampleRate = audioSampleRate != null ? audioSampleRate : base.audioSampleRate;
            p.audioBitrateKbps = audioBitrateKbps != null ? audioBitrateKbps : base.audioBitrateKbps;
            p.fit = fit != null ? fit : base.fit;
            p.latency = latency != null ? latency : base.latency;
            return p;
        }

        PlatformPreset toPreset(String name) {
            Map<String, Preset> builtIn = defaults();
            Preset full = over(builtIn.getOrDefault(name, builtIn.get("custom-rtmp")));
            String platformName = platform != null ? platform : builtIn.containsKey(name) ? full.platform : name;
            return new PlatformPreset(name, platformName, full.protocol, new OutputProfile(full.width, full.height, full.videoBitrateKbps, full.keyframeSeconds,
                    full.audioCodec, full.audioSampleRate, full.audioBitrateKbps, full.fit, full.latency));
        }

        public String getLatency() { return latency; }
        public void setLatency(String latency) { this.latency = latency; }
        public String getPlatform() { return platform; }
        public void setPlatform(String platform) { this.platform = platform; }
        public Protocol getProtocol() { return protocol; }
        public void setProtocol(Protocol protocol) { this.protocol = protocol; }
        public Integer getWidth() { return width; }
        public void setWidth(Integer width) { this.width = width; }
        public Integer getHeight() { return height; }
        public void setHeight(Integer height) { this.height = height; }
        public Integer getVideoBitrateKbps() { return videoBitrateKbps; }
        public void setVideoBitrateKbps(Integer v) { this.videoBitrateKbps = v; }
        public Integer getKeyframeSeconds() { return keyframeSeconds; }
        public void setKeyframeSeconds(Integer v) { this.keyframeSeconds = v; }
        public String getAudioCodec() { return audioCodec; }
        public void setAudioCodec(String audioCodec) { this.audioCodec = audioCodec; }
        public Integer getAudioSampleRate() { return audioSampleRate; }
        public void setAudioSampleRate(Integer v) { this.audioSampleRate = v; }
        public Integer getAudioBitrateKbps() { return audioBitrateKbps; }
        public void setAudioBitrateKbps(Integer v) { this.audioBitrateKbps = v; }
        public String getFit() { return fit; }
        public void setFit(String fit) { this.fit = fit; }
    }

    /**
     * Starting points, to be checked against each platform's current push guidance: the vertical shopping platforms
     * at 720x1280, the landscape ones at 1280x720; 2-second keyframes everywhere. Low-latency x264 for every platform
     * viewers talk to the host on; the station's website (HLS: players buffer whole segments anyway) keeps x264's
     * look-ahead for better pictures at its bitrate.
     */
    static Map<String, Preset> defaults() {
        Map<String, Preset> p = new LinkedHashMap<>();
        p.put("douyin", new Preset("Douyin", Protocol.RTMP, 720, 1280, 3000, 2, 44100));
        p.put("kuaishou", new Preset("Kuaishou", Protocol.RTMP, 720, 1280, 3000, 2, 44100));
        p.put("wechat-channels", new Preset("WeChat Channels", Protocol.RTMP, 720, 1280, 2500, 2, 44100));
        p.put("taobao-live", new Preset("Taobao Live", Protocol.RTMP, 720, 1280, 2500, 2, 44100));
        p.put("bilibili", new Preset("Bilibili", Protocol.RTMP, 1280, 720, 3000, 2, 44100));
        p.put("youtube", new Preset("YouTube", Protocol.RTMP, 1280, 720, 4000, 2, 48000));
        p.put("custom-rtmp", new Preset("Custom RTMP/RTMPS", Protocol.RTMP, 1280, 720, 3000, 2, 44100));
        p.put("custom-srt", new Preset("Custom SRT", Protocol.SRT, 1280, 720, 3000, 2, 48000));
        p.put("website", new Preset("Station website (HLS)", Protocol.HLS, 1280, 720, 2500, 2, 48000));
        p.get("website").latency = OutputProfile.NORMAL_LATENCY;
        return p;
    }

    public Map<String, PlatformPreset> platformPresets() {
        Map<String, PlatformPreset> out = new LinkedHashMap<>();
        presets.forEach((name, preset) -> out.put(name, preset.toPreset(name)));
        return out;
    }

    public LiveSettings settings(Path dataDir) {
        return new LiveSettings(ingestTimeout, ioTimeout, destinationQueuePackets, 50, backoffInitial, backoffMax,
                circuitBreakerFailures, circuitBreakerOpen, segmentLength,
                hlsDirectory != null ? hlsDirectory : dataDir.resolve("live").resolve("hls"), hlsSegmentSeconds,
                hlsListSize, x264Preset, 25, slateImage, slateText);
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Ingest getIngest() { return ingest; }
    public Map<String, Preset> getPresets() { return presets; }
    public void setPresets(Map<String, Preset> presets) { this.presets = presets; }
    public Map<String, String> getSecrets() { return secrets; }
    public void setSecrets(Map<String, String> secrets) { this.secrets = secrets; }
    public Duration getIngestTimeout() { return ingestTimeout; }
    public void setIngestTimeout(Duration v) { this.ingestTimeout = v; }
    public Duration getIoTimeout() { return ioTimeout; }
    public void setIoTimeout(Duration v) { this.ioTimeout = v; }
    public int getDestinationQueuePackets() { return destinationQueuePackets; }
    public void setDestinationQueuePackets(int v) { this.destinationQueuePackets = v; }
    public Duration getBackoffInitial() { return backoffInitial; }
    public void setBackoffInitial(Duration v) { this.backoffInitial = v; }
    public Duration getBackoffMax() { return backoffMax; }
    public void setBackoffMax(Duration v) { this.backoffMax = v; }
    public int getCircuitBreakerFailures() { return circuitBreakerFailures; }
    public void setCircuitBreakerFailures(int v) { this.circuitBreakerFailures = v; }
    public Duration getCircuitBreakerOpen() { return circuitBreakerOpen; }
    public void setCircuitBreakerOpen(Duration v) { this.circuitBreakerOpen = v; }
    public Duration getSegmentLength() { return segmentLength; }
    public void setSegmentLength(Duration v) { this.segmentLength = v; }
    public Path getHlsDirectory() { return hlsDirectory; }
    public void setHlsDirectory(Path v) { this.hlsDirectory = v; }
    public int getHlsSegmentSeconds() { return hlsSegmentSeconds; }
    public void setHlsSegmentSeconds(int v) { this.hlsSegmentSeconds = v; }
    public int getHlsListSize() { return hlsListSize; }
    public void setHlsListSize(int v) { this.hlsListSize = v; }
    public String getX264Preset() { return x264Preset; }
    public void setX264Preset(String v) { this.x264Preset = v; }
    public String getSlateImage() { return slateImage; }
    public void setSlateImage(String v) { this.slateImage = v; }
    public String getSlateText() { return slateText; }
    public void setSlateText(String v) { this.slateText = v; }

    /** Never print the secrets. */
    @Override
    public String toString() {
        return "LiveProperties[ingest=" + ingest.port + ", presets=" + presets.keySet() + ", secrets=" + secrets.keySet() + "]";
    }
}
