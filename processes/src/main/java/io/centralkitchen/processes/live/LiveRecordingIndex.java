package io.centralkitchen.processes.live;

import io.centralkitchen.media.live.LiveListener;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** Keeps the recording index in the database as segments are stored, and notes the sealed manifest. */
@Component
public class LiveRecordingIndex implements LiveListener {

    private static final Logger log = LoggerFactory.getLogger(LiveRecordingIndex.class);

    private final JdbcTemplate jdbc;

    public LiveRecordingIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void segmentStored(RecordingSegment s) {
        try {
            jdbc.update("insert into live_recording_segment (station_id, show_id, recording_id, sequence, object_key,"
                            + " stream_start_millis, duration_millis, wall_clock_start, bytes, sha256) values (?,?,?,?,?,?,?,?,?,?)",
                    s.stationId(), s.showId(), s.recordingId(), s.sequence(), s.key(), s.streamStartMillis(),
                    s.durationMillis(), Timestamp.from(s.wallClockStart()), s.bytes(), s.sha256());
        } catch (DuplicateKeyException alreadyIndexed) {
            log.debug("Segment {} of {} already indexed", s.sequence(), s.showId());
        } catch (RuntimeException e) {
            log.error("Cannot index recording segment {} of show {}: {}", s.sequence(), s.showId(), e.getMessage());
        }
    }

    @Override
    public void recordingSealed(RecordingManifest m) {
        jdbc.update("update live_session set recording_id = ?, manifest_key = ?, recorded_millis = ?, ended_at = ?"
                        + " where station_id = ? and show_id = ? and ended_at is null",
                m.recordingId(), m.key(), m.durationMillis(), Timestamp.from(Instant.now()), m.stationId(), m.showId());
    }
}
