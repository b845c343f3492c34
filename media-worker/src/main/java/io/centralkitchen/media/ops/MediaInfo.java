package io.centralkitchen.media.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Probe} found in a media file. Times are in microseconds from the start of the media.
 *
 * @param keyframesMicros presentation times of the video keyframes, ascending
 */
public record MediaInfo(String format, long durationMicros, long sizeBytes, Video video, Audio audio,
                        List<StreamInfo> streams, List<Long> keyframesMicros) {

    /** The main video stream. {@code startMicros} is its first presentation time. */
    public record Video(String codec, int width, int height, double frameRate, long bitRate, String pixelFormat,
                        long startMicros) {
    }

    /** The main audio stream, with its channel layout ("stereo", "mono", "5.1"...). */
    public record Audio(String codec, int sampleRate, int channels, String layout, long bitRate, long startMicros) {
    }

    public record StreamInfo(int index, String type, String codec) {
    }

    public boolean hasVideo() {
        return video != null;
    }

    public boolean hasAudio() {
        return audio != null;
    }

    public double durationSeconds() {
        return durationMicros / 1e6;
    }

    /** The keyframe at or before {@code micros} (the first keyframe when there is none before). */
    public long keyframeAtOrBefore(long micros) {
        long best = keyframesMicros.isEmpty() ? 0 : keyframesMicros.get(0);
        for (long k : keyframesMicros) {
            if (k <= micros) {
                best = k;
            } else {
                break;
            }
        }
        return best;
    }

    /** Small values for process variables: no keyframe list (it can be long), counts instead. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("durationSeconds", Math.round(durationMicros / 1000.0) / 1000.0);
        m.put("sizeBytes", sizeBytes);
        if (video != null) {
            m.put("videoCodec", video.codec());
            m.put("width", video.width());
            m.put("height", video.height());
            m.put("frameRate", Math.round(video.frameRate() * 1000) / 1000.0);
            m.put("pixelFormat", video.pixelFormat());
        }
        if (audio != null) {
            m.put("audioCodec", audio.codec());
            m.put("sampleRate", audio.sampleRate());
            m.put("audioChannels", audio.channels());
            m.put("audioLayout", audio.layout());
        }
        m.put("keyframeCount", keyframesMicros.size());
        if (keyframesMicros.size() > 1) {
            m.put("keyframeIntervalSeconds", Math.round((keyframesMicros.get(keyframesMicros.size() - 1)
                    - keyframesMicros.get(0)) / 1000.0 / (keyframesMicros.size() - 1)) / 1000.0);
        }
        return m;
    }
}
