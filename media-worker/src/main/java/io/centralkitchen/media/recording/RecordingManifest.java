package io.centralkitchen.media.recording;

import java.time.Instant;
import java.util.List;

/** The sealed recording of a show: every segment with its SHA-256, stored beside them as {@code manifest.json}. */
public record RecordingManifest(String stationId, String showId, String recordingId, String key, Instant startedAt,
                                Instant sealedAt, long durationMillis, List<RecordingSegment> segments) {
}
