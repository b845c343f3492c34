package io.centralkitchen.processes.show.live.cluster;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Where a recording was continued by a new owner (table {@code live_recording_gap}): the time nothing was recorded. */
@Repository
public class RecordingGaps {

    public record Gap(String recordingId, int afterSequence, Instant lostAt, Instant resumedAt, String owner, long token) {
    }

    private final JdbcTemplate jdbc;

    public RecordingGaps(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes the gap, written as the new owner (refused when its token is no longer current). */
    public boolean add(String stationId, String showId, Gap gap) {
        return jdbc.update("insert into live_recording_gap (station_id, show_id, recording_id, after_sequence, lost_at,"
                        + " resumed_at, owner, token) select ?,?,?,?,?,?,?,? from live_lease l where l.show_id = ? and l.owner = ?"
                        + " and l.token = ? and l.ended = false", stationId, showId, gap.recordingId(), gap.afterSequence(),
                Timestamp.from(gap.lostAt()), Timestamp.from(gap.resumedAt()), gap.owner(), gap.token(), showId, gap.owner(),
                gap.token()) == 1;
    }

    public List<Gap> of(String stationId, String showId) {
        return jdbc.query("select * from live_recording_gap where station_id = ? and show_id = ? order by id", (rs, i) ->
                        new Gap(rs.getString("recording_id"), rs.getInt("after_sequence"), rs.getTimestamp("lost_at").toInstant(),
                                rs.getTimestamp("resumed_at").toInstant(), rs.getString("owner"), rs.getLong("token")),
                stationId, showId);
    }
}
