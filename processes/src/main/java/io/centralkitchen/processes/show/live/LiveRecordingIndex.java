package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveListener;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.processes.show.clips.ClosedSlotClips;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;


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

    public LiveRecordingIndex(RecordingIndex index, LiveSessions sessions, ClosedSlotClips closedSlots) {
        this.index = index;
        this.sessions = sessions;
        this.closedSlots = closedSlots;
    }

    @Override
    public void segmentStored(RecordingSegment s) {
        try {
            if (!index.add(s)) {
                log.debug("Segment {} of {} already indexed", s.sequence(), s.showId());
            } else {
                closedSlots.segmentStored(s);
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
