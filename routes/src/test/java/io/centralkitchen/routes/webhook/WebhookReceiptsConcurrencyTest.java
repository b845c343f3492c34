package io.centralkitchen.routes.webhook;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receipts under concurrent copies of one event, on H2 and on a real PostgreSQL server (where a failed insert would
 * poison its transaction), with this module's migrations (V20, V23): one copy is first, the others are duplicates —
 * never a failure — and their transactions stay usable.
 */
class WebhookReceiptsConcurrencyTest {

    static EmbeddedPostgres postgres;
    static HikariDataSource h2;
    static HikariDataSource pg;

    record Database(String name, DataSource dataSource) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        pg = pool(postgres.getJdbcUrl("postgres", "postgres"));
        h2 = pool("jdbc:h2:mem:receipts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        for (DataSource dataSource : List.of(pg, h2)) {
            Flyway.configure().dataSource(dataSource).table("kitchen_schema_history").locations("classpath:db/migration")
                    .load().migrate();
        }
    }

    static HikariDataSource pool(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        if (url.startsWith("jdbc:postgresql")) {
            dataSource.setUsername("postgres");
        } else {
            dataSource.setUsername("sa");
        }
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }

    @AfterAll
    static void stop() throws Exception {
        h2.close();
        pg.close();
        postgres.close();
    }

    static Stream<Database> databases() {
        return Stream.of(new Database("H2", h2), new Database("PostgreSQL", pg));
    }

    static PlatformEvent event(String station, String eventId) {
        return new PlatformEvent("douyin", station, eventId, PlatformEvent.Type.COMMENT_CREATED, Instant.now(), null, null,
                new PlatformEvent.Comment("c-1", "hello", null, null), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrentCopiesOfOneEventGiveOneFirstAndDuplicates(Database database) throws Exception {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        WebhookReceipts receipts = new WebhookReceipts(jdbc, transactions, Clock.systemUTC());
        PlatformEvent event = event("station-1", "evt-" + UUID.randomUUID());
        int copies = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            outcomes.add(pool.submit(() -> {
                start.await();
                return new TransactionTemplate(transactions).execute(status -> {
                    boolean first = receipts.recordFirst(event);
                    if (first) {
                        sleep(300);   // the effect: the others arrive and wait on the key meanwhile
                    }
                    // the transaction is still usable after a duplicate (PostgreSQL refuses everything after an error)
                    jdbc.queryForObject("select count(*) from webhook_receipt", Integer.class);
                    return first;
                });
            }));
        }
        start.countDown();
        int firsts = 0;
        for (Future<Boolean> outcome : outcomes) {
            firsts += outcome.get() ? 1 : 0;   // get() throws if any copy failed
        }
        pool.shutdown();

        assertThat(firsts).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from webhook_receipt where event_id = ?", Integer.class, event.eventId()))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenTheFirstCopyRollsBackTheWaitingOneIsFirst(Database database) throws Exception {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        WebhookReceipts receipts = new WebhookReceipts(jdbc, transactions, Clock.systemUTC());
        PlatformEvent event = event("station-1", "evt-" + UUID.randomUUID());
        CountDownLatch recorded = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);

        Future<Boolean> failing = pool.submit(() -> new TransactionTemplate(transactions).execute(status -> {
            boolean first = receipts.recordFirst(event);
            recorded.countDown();
            sleep(300);
            status.setRollbackOnly();   // the effect failed
            return first;
        }));
        recorded.await();
        Future<Boolean> redelivery = pool.submit(() -> new TransactionTemplate(transactions).execute(status -> receipts.recordFirst(event)));

        assertThat(failing.get()).isTrue();
        assertThat(redelivery.get()).isTrue();
        pool.shutdown();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void receiptsArePerStation(Database database) {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
        WebhookReceipts receipts = new WebhookReceipts(new JdbcTemplate(database.dataSource()), transactions, Clock.systemUTC());
        String eventId = "evt-" + UUID.randomUUID();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        java.util.function.Function<String, Boolean> deliver = station -> tx.execute(s -> receipts.recordFirst(event(station, eventId)));

        assertThat(List.of(deliver.apply("station-1"), deliver.apply("radio-two"), deliver.apply("radio-two"),
                deliver.apply("station-1"))).containsExactly(true, true, false, false);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
