package io.centralkitchen.processes.show.live.cluster;

import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.processes.show.live.RecordingIndex;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live cluster's schema (V86) and its SQL on a real PostgreSQL server — leases and fencing, two workers taking
 * over from each other, commands, status, alarms, gaps; the application tests run the same code on H2.
 */
class LiveClusterOnPostgresTest {

    static EmbeddedPostgres postgres;
    static JdbcTemplate jdbc;
    static LiveLeases leases;
    static LiveWorkers workers;
    static LiveCommands commands;
    static LiveStatuses statuses;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).table("kitchen_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        jdbc.update("insert into station (id, name, created_at) values ('pg-station', 'PG Station', current_timestamp)");
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(postgres.getPostgresDatabase());
        leases = new LiveLeases(jdbc, transactions);
        workers = new LiveWorkers(jdbc);
        commands = new LiveCommands(jdbc, transactions);
        statuses = new LiveStatuses(jdbc);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    LiveWorker worker(String id, LiveLeaseFencingTest.PaperRunner runner) {
        return new LiveWorker(new LiveWorker.Settings(id, "pg", 2, Duration.ofMillis(1500), Duration.ofMillis(300),
                Duration.ofMillis(100), Duration.ofMillis(300)), leases, workers, commands, statuses, runner).start();
    }

    @Test
    void leasesFencingCommandsAndStatusOnPostgres() {
        String show = "pg-show";
        var runnerA = new LiveLeaseFencingTest.PaperRunner();
        var runnerB = new LiveLeaseFencingTest.PaperRunner();
        assertThat(leases.open("pg-station", show, "pg", Instant.now())).isTrue();
        LiveWorker a = worker("pg-a", runnerA);
        LiveWorker b = null;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.owns(show));
            b = worker("pg-b", runnerB);
            LiveWorker other = b;
            await().atMost(Duration.ofSeconds(5)).until(() -> statuses.find(show).isPresent());
            assertThat(statuses.find(show).orElseThrow().stats().title()).isEqualTo("Paper show");
            LiveCommands.Command c = commands.submit("pg-station", show, "ADD_DESTINATION", "{\"id\":\"x\"}", "pia");
            await().atMost(Duration.ofSeconds(5)).until(() -> LiveCommands.APPLIED.equals(commands.find(c.id()).orElseThrow().state()));
            long tokenA = leases.find(show).orElseThrow().token();

            a.freeze();
            await().atMost(Duration.ofSeconds(10)).until(() -> other.owns(show));
            long tokenB = leases.find(show).orElseThrow().token();
            assertThat(tokenB).isGreaterThan(tokenA);
            assertThat(runnerA.abandoned).contains(show);

            RecordingIndex index = new RecordingIndex(jdbc);
            RecordingSegment segment = new RecordingSegment("pg-station", show, "rec", 1, "k", 0, 1000, Instant.now(), 1, "0".repeat(64));
            assertThat(index.add(segment, "pg-a", tokenA)).isFalse();
            assertThat(index.add(segment, "pg-b", tokenB)).isTrue();
            assertThat(statuses.publish(runnerB.stats(show).orElseThrow(), "pg-a", tokenA, Instant.now())).isFalse();
            assertThat(new RecordingGaps(jdbc).add("pg-station", show, new RecordingGaps.Gap("rec", 1, Instant.now().minusSeconds(5),
                    Instant.now(), "pg-b", tokenB))).isTrue();
            assertThat(new RecordingGaps(jdbc).add("pg-station", show, new RecordingGaps.Gap("rec", 1, Instant.now().minusSeconds(5),
                    Instant.now(), "pg-a", tokenA))).isFalse();

            LiveAlarms alarms = new LiveAlarms(jdbc);
            assertThat(alarms.raise(show, "OFF_AIR", "-")).isTrue();
            assertThat(alarms.raise(show, "OFF_AIR", "-")).isFalse();
            assertThat(alarms.clear(show, "OFF_AIR", "-")).isTrue();
            leases.end("pg-station", show);
            commands.abandon(show, "ended");
            alarms.raise(show, "HAD_FEED", "2");
            alarms.forgetEnded();
            assertThat(alarms.raised(show, "HAD_FEED", "2")).isFalse();
            await().atMost(Duration.ofSeconds(5)).until(() -> !other.owns(show));
        } finally {
            a.close();
            if (b != null) {
                b.close();
            }
        }
    }
}
