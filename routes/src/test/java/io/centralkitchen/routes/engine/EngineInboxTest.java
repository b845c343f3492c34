package io.centralkitchen.routes.engine;

import io.centralkitchen.routes.RoutesTestBase;
import io.centralkitchen.routes.test.RoutesTestApplication.SteeredDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The persistent inbox between integration and engine: work is recorded in the caller's transaction, delivered once,
 * and retried with backoff while the engine is not ready for it. The engine's side is steered here; the processes
 * module runs the same inbox against the real engine.
 */
class EngineInboxTest extends RoutesTestBase {

    @Autowired
    EngineBridge bridge;
    @Autowired
    EngineInboxDispatcher dispatcher;
    @Autowired
    SteeredDelivery engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    @AfterEach
    void engineAcceptsEverything() {
        engine.behaviour = item -> EngineDelivery.Outcome.DELIVERED;
    }

    void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }

    Map<String, Object> row(String businessKey) {
        return jdbc.queryForMap("select state, attempts, next_attempt_at, last_error from engine_inbox where business_key = ?", businessKey);
    }

    long delivered(String businessKey) {
        return engine.delivered.stream().filter(i -> i.businessKey().equals(businessKey)).count();
    }

    @Test
    void workIsDeliveredOnceWithItsVariables() {
        String key = "case-" + UUID.randomUUID();
        inTransaction(() -> {
            bridge.startProcess("station-1", "after-sales-case", key, Map.of("orderId", "o-1", "amount", 19.9, "urgent", true));
            bridge.startProcess("station-1", "after-sales-case", key, Map.of("orderId", "o-1"));
        });

        dispatcher.deliverDue(Instant.now());
        dispatcher.deliverDue(Instant.now().plusSeconds(3600));

        assertThat(delivered(key)).isEqualTo(1);
        InboxItem item = engine.delivered.stream().filter(i -> i.businessKey().equals(key)).findFirst().orElseThrow();
        assertThat(item.kind()).isEqualTo(InboxItem.Kind.START);
        assertThat(item.station()).isEqualTo("station-1");
        assertThat(item.variables()).containsEntry("orderId", "o-1").containsEntry("amount", 19.9).containsEntry("urgent", true);
        assertThat(row(key).get("STATE")).isEqualTo("DONE");
    }

    @Test
    void workOfARolledBackTransactionIsNeverDelivered() {
        String key = "case-" + UUID.randomUUID();
        try {
            inTransaction(() -> {
                bridge.correlateMessage("station-1", "after-sales-complaint-updated", key, Map.of(), "evt-rolled-back-" + key);
                throw new IllegalStateException("the cause failed");
            });
        } catch (IllegalStateException expected) {
            // the event that caused it was not accepted
        }

        dispatcher.deliverDue(Instant.now().plusSeconds(3600));

        assertThat(jdbc.queryForObject("select count(*) from engine_inbox where business_key = ?", Integer.class, key)).isZero();
        assertThat(delivered(key)).isZero();
    }

    @Test
    void aCorrelationThatArrivesBeforeItsProcessWaitsIsRetriedWithBackoffNotLost() {
        String key = "case-" + UUID.randomUUID();
        engine.behaviour = item -> item.businessKey().equals(key) ? EngineDelivery.Outcome.NOT_READY : EngineDelivery.Outcome.DELIVERED;
        inTransaction(() -> bridge.correlateMessage("station-1", "after-sales-survey-answered", key, Map.of("score", 5), "evt-" + key));
        // the next whole millisecond: never before the row's (sub-millisecond) time of recording, so it is due
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1);

        dispatcher.deliverDue(start);
        Map<String, Object> first = row(key);
        dispatcher.deliverDue(start);
        dispatcher.deliverDue(start.plusSeconds(2));

        assertThat(first.get("STATE")).isEqualTo("PENDING");
        assertThat((String) first.get("LAST_ERROR")).contains("No process instance is waiting for message 'after-sales-survey-answered'");
        Map<String, Object> later = row(key);
        assertThat((Integer) later.get("ATTEMPTS")).isEqualTo(2);
        Instant next = ((java.sql.Timestamp) later.get("NEXT_ATTEMPT_AT")).toInstant();
        assertThat(Duration.between(start.plusSeconds(2), next)).isEqualTo(Duration.ofSeconds(2));

        engine.behaviour = item -> EngineDelivery.Outcome.DELIVERED;
        dispatcher.deliverDue(next);

        assertThat(delivered(key)).isEqualTo(1);
        assertThat(row(key).get("STATE")).isEqualTo("DONE");
    }

    @Test
    void anEngineFailureRollsTheAttemptBackAndIsRetried() {
        String key = "case-" + UUID.randomUUID();
        engine.behaviour = item -> {
            if (item.businessKey().equals(key)) {
                throw new IllegalStateException("no processes deployed with key 'after-sales-case' for tenant 'radio-two'");
            }
            return EngineDelivery.Outcome.DELIVERED;
        };
        inTransaction(() -> bridge.startProcess("radio-two", "after-sales-case", key, Map.of()));

        dispatcher.deliverDue(Instant.now());

        assertThat(row(key).get("STATE")).isEqualTo("PENDING");
        assertThat((String) row(key).get("LAST_ERROR")).contains("no processes deployed");
        engine.behaviour = item -> EngineDelivery.Outcome.DELIVERED;
        dispatcher.deliverDue(Instant.now().plusSeconds(10));
        assertThat(delivered(key)).isEqualTo(1);
    }

    @Test
    void workThatNeverFindsItsProcessIsMarkedFailedAndKept() {
        String key = "case-" + UUID.randomUUID();
        engine.behaviour = item -> item.businessKey().equals(key) ? EngineDelivery.Outcome.NOT_READY : EngineDelivery.Outcome.DELIVERED;
        inTransaction(() -> bridge.correlateMessage("station-1", "after-sales-complaint-updated", key, Map.of(), "evt-" + key));

        dispatcher.deliverDue(Instant.now().plus(Duration.ofDays(8)));

        assertThat(row(key).get("STATE")).isEqualTo("FAILED");
        assertThat(delivered(key)).isZero();
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(dispatcher.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(dispatcher.backoff(12)).isEqualTo(Duration.ofMinutes(5));
        assertThat(dispatcher.backoff(100)).isEqualTo(Duration.ofMinutes(5));
    }
}
