package io.centralkitchen.media.recording;

import java.time.Instant;

/**
 * One stored piece of a show's recording (MPEG-TS, starting with a keyframe): where it is, which stretch of program
 * time it covers and when that was on the wall clock — the index clips are cut from.
 */
public record RecordingSegment(String stationId, String showId, String recordingId, int sequence, String key,
                               long streamStartMillis, long durationMillis, Instant wallClockStart, long bytes,
                               String sha256) {
}
