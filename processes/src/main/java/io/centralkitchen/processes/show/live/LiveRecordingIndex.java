package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveListener;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.centralkitchen.processes.show.live.cluster.LiveOwnership;
import org.springframework.stereotype.Component;

import java.util.Optional;


/** Keeps the recording index in the database as segments are stored, and notes the sealed manifest. */
@Component
public class LiveRecordingIndex implements LiveListener {

    private static final Logger log = LoggerFactory.getLogger(LiveRecordingIndex.class);

    private final RecordingIndex index;
    private final LiveSessions sessions;
    private final LiveOwnership ownership;

    public LiveRecordingIndex(RecordingIndex index, LiveSessions sessions, LiveOwnership ownership) {
        this.index = index;
        this.sessions = sessions;
        this.ownership = ownership;
    }

    @Override
    public void segmentStored(RecordingSegment s) {
        try {
            Optional<LiveOwnership.Owner> owner = ownership.of(s.showId());
            if (owner.isPresent()) {
                if (!index.add(s, owner.get().workerId(), owner.get().token())) {
                    log.warn("Segment {} of {} not indexed: indexed before, or {} no longer owns the show (token {})",
                            s.sequence(), s.showId(), owner.get().workerId(), owner.get().token());
                }
            } else if (!index.add(s)) {
                log.debug("Segment {} of {} already indexed", s.sequence(), s.showId());
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
