package io.centralkitchen.processes.show.live.cluster;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * What the producers have been told about each live show (table {@code live_alarm}), once for the whole cluster: the
 * node whose note succeeds tells the show's process; a note is taken back when telling failed or the trouble is over.
 */
@Repository
public class LiveAlarms {

    private final JdbcTemplate jdbc;

    public LiveAlarms(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes the alarm; false when it was noted before (by this node or another). */
    public boolean raise(String showId, String kind, String subject) {
        try {
            return jdbc.update("insert into live_alarm (show_id, kind, subject, raised_at) select ?,?,?,? from live_lease"
                    + " where show_id = ? and not exists (select 1 from live_alarm where show_id = ? and kind = ? and subject = ?)",
                    showId, kind, subject, Timestamp.from(Instant.now()), showId, showId, kind, subject) == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public boolean raised(String showId, String kind, String subject) {
        Integer n = jdbc.queryForObject("select count(*) from live_alarm where show_id = ? and kind = ? and subject = ?",
                Integer.class, showId, kind, subject);
        return n != null && n > 0;
    }

    /** Takes the note back; false when there was none (another node did). */
    public boolean clear(String showId, String kind, String subject) {
        return jdbc.update("delete from live_alarm where show_id = ? and kind = ? and subject = ?", showId, kind, subject) == 1;
    }

    /** Notes about shows that are no longer live go. */
    public void forgetEnded() {
        jdbc.update("delete from live_alarm where show_id not in (select show_id from live_lease where ended = false)");
    }
}
