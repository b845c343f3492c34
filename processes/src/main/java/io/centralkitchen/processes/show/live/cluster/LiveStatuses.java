package io.centralkitchen.processes.show.live.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.media.live.ShowStats;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * What each show's owner publishes every second (table {@code live_status}): its stats, for every node to read —
 * the live watch's alarms, {@code /live/stats}, the control room. Written only while the owner's token is current.
 */
@Repository
public class LiveStatuses {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A published status: who published it, with which token, when. */
    public record Status(String showId, String stationId, String owner, long token, ShowStats stats, Instant updatedAt) {

        /** Program time now, extrapolated from the published one while the program runs. */
        public long programMillisAt(Instant now) {
            return stats.programMillis() + Math.max(0, now.toEpochMilli() - updatedAt.toEpochMilli());
        }
    }

    private final JdbcTemplate jdbc;

    public LiveStatuses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Publishes the owner's stats; false when its token is no longer current (nothing written). The row's station is
     * the lease's, never the stats'.
     */
    public boolean publish(ShowStats stats, String worker, long token, Instant now) {
        String json;
        try {
            json = JSON.writeValueAsString(stats);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (json.length() > 30000) {
            throw new IllegalStateException("The status of show " + stats.showId() + " is too large to publish");
        }
        int updated = jdbc.update("update live_status set owner = ?, token = ?, stats = ?, updated_at = ? where show_id = ? and "
                + LiveLeases.CURRENT, worker, token, json, Timestamp.from(now), stats.showId(), stats.showId(), worker, token);
        if (updated == 1) {
            return true;
        }
        try {
            if (jdbc.update("insert into live_status (show_id, station_id, owner, token, stats, updated_at) select ?, l.station_id, ?, ?, ?, ?"
                            + " from live_lease l where l.show_id = ? and l.owner = ? and l.token = ? and l.ended = false"
                            + " and not exists (select 1 from live_status s where s.show_id = ?)",
                    stats.showId(), worker, token, json, Timestamp.from(now), stats.showId(), worker, token,
                    stats.showId()) == 1) {
                return true;
            }
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // another node's first status came in between: the update below decides
        }
        return jdbc.update("update live_status set owner = ?, token = ?, stats = ?, updated_at = ? where show_id = ? and "
                + LiveLeases.CURRENT, worker, token, json, Timestamp.from(now), stats.showId(), stats.showId(), worker, token) == 1;
    }

    public Optional<Status> find(String showId) {
        return jdbc.query("select * from live_status where show_id = ?", (rs, i) -> {
            try {
                return new Status(rs.getString("show_id"), rs.getString("station_id"), rs.getString("owner"), rs.getLong("token"),
                        JSON.readValue(rs.getString("stats"), ShowStats.class), rs.getTimestamp("updated_at").toInstant());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Status of show " + showId + " cannot be read: " + e.getMessage(), e);
            }
        }, showId).stream().findFirst();
    }

    /** The show's status goes when it ends. */
    public void remove(String showId) {
        jdbc.update("delete from live_status where show_id = ?", showId);
    }
}
