package io.centralkitchen.routes.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * The idempotent repository of webhook events ({@code webhook_receipt}, one row per station, platform and event id).
 * {@link #recordFirst} runs in the transaction of the event's effect: both are kept, or neither.
 * <p>
 * Concurrent deliveries of one event: each looks, finds nothing committed, and inserts; the database makes all but one
 * wait on the key. When the first commits, the others' inserts fail as duplicates — inside a savepoint, so their
 * transactions stay usable (PostgreSQL would otherwise refuse every further statement) — and they answer "duplicate".
 * When the first rolls back, the next one's insert goes through. A delivery that waits longer than the database's lock
 * timeout answers 409: deliver again.
 */
public class WebhookReceipts {

    private static final Logger log = LoggerFactory.getLogger(WebhookReceipts.class);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    public WebhookReceipts(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /**
     * @return true when this is the first delivery of the event to its station, false for a redelivery of an event
     * already accepted (also one accepted by a concurrent delivery while this one waited)
     * @throws WebhookRefusedException 409 when a concurrent delivery of the same event held the key too long
     */
    public boolean recordFirst(PlatformEvent event) {
        Integer seen = jdbc.queryForObject("select count(*) from webhook_receipt where station_id = ? and platform = ? and event_id = ?",
                Integer.class, event.station(), event.platform(), event.eventId());
        if (seen != null && seen > 0) {
            return false;
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.update(
                    "insert into webhook_receipt (station_id, platform, event_id, event_type, received_at) values (?, ?, ?, ?, ?)",
                    event.station(), event.platform(), event.eventId(), event.type().wireName(), Timestamp.from(clock.instant())));
        } catch (DuplicateKeyException acceptedConcurrently) {
            log.debug("Event {} of {}/{} was accepted by a concurrent delivery while this one waited", event.eventId(),
                    event.platform(), event.station());
            return false;
        } catch (ConcurrencyFailureException lockTimeout) {
            throw new WebhookRefusedException(409, "Event " + event.eventId()
                    + " is being accepted by a concurrent delivery; deliver it again later");
        }
        return true;
    }

    public int forgetOlderThan(Duration retention) {
        return jdbc.update("delete from webhook_receipt where received_at < ?", Timestamp.from(clock.instant().minus(retention)));
    }
}
