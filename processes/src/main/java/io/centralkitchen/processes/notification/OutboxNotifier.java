package io.centralkitchen.processes.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** Writes notifications to the outbox, in the caller's transaction, and logs them. */
@Component
public class OutboxNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(OutboxNotifier.class);

    private final JdbcTemplate jdbc;

    public OutboxNotifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean notify(Notification n) {
        // Checked first so a retry inside the same transaction does not hit (and poison) a unique-key violation.
        Integer existing = jdbc.queryForObject("select count(*) from notification_outbox where dedup_key = ?", Integer.class, n.dedupKey());
        if (existing != null && existing > 0) {
            return false;
        }
        try {
            jdbc.update("insert into notification_outbox (station_id, recipient_type, recipient_ref, topic, subject, body, reference,"
                            + " dedup_key, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    n.stationId(), n.recipientType(), n.recipientRef(), n.topic(), n.subject(), n.body(), n.reference(),
                    n.dedupKey(), Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException concurrentlyRecorded) {
            return false;
        }
        log.info("Notification [{}] to {} {} in station '{}': {}", n.topic(), n.recipientType(), n.recipientRef(), n.stationId(), n.subject());
        return true;
    }
}
