package io.centralkitchen.processes.show.live.cluster;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The live workers (table {@code live_worker}): each one's configured slots and the shows it runs, by heartbeat. */
@Repository
public class LiveWorkers {

    /** A worker's capacity as it last reported it. */
    public record Worker(String id, String pool, int slots, int shows, Instant heartbeatAt) {

        public int free() {
            return Math.max(0, slots - shows);
        }
    }

    private final JdbcTemplate jdbc;

    public LiveWorkers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void beat(String id, String pool, int slots, int shows, Instant now) {
        if (jdbc.update("update live_worker set pool = ?, slots = ?, shows = ?, heartbeat_at = ? where id = ?",
                pool, slots, shows, Timestamp.from(now), id) == 0) {
            jdbc.update("insert into live_worker (id, pool, slots, shows, heartbeat_at) values (?,?,?,?,?)",
                    id, pool, slots, shows, Timestamp.from(now));
        }
    }

    /** Workers that reported since {@code since}, least loaded first. */
    public List<Worker> alive(Instant since) {
        return jdbc.query("select * from live_worker where heartbeat_at >= ? order by shows, id", (rs, i) -> new Worker(
                rs.getString("id"), rs.getString("pool"), rs.getInt("slots"), rs.getInt("shows"),
                rs.getTimestamp("heartbeat_at").toInstant()), Timestamp.from(since));
    }

    /** A worker going away cleanly. */
    public void gone(String id) {
        jdbc.update("delete from live_worker where id = ?", id);
    }
}
