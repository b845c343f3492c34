package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.InputOptions;

import java.time.Duration;

/**
 * The hard limits on a source video, checked when it is opened, before any picture is decoded: its picture size,
 * duration, frame rate and number of streams, and how much FFmpeg may read to find its streams.
 *
 * @param maxWidth        widest picture accepted (4096: 4K)
 * @param maxHeight       tallest picture accepted (4096, so a vertical 4K video passes)
 * @param maxDuration     longest media accepted
 * @param maxFrameRate    highest frame rate accepted (240: phones' slow motion)
 * @param maxStreams      most streams a container may declare (phones add metadata tracks)
 * @param probeSize       bytes FFmpeg may read to find the streams
 * @param analyzeDuration media time FFmpeg may read to find the streams
 */
public record MediaLimits(int maxWidth, int maxHeight, Duration maxDuration, double maxFrameRate, int maxStreams,
                          long probeSize, Duration analyzeDuration) {

    public static final MediaLimits DEFAULTS = new MediaLimits(4096, 4096, Duration.ofHours(1), 240, 16,
            20_000_000, Duration.ofSeconds(10));

    public MediaLimits {
        if (maxWidth < 16 || maxHeight < 16 || maxFrameRate <= 0 || maxStreams < 1 || probeSize < 32
                || maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()
                || analyzeDuration == null || analyzeDuration.isNegative() || analyzeDuration.isZero()) {
            throw new IllegalArgumentException("Media limits out of range: " + this);
        }
    }

    public MediaLimits withMaxSize(int width, int height) {
        return new MediaLimits(width, height, maxDuration, maxFrameRate, maxStreams, probeSize, analyzeDuration);
    }

    public MediaLimits withMaxDuration(Duration duration) {
        return new MediaLimits(maxWidth, maxHeight, duration, maxFrameRate, maxStreams, probeSize, analyzeDuration);
    }

    /** How a source under these limits is opened: local file only, stored-media containers only, probing capped. */
    InputOptions inputOptions() {
        return InputOptions.storedMedia(probeSize, analyzeDuration, maxStreams);
    }
}
