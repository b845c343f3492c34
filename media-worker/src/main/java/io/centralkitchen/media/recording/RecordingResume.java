package io.centralkitchen.media.recording;

import java.time.Instant;
import java.util.List;

/**
 * A recording continued by a new owner of the show (after a failover or a restart): the same recording id, the
 * segments stored before (segment numbers go on after the last, never reusing one), program time going on from
 * {@code programOffsetMillis} (the gap included), and a tag in the new segments' file names so that no object another
 * owner may still be writing is overwritten.
 */
public record RecordingResume(String recordingId, Instant startedAt, List<RecordingSegment> earlier, long programOffsetMillis,
                              String fileTag) {

    public RecordingResume {
        earlier = List.copyOf(earlier);
        if (fileTag == null || !fileTag.matches("[a-z0-9]{1,20}")) {
            throw new IllegalArgumentException("A resumed recording's file tag is 1 to 20 letters or digits");
        }
    }

    public int lastSequence() {
        return earlier.stream().mapToInt(RecordingSegment::sequence).max().orElse(0);
    }
}
