package io.centralkitchen.routes.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers due inbox items to the engine, each in its own transaction together with marking it done: a crash between
 * the two is impossible, and several nodes never deliver the same item (the claim locks its row). An item the engine
 * is not ready for goes back with exponential backoff; after {@code give-up-after} it is marked FAILED and logged.
 */
public class EngineInboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EngineInboxDispatcher.class);

    private final EngineInbox inbox;
    private final EngineDelivery delivery;
    private final TransactionTemplate transactions;
    private final EngineInboxProperties properties;
    private final Clock clock;

    public EngineInboxDispatcher(EngineInbox inbox, EngineDelivery delivery, TransactionTemplate transactions,
                                 EngineInboxProperties properties, Clock clock) {
        this.inbox = inbox;
        this.delivery = delivery;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Delivers what is due now; returns how many items were delivered. */
    public int deliverDue() {
        return deliverDue(clock.instant());
    }

    /** Delivers what is due at {@code now} (tests pass a later instant instead of waiting for a backoff). */
    public int deliverDue(Instant now) {
        int delivered = 0;
        for (long id : inbox.due(now, properties.getBatchSize())) {
            if (deliverOne(id, now)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliverOne(long id, Instant now) {
        try {
            Boolean done = transactions.execute(status -> {
                Optional<InboxItem> claimed = inbox.claim(id, now);
                if (claimed.isEmpty()) {
                    return false;
                }
                InboxItem item = claimed.get();
                if (delivery.deliver(item) == EngineDelivery.Outcome.DELIVERED) {
                    log.debug("Delivered {}", item);
                    return true;
                }
                postpone(id, EngineInbox.DONE, now, "No process instance is waiting for message '" + item.target() + "' with business key '"
                        + item.businessKey() + "' in station '" + item.station() + "' yet");
                return false;
            });
            return Boolean.TRUE.equals(done);
        } catch (RuntimeException refused) {
            // The engine's failure rolled the attempt back; record it in a transaction of its own.
            String reason = refused.getClass().getSimpleName() + ": " + refused.getMessage();
            // Only an item still pending is postponed: if another node delivered it meanwhile, it stays delivered.
            transactions.executeWithoutResult(status -> postpone(id, EngineInbox.PENDING, now, reason));
            return false;
        }
    }

    /** @param expectedState DONE inside the claiming transaction (the claim set it), PENDING after a rollback */
    private void postpone(long id, String expectedState, Instant now, String reason) {
        inbox.row(id).ifPresent(row -> {
            int attempts = row.attempts() + 1;
            if (Duration.between(row.createdAt(), now).compareTo(properties.getGiveUpAfter()) > 0) {
                inbox.fail(id, expectedState, attempts, reason);
                log.error("Engine inbox item {} given up after {} attempts: {}", id, attempts, reason);
                return;
            }
            Instant next = now.plus(backoff(attempts));
            inbox.retryLater(id, expectedState, attempts, next, reason);
            log.info("Engine inbox item {} not delivered (attempt {}), next attempt at {}: {}", id, attempts, next, reason);
        });
    }

    Duration backoff(int attempts) {
        long base = Math.max(1, properties.getRetryDelay().toMillis());
        long max = properties.getMaxRetryDelay().toMillis();
        long delay = attempts >= 30 ? max : Math.min(max, base << Math.max(0, attempts - 1));
        return Duration.ofMillis(delay);
    }

    public int forgetDelivered() {
        return inbox.deleteDeliveredBefore(clock.instant().minus(properties.getKeepDelivered()));
    }
}
