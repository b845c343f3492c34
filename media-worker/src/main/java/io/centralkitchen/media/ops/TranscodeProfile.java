package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.H264Settings;
import io.centralkitchen.media.ffmpeg.PictureFit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named output rendition: picture size and how the source is fitted into it, H.264 quality with a bitrate cap,
 * keyframe interval, and AAC audio. Profiles are configuration ({@code kitchen.media.profiles.<name>.*}); the three
 * built-in ones are {@link #defaults()}.
 *
 * @param frameRate    output frames per second; 0 keeps the source's
 * @param crf          x264 constant rate factor (quality; lower is better)
 * @param maxBitrate   cap of the video bitrate in bit/s (x264 VBV maxrate), with a buffer of {@code bufferSize} bits
 * @param keyframeSeconds a keyframe exactly every so many seconds (no scene-cut keyframes), for clean segmenting
 */
public record TranscodeProfile(String name, int width, int height, PictureFit fit, double frameRate, String preset, int crf,
                               long maxBitrate, long bufferSize, double keyframeSeconds, String h264Profile,
                               long audioBitrate, int audioSampleRate, int audioChannels) {

    /** The fit named {@code value} ("pad", "crop", "blur-pad"); an unknown name is the user's to correct. */
    public static PictureFit parseFit(String value) {
        try {
            return PictureFit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MediaInvalidException(e.getMessage());
        }
    }

    public TranscodeProfile {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("Profile '" + name + "' needs an even, positive size, got " + width + "x" + height);
        }
        if (keyframeSeconds <= 0) {
            throw new IllegalArgumentException("Profile '" + name + "' needs a positive keyframe interval");
        }
    }

    public TranscodeProfile withFit(PictureFit other) {
        return new TranscodeProfile(name, width, height, other, frameRate, preset, crf, maxBitrate, bufferSize,
                keyframeSeconds, h264Profile, audioBitrate, audioSampleRate, audioChannels);
    }

    /** The libavfilter graph that turns a source picture into this profile's picture. */
    public String videoFilter(double sourceFrameRate) {
        String fps = frameRate > 0 && Math.abs(frameRate - sourceFrameRate) > 0.01 ? "fps=" + frameRate + "," : "";
        return fps + fit.filter(width, height);
    }

    /** This profile's x264 set-up at {@code outputFrameRate}. */
    public H264Settings h264(double outputFrameRate) {
        return H264Settings.file(preset, crf, maxBitrate, bufferSize, h264Profile, gopFrames(outputFrameRate));
    }

    /** x264 options of this profile (the same set the benchmark hands the ffmpeg CLI). */
    public Map<String, String> x264Options() {
        return h264(25).options();
    }

    public int gopFrames(double outputFrameRate) {
        return (int) Math.max(1, Math.round(outputFrameRate * keyframeSeconds));
    }

    /** The built-in profiles; configuration may change any of their values or add more. */
    public static Map<String, TranscodeProfile> defaults() {
        Map<String, TranscodeProfile> m = new LinkedHashMap<>();
        m.put("landscape-1080p", new TranscodeProfile("landscape-1080p", 1920, 1080, PictureFit.PAD, 0, "veryfast", 21,
                6_000_000, 12_000_000, 2, "high", 160_000, 48_000, 2));
        m.put("landscape-720p", new TranscodeProfile("landscape-720p", 1280, 720, PictureFit.PAD, 0, "veryfast", 22,
                3_500_000, 7_000_000, 2, "high", 128_000, 48_000, 2));
        m.put("vertical-720x1280", new TranscodeProfile("vertical-720x1280", 720, 1280, PictureFit.BLUR_PAD, 0, "veryfast", 22,
                3_000_000, 6_000_000, 2, "high", 128_000, 48_000, 2));
        // the editing (mezzanine) renditions of suppliers' videos: keyframes every second, for cuts anywhere
        m.put("editing-landscape", new TranscodeProfile("editing-landscape", 1280, 720, PictureFit.PAD, 0, "veryfast", 20,
                5_000_000, 10_000_000, 1, "high", 160_000, 48_000, 2));
        m.put("editing-vertical", new TranscodeProfile("editing-vertical", 720, 1280, PictureFit.PAD, 0, "veryfast", 20,
                5_000_000, 10_000_000, 1, "high", 160_000, 48_000, 2));
        return m;
    }
}
