package io.centralkitchen.media.live;

import java.time.Instant;
import java.util.List;

/**
 * A live show at a glance: where its program comes from (feed or slate), its program time, how many encoders run
 * (one per distinct profile that is not copied) and the frames they had to drop because they fell behind (an
 * overloaded machine), each destination's health and the recording so far; {@code source} is the named source on air
 * in a show with several (null on the slate and in a single-ingest show).
 */
public record ShowStats(String stationId, String showId, String title, String state, String ingestMode, String ingest,
                        String ingestUrl, long programMillis, long sourceSwitches, int encoders, int profiles,
                        long encoderDroppedFrames, List<DestinationStats> destinations, String recordingId, int recordedSegments,
                        long recordingDroppedPackets, Instant startedAt,
                        String source) {
}
