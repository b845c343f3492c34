package io.centralkitchen.media.live;

/**
 * What a platform wants to receive: picture size (its orientation follows: 16:9 or 9:16), a video bitrate cap, a
 * keyframe interval, and the audio codec, rate and bitrate. Destinations with equal profiles share one encoder and
 * receive the same packets, so a profile's identity is its values (a record's equality).
 *
 * @param fit     how a picture of another shape is fitted: {@code crop} (fill the frame, cut the sides) or {@code pad}
 *                (whole picture, black bars)
 * @param latency the x264 tuning: {@code low} (the default: {@code tune=zerolatency} — no look-ahead, no frame
 *                threads, every frame out as soon as it is in) or {@code normal} (x264's look-ahead of its preset and
 *                macroblock tree: better pictures at the bitrate, about {@code rc-lookahead} frames later). Never
 *                B-frames: no platform needs them, and the engine's switches (feed ↔ slate) keep decode order =
 *                presentation order.
 */
public record OutputProfile(int width, int height, int videoBitrateKbps, int keyframeSeconds, String audioCodec,
                            int audioSampleRate, int audioBitrateKbps, String fit, String latency) {

    public static final String LOW_LATENCY = "low";
    public static final String NORMAL_LATENCY = "normal";

    /** A low-latency profile. */
    public OutputProfile(int width, int height, int videoBitrateKbps, int keyframeSeconds, String audioCodec,
                         int audioSampleRate, int audioBitrateKbps, String fit) {
        this(width, height, videoBitrateKbps, keyframeSeconds, audioCodec, audioSampleRate, audioBitrateKbps, fit, LOW_LATENCY);
    }

    public OutputProfile {
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("A profile needs an even width and height of at least 16, got "
                    + width + "x" + height);
        }
        if (videoBitrateKbps < 50) {
            throw new IllegalArgumentException("A profile's video bitrate cap must be at least 50 kbit/s, got " + videoBitrateKbps);
        }
        if (keyframeSeconds < 1 || keyframeSeconds > 10) {
            throw new IllegalArgumentException("A profile's keyframe interval must be 1 to 10 seconds, got " + keyframeSeconds);
        }
        audioCodec = audioCodec == null || audioCodec.isBlank() ? "aac" : audioCodec.toLowerCase();
        if (!audioCodec.equals("aac")) {
            throw new IllegalArgumentException("Only AAC audio is supported by the live engine, got '" + audioCodec + "'");
        }
        if (audioSampleRate != 44100 && audioSampleRate != 48000) {
            throw new IllegalArgumentException("A profile's audio rate must be 44100 or 48000 Hz, got " + audioSampleRate);
        }
        if (audioBitrateKbps < 32) {
            throw new IllegalArgumentException("A profile's audio bitrate must be at least 32 kbit/s, got " + audioBitrateKbps);
        }
        fit = fit == null || fit.isBlank() ? "crop" : fit.toLowerCase();
        if (!fit.equals("crop") && !fit.equals("pad")) {
            throw new IllegalArgumentException("A profile's fit must be 'crop' or 'pad', got '" + fit + "'");
        }
        latency = latency == null || latency.isBlank() ? LOW_LATENCY : latency.toLowerCase();
        if (!latency.equals(LOW_LATENCY) && !latency.equals(NORMAL_LATENCY)) {
            throw new IllegalArgumentException("A profile's latency must be 'low' or 'normal', got '" + latency + "'");
        }
    }

    public boolean lowLatency() {
        return LOW_LATENCY.equals(latency);
    }

    public String orientation() {
        return width >= height ? "16:9" : "9:16";
    }

    /** A short readable name: {@code 720x1280@2500k/2s} (low latency), {@code 1280x720@2500k/2s/lookahead}. */
    public String label() {
        return width + "x" + height + "@" + videoBitrateKbps + "k/" + keyframeSeconds + "s" + (lowLatency() ? "" : "/lookahead");
    }
}
