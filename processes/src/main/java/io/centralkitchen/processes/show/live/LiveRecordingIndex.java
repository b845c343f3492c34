package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveListener;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;


/** Keeps the recording index in the database as segments are stored, and notes the sealed manifest. */
@Component
public class LiveRecordingIndex implements LiveListener {

    private static final Logger log = LoggerFactory.getLogger(LiveRecordingIndex.class);

    private final RecordingIndex index;
    private final LiveSessions sessions;

    public LiveRecordingIndex(RecordingIndex index, LiveSessions sessions) {
        this.index = index;
        this.sessions = sessions;
    }

    @Override
    public void segmentStored(RecordingSegment s) {
        try {
            if (!index.add(s)) {
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
