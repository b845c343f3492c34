package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.recording.RecordingManifest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

/** Each go-live of a show (table {@code live_session}): who started it, when it ended, its sealed recording. */
@Repository
public class LiveSessions {

    private final JdbcTemplate jdbc;

    public LiveSessions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void started(String stationId, String showId, String startedBy) {
        jdbc.update("insert into live_session (station_id, show_id, started_by, started_at) values (?,?,?,?)",
                stationId, showId, startedBy, Timestamp.from(Instant.now()));
    }

    /** The open session ends (without a recording, or before it is sealed). */
    public void ended(String stationId, String showId) {
        jdbc.update("update live_session set ended_at = coalesce(ended_at, ?) where station_id = ? and show_id = ? and ended_at is null",
                Timestamp.from(Instant.now()), stationId, showId);
    }

    /**
     * The latest session of the show ends with its sealed recording — also when the engine's own note of it was rolled
     * back with an earlier attempt of the step that ended the show.
     */
    public void sealed(RecordingManifest m) {
        jdbc.update("update live_session set ended_at = coalesce(ended_at, ?), recording_id = coalesce(recording_id, ?),"
                        + " manifest_key = coalesce(manifest_key, ?), recorded_millis = coalesce(recorded_millis, ?)"
                        + " where station_id = ? and show_id = ? and started_at = (select max(started_at) from live_session"
                        + " where station_id = ? and show_id = ?)", Timestamp.from(Instant.now()), m.recordingId(),
                m.key(), m.durationMillis(), m.stationId(), m.showId(), m.stationId(), m.showId());
    }
}
