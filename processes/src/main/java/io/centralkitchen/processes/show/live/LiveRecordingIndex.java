package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveListener;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.processes.show.clips.ClosedSlotClips;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.centralkitchen.processes.show.live.cluster.LiveOwnership;
import org.springframework.stereotype.Component;

import java.util.Optional;


/**
 * Keeps the recording index in the database as segments are stored (and tells the show's closed slots waiting for
 * them), and notes the sealed manifest.
 */
@Component
public class LiveRecordingIndex implements LiveListener {

    private static final Logger log = LoggerFactory.getLogger(LiveRecordingIndex.class);

    private final RecordingIndex index;
    private final LiveSessions sessions;
    private final ClosedSlotClips closedSlots;
    private final LiveOwnership ownership;

    public LiveRecordingIndex(RecordingIndex index, LiveSessions sessions, ClosedSlotClips closedSlots, LiveOwnership ownership) {
        this.index = index;
        this.sessions = sessions;
        this.closedSlots = closedSlots;
        this.ownership = ownership;
    }

    @Override
    public void segmentStored(RecordingSegment s) {
        try {
            Optional<LiveOwnership.Owner> owner = ownership.of(s.showId());
            boolean added;
            if (owner.isPresent()) {
                added = index.add(s, owner.get().workerId(), owner.get().token());
                if (!added) {
                    log.warn("Segment {} of {} not indexed: indexed before, or {} no longer owns the show (token {})",
                            s.sequence(), s.showId(), owner.get().workerId(), owner.get().token());
                }
            } else {
                added = index.add(s);
                if (!added) {
                    log.debug("Segment {} of {} already indexed", s.sequence(), s.showId());
                }
            }
            if (added) {
                closedSlots.segmentStored(s); // a closed slot waiting for this segment can be clipped
            }
        } catch (RuntimeException e) {
            log.error("Cannot index recording segment {} of show {}: {}", s.sequence(), s.showId(), e.getMessage());
        }
    }

    @Override
    public void recordingSealed(RecordingManifest m) {
        sessions.sealed(m);
    }
}
