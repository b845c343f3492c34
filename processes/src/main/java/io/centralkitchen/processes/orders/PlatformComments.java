package io.centralkitchen.processes.orders;

import io.centralkitchen.routes.webhook.PlatformEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;

/** Viewer comments from the platforms, kept for marketers and the show report. */
@Service
public class PlatformComments {

    private final JdbcTemplate jdbc;

    public PlatformComments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(PlatformEvent event) {
        PlatformEvent.Comment c = event.comment();
        Integer known = jdbc.queryForObject("select count(*) from platform_comment where station_id = ? and platform = ? and comment_id = ?",
                Integer.class, event.station(), event.platform(), c.commentId());
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("insert into platform_comment (station_id, platform, comment_id, show_ref, author, text, occurred_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", event.station(), event.platform(), c.commentId(), c.showRef(),
                c.author(), c.text(), Timestamp.from(event.occurredAt()));
    }
}
