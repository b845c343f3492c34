package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_MAIN;

/**
 * The one place where x264 is configured, for files and for live alike: the codec context fields
 * ({@link #applyTo}) and libx264's private options ({@link #options}).
 * <ul>
 * <li>{@link #file}: constant quality (CRF) capped by VBV, a keyframe exactly every {@code gopFrames} (no scene-cut
 * keyframes), B-frames as the preset has them, all cores — the renditions and smart-cut edges.</li>
 * <li>{@link #edge}: the re-encoded edges of a smart cut, matching the source stream (its H.264 profile and level),
 * without B-frames, one IDR at the start — so that they join the copied middle in one track.</li>
 * <li>{@link #live}: a fixed bitrate capped by a one-second VBV buffer, a fixed GOP, no B-frames and no look-ahead
 * ({@code tune=zerolatency}), an IDR at every forced keyframe, and the parameter sets repeated in every keyframe
 * (MPEG-TS/HLS/SRT viewers join mid-stream); one thread, as libavcodec's default gave the live encoders. Without
 * {@code lowLatency} the same but x264's look-ahead and macroblock tree of its preset (a preset's choice per
 * platform: kitchen.live.presets.*.latency).</li>
 * </ul>
 */
public record H264Settings(Kind kind, String preset, int crf, long bitrate, long maxBitrate, long bufferSize,
                           String profile, String level, int gopFrames, boolean lowLatency) {

    public H264Settings(Kind kind, String preset, int crf, long bitrate, long maxBitrate, long bufferSize, String profile,
                        String level, int gopFrames) {
        this(kind, preset, crf, bitrate, maxBitrate, bufferSize, profile, level, gopFrames, true);
    }

    /** What the encoder is for. */
    public enum Kind { FILE, EDGE, LIVE }

    /** Quality-driven x264 for files: {@code crf}, capped at {@code maxBitrate} with a {@code bufferSize}-bit buffer. */
    public static H264Settings file(String preset, int crf, long maxBitrate, long bufferSize, String profile, int gopFrames) {
        return new H264Settings(Kind.FILE, preset, crf, 0, maxBitrate, bufferSize, profile, null, gopFrames);
    }

    /** Smart-cut edges at {@code crf}, with the source stream's H.264 profile and level (when it declares them). */
    public static H264Settings edge(String preset, int crf, AVCodecParameters source) {
        String level = source.level() > 0 ? (source.level() / 10) + "." + (source.level() % 10) : null;
        return new H264Settings(Kind.EDGE, preset, crf, 0, 0, 0, x264Profile(source.profile()), level, 100_000);
    }

    private static String x264Profile(int profile) {
        if (profile == AV_PROFILE_H264_BASELINE || profile == AV_PROFILE_H264_CONSTRAINED_BASELINE) {
            return "baseline";
        }
        if (profile == AV_PROFILE_H264_MAIN) {
            return "main";
        }
        return profile == AV_PROFILE_H264_HIGH ? "high" : null;
    }

    /** Low-latency x264 for a live profile: {@code bitrate} bit/s, a keyframe every {@code gopFrames}. */
    public static H264Settings live(String preset, long bitrate, int gopFrames) {
        return live(preset, bitrate, gopFrames, true);
    }

    /** As {@link #live(String, long, int)}; {@code lowLatency} false keeps x264's look-ahead (still no B-frames). */
    public static H264Settings live(String preset, long bitrate, int gopFrames, boolean lowLatency) {
        return new H264Settings(Kind.LIVE, preset, -1, bitrate, bitrate, bitrate, null, null, gopFrames, lowLatency);
    }

    /** Sets the codec context's share: GOP, rate control, B-frames, threads. */
    public void applyTo(AVCodecContext context) {
        if (kind == Kind.EDGE) {
            context.max_b_frames(0);
        }
        context.gop_size(gopFrames); // EDGE: one IDR at the start of the edge is enough
        if (kind == Kind.LIVE) {
            context.keyint_min(gopFrames);
            context.max_b_frames(0);
            context.bit_rate(bitrate);
            context.rc_max_rate(maxBitrate);
            context.rc_buffer_size((int) bufferSize);
            context.thread_count(1);
        }
    }

    /** libx264's private options (for files, the same set the media benchmark hands the ffmpeg CLI). */
    public Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("preset", preset);
        if (kind == Kind.EDGE) {
            o.put("crf", Integer.toString(crf));
            if (profile != null) {
                o.put("profile", profile);
            }
            if (level != null) {
                o.put("level", level);
            }
        } else if (kind == Kind.LIVE) {
            if (lowLatency) {
                o.put("tune", "zerolatency");
            }
            o.put("sc_threshold", "0");
            o.put("forced-idr", "1");
            o.put("x264-params", "repeat-headers=1");
        } else {
            o.put("crf", Integer.toString(crf));
            o.put("maxrate", Long.toString(maxBitrate));
            o.put("bufsize", Long.toString(bufferSize));
            o.put("profile", profile);
            o.put("sc_threshold", "0");
        }
        return o;
    }
}
