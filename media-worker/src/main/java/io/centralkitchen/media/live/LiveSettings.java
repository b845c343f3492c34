package io.centralkitchen.media.live;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine's tuning, from {@code kitchen.live.*} ({@link LiveProperties}) or built by hand in tests and benchmarks.
 *
 * @param ingestTimeout           a publishing or pulled ingest silent this long counts as lost (slate)
 * @param ioTimeout               longest a destination's connect or write may block
 * @param destinationQueuePackets a destination's queue; when full it drops to the next keyframe
 * @param profileQueueFrames      frames waiting for one profile's encoder
 * @param circuitBreakerFailures  consecutive failed connects before the breaker opens
 * @param segmentLength           recording segment length (cut at the next keyframe)
 * @param hlsDirectory            where HLS playlists and segments are written, one directory per show
 */
public record LiveSettings(Duration ingestTimeout, Duration ioTimeout, int destinationQueuePackets, int profileQueueFrames,
                           Duration backoffInitial, Duration backoffMax, int circuitBreakerFailures,
                           Duration circuitBreakerOpen, Duration segmentLength, Path hlsDirectory, int hlsSegmentSeconds,
                           int hlsListSize, String x264Preset, int slateFps, String slateImage, String slateText) {

    public static LiveSettings defaults(Path hlsDirectory) {
        return new LiveSettings(Duration.ofSeconds(4), Duration.ofSeconds(5), 750, 50, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 10, Duration.ofSeconds(60), Duration.ofSeconds(4), hlsDirectory, 2, 6,
                "veryfast", 25, null, "We'll be right back");
    }

    public LiveSettings withBackoff(Duration initial, Duration max, int breakerFailures, Duration breakerOpen) {
        return new LiveSettings(ingestTimeout, ioTimeout, destinationQueuePackets, profileQueueFrames, initial, max,
                breakerFailures, breakerOpen, segmentLength, hlsDirectory, hlsSegmentSeconds, hlsListSize, x264Preset,
                slateFps, slateImage, slateText);
    }

    public LiveSettings withX264Preset(String preset) {
        return new LiveSettings(ingestTimeout, ioTimeout, destinationQueuePackets, profileQueueFrames, backoffInitial,
                backoffMax, circuitBreakerFailures, circuitBreakerOpen, segmentLength, hlsDirectory, hlsSegmentSeconds,
                hlsListSize, preset, slateFps, slateImage, slateText);
    }

    public LiveSettings withSegmentLength(Duration length) {
        return new LiveSettings(ingestTimeout, ioTimeout, destinationQueuePackets, profileQueueFrames, backoffInitial,
                backoffMax, circuitBreakerFailures, circuitBreakerOpen, length, hlsDirectory, hlsSegmentSeconds,
                hlsListSize, x264Preset, slateFps, slateImage, slateText);
    }
}
