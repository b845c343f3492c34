package io.centralkitchen.media.ops;

import java.util.LinkedHashMap;
import java.util.Locale;
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
public record TranscodeProfile(String name, int width, int height, Fit fit, double frameRate, String preset, int crf,
                               long maxBitrate, long bufferSize, double keyframeSeconds, String h264Profile,
                               long audioBitrate, int audioSampleRate, int audioChannels) {

    /** How a source of another aspect ratio is fitted into the profile's picture. */
    public enum Fit {
        /** Scale to fit and pad with black bars (letterbox / pillarbox). */
        PAD,
        /** Scale to fill and cut off what sticks out, keeping the centre. */
        CROP,
        /** Scale to fit over a blurred, filled copy of the same picture (the usual 9:16 look for 16:9 sources). */
        BLUR_PAD;

        public static Fit parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new MediaInvalidException("Unknown fit '" + value + "': use pad, crop or blur-pad.");
            }
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

    public TranscodeProfile withFit(Fit other) {
        return new TranscodeProfile(name, width, height, other, frameRate, preset, crf, maxBitrate, bufferSize,
                keyframeSeconds, h264Profile, audioBitrate, audioSampleRate, audioChannels);
    }

    /** The libavfilter graph that turns a source picture into this profile's picture. */
    public String videoFilter(double sourceFrameRate) {
        int w = width;
        int h = height;
        int bw = Math.max(4, w / 16 * 2); // blur canvas: 1/8 of the size, even
        int bh = Math.max(4, h / 16 * 2);
        int radius = Math.max(1, Math.min(8, Math.min(bw, bh) / 4 - 1)); // boxblur's limit on 4:2:0 chroma planes
        String fps = frameRate > 0 && Math.abs(frameRate - sourceFrameRate) > 0.01 ? "fps=" + frameRate + "," : "";
        return fps + switch (fit) {
            case PAD -> "scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease,"
                    + "pad=" + w + ":" + h + ":(ow-iw)/2:(oh-ih)/2:black,setsar=1";
            case CROP -> "scale=" + w + ":" + h + ":force_original_aspect_ratio=increase,crop=" + w + ":" + h + ",setsar=1";
            // The background is blurred at 1/8 size: the same look for a fraction of the cost of blurring full size.
            case BLUR_PAD -> "split=2[bg][fg];[bg]scale=" + bw + ":" + bh + ":force_original_aspect_ratio=increase,"
                    + "crop=" + bw + ":" + bh + ",boxblur=" + radius + ":2,scale=" + w + ":" + h + "[blurred];"
                    + "[fg]scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease[sharp];"
                    + "[blurred][sharp]overlay=(W-w)/2:(H-h)/2,setsar=1";
        };
    }

    /** x264 options of this profile (the same set the benchmark hands the ffmpeg CLI). */
    public Map<String, String> x264Options() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("preset", preset);
        o.put("crf", Integer.toString(crf));
        o.put("maxrate", Long.toString(maxBitrate));
        o.put("bufsize", Long.toString(bufferSize));
        o.put("profile", h264Profile);
        o.put("sc_threshold", "0");
        return o;
    }

    public int gopFrames(double outputFrameRate) {
        return (int) Math.max(1, Math.round(outputFrameRate * keyframeSeconds));
    }

    /** The built-in profiles; configuration may change any of their values or add more. */
    public static Map<String, TranscodeProfile> defaults() {
        Map<String, TranscodeProfile> m = new LinkedHashMap<>();
        m.put("landscape-1080p", new TranscodeProfile("landscape-1080p", 1920, 1080, Fit.PAD, 0, "veryfast", 21,
                6_000_000, 12_000_000, 2, "high", 160_000, 48_000, 2));
        m.put("landscape-720p", new TranscodeProfile("landscape-720p", 1280, 720, Fit.PAD, 0, "veryfast", 22,
                3_500_000, 7_000_000, 2, "high", 128_000, 48_000, 2));
        m.put("vertical-720x1280", new TranscodeProfile("vertical-720x1280", 720, 1280, Fit.BLUR_PAD, 0, "veryfast", 22,
                3_000_000, 6_000_000, 2, "high", 128_000, 48_000, 2));
        return m;
    }
}
