package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.recording.RecordingSegment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** The index of a show's recording segments (table {@code live_recording_segment}), kept as they are stored. */
@Repository
public class RecordingIndex {

    private static final RowMapper<RecordingSegment> SEGMENT = (rs, i) -> new RecordingSegment(rs.getString("station_id"),
            rs.getString("show_id"), rs.getString("recording_id"), rs.getInt("sequence"), rs.getString("object_key"),
            rs.getLong("stream_start_millis"), rs.getLong("duration_millis"), rs.getTimestamp("wall_clock_start").toInstant(),
            rs.getLong("bytes"), rs.getString("sha256"));

    private final JdbcTemplate jdbc;

    public RecordingIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Indexes a stored segment; false when it was indexed before. */
    public boolean add(RecordingSegment s) {
        Integer known = jdbc.queryForObject("select count(*) from live_recording_segment where station_id = ? and show_id = ?"
                + " and recording_id = ? and sequence = ?", Integer.class, s.stationId(), s.showId(), s.recordingId(), s.sequence());
        if (known != null && known > 0) {
            return false;
        }
        jdbc.update("insert into live_recording_segment (station_id, show_id, recording_id, sequence, object_key,"
                        + " stream_start_millis, duration_millis, wall_clock_start, bytes, sha256) values (?,?,?,?,?,?,?,?,?,?)",
                s.stationId(), s.showId(), s.recordingId(), s.sequence(), s.key(), s.streamStartMillis(),
                s.durationMillis(), Timestamp.from(s.wallClockStart()), s.bytes(), s.sha256());
        return true;
    }

    /**
     * Indexes a segment stored by a show's owner, only while its fencing token is current (table {@code live_lease});
     * false when it was indexed before or the writer is no longer the owner.
     */
    public boolean add(RecordingSegment s, String owner, long token) {
        Integer known = jdbc.queryForObject("select count(*) from live_recording_segment where station_id = ? and show_id = ?"
                + " and recording_id = ? and sequence = ?", Integer.class, s.stationId(), s.showId(), s.recordingId(), s.sequence());
        if (known != null && known > 0) {
            return false;
        }
        return jdbc.update("insert into live_recording_segment (station_id, show_id, recording_id, sequence, object_key,"
                        + " stream_start_millis, duration_millis, wall_clock_start, bytes, sha256, lease_token)"
                        + " select ?,?,?,?,?,?,?,?,?,?,? from live_lease l where l.show_id = ? and l.station_id = ? and l.owner = ?"
                        + " and l.token = ? and l.ended = false",
                s.stationId(), s.showId(), s.recordingId(), s.sequence(), s.key(), s.streamStartMillis(),
                s.durationMillis(), Timestamp.from(s.wallClockStart()), s.bytes(), s.sha256(), token,
                s.showId(), s.stationId(), owner, token) == 1;
    }

    /** The show's latest recording (by its newest segment). */
    public Optional<String> latestRecording(String stationId, String showId) {
        return jdbc.queryForList("select recording_id from live_recording_segment where station_id = ? and show_id = ?"
                + " group by recording_id order by max(wall_clock_start) desc", String.class, stationId, showId).stream().findFirst();
    }

    public List<RecordingSegment> segments(String stationId, String showId, String recordingId) {
        return jdbc.query("select * from live_recording_segment where station_id = ? and show_id = ? and recording_id = ?"
                + " order by sequence", SEGMENT, stationId, showId, recordingId);
    }

    /** The segments of a recording that hold program time {@code fromMillis} to {@code toMillis}. */
    public List<RecordingSegment> covering(String stationId, String showId, String recordingId, long fromMillis, long toMillis) {
        return jdbc.query("select * from live_recording_segment where station_id = ? and show_id = ? and recording_id = ?"
                        + " and stream_start_millis + duration_millis > ? and stream_start_millis <= ? order by sequence",
                SEGMENT, stationId, showId, recordingId, fromMillis, toMillis);
    }

    /** Whether segment {@code sequence} of the recording is indexed (stored). */
    public boolean has(String stationId, String showId, String recordingId, int sequence) {
        Integer n = jdbc.queryForObject("select count(*) from live_recording_segment where station_id = ? and show_id = ?"
                + " and recording_id = ? and sequence = ?", Integer.class, stationId, showId, recordingId, sequence);
        return n != null && n > 0;
    }

    /** Stations having a recording for a show id. */
    public List<String> stationsOf(String showId) {
        return jdbc.queryForList("select distinct station_id from live_recording_segment where show_id = ?", String.class, showId);
    }
}
