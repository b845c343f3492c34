package io.centralkitchen.processes.show.clips;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.live.RecordingIndex;
import io.centralkitchen.storage.MediaStore;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored segments of a live recording that a closed slot's clip needs, as a manifest of its own: what slot-clip
 * hands media.recording-clip while the show goes on (the sealed recording's manifest does not exist yet). The clip cut
 * from it is the one cut from the sealed manifest after the end: the same segments, the same cut.
 */
@Component
public class SlotSegments {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final RecordingIndex index;
    private final MediaStore store;

    public SlotSegments(RecordingIndex index, MediaStore store) {
        this.index = index;
        this.store = store;
    }

    /**
     * The segments holding program time {@code fromMillis} to {@code toMillis}, when every one of them is stored:
     * none missing in between (segments are uploaded in parallel), the one before the first stored when the first
     * starts after {@code fromMillis} (or it is the recording's first), and the last reaching {@code toMillis}.
     */
    public Optional<List<RecordingSegment>> stored(String stationId, String showId, String recordingId, long fromMillis, long toMillis) {
        List<RecordingSegment> covering = index.covering(stationId, showId, recordingId, fromMillis, toMillis);
        if (covering.isEmpty()) {
            return Optional.empty();
        }
        RecordingSegment first = covering.get(0);
        RecordingSegment last = covering.get(covering.size() - 1);
        if (last.streamStartMillis() + last.durationMillis() < toMillis) {
            return Optional.empty();
        }
        for (int i = 1; i < covering.size(); i++) {
            if (covering.get(i).sequence() != covering.get(i - 1).sequence() + 1) {
                return Optional.empty();
            }
        }
        if (first.streamStartMillis() > fromMillis && first.sequence() > 1
                && !index.has(stationId, showId, recordingId, first.sequence() - 1)) {
            return Optional.empty();
        }
        return Optional.of(covering);
    }

    /** Stores {@code segments} as the manifest {@code key} (the clip's own folder) and returns the key. */
    public String manifest(String key, String stationId, String showId, String recordingId, List<RecordingSegment> segments) {
        RecordingManifest manifest = new RecordingManifest(stationId, showId, recordingId, key, segments.get(0).wallClockStart(),
                Instant.now(), segments.stream().mapToLong(RecordingSegment::durationMillis).sum(), segments);
        try {
            store.put(key, JSON.writeValueAsBytes(manifest), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return key;
    }

    /** Where a clip's segments manifest goes. */
    public static String key(String stationId, String showId, long clipId) {
        return ShowClips.key(stationId, showId, clipId, "segments.json");
    }
}
