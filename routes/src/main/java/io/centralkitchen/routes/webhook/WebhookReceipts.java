package io.centralkitchen.routes.webhook;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * The persistent idempotent repository of webhook events ({@code webhook_receipt}, one row per platform and event id).
 * {@link #recordFirst} runs in the transaction of the event's effect: both are kept, or neither.
 */
public class WebhookReceipts {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public WebhookReceipts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @return true when this is the first delivery of the event, false for a redelivery of an event already accepted
     * @throws WebhookRefusedException 409 when another node is accepting the same event right now (its transaction
     *                                 decides; the platform's next redelivery gets the final answer)
     */
    public boolean recordFirst(PlatformEvent event) {
        Integer seen = jdbc.queryForObject("select count(*) from webhook_receipt where platform = ? and event_id = ?",
                Integer.class, event.platform(), event.eventId());
        if (seen != null && seen > 0) {
            return false;
        }
        try {
            jdbc.update("insert into webhook_receipt (platform, event_id, station_id, event_type, received_at) values (?, ?, ?, ?, ?)",
                    event.platform(), event.eventId(), event.station(), event.type().wireName(), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException concurrentDelivery) {
            throw new WebhookRefusedException(409, "Event " + event.eventId() + " is being accepted by a concurrent delivery; retry later");
        }
        return true;
    }

    public int forgetOlderThan(Duration retention) {
        return jdbc.update("delete from webhook_receipt where received_at < ?", Timestamp.from(clock.instant().minus(retention)));
    }
}
