package io.centralkitchen.processes.show.live.cluster;

import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.show.live.RecordingIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two live workers on the one database (a pool of their own, shows run by a stand-in for the engine): one claims a
 * show, the other cannot; commands are applied in order by the owner; when the owner stops renewing, it stops the show
 * itself before its lease runs out, the other claims it with a higher token, and every write with the old token is
 * refused.
 */
@KitchenTest
class LiveLeaseFencingTest {

    @Autowired
    LiveLeases leases;
    @Autowired
    LiveWorkers workers;
    @Autowired
    LiveCommands commands;
    @Autowired
    LiveStatuses statuses;
    @Autowired
    RecordingIndex index;
    @Autowired
    JdbcTemplate jdbc;

    private final List<LiveWorker> started = new ArrayList<>();

    /** Runs shows on paper: what it runs, what it applied, what it had to stop. */
    static final class PaperRunner implements LiveWorker.Runner {
        final Map<String, Long> running = new ConcurrentHashMap<>();
        final List<String> applied = java.util.Collections.synchronizedList(new ArrayList<>());
        final Set<String> abandoned = ConcurrentHashMap.newKeySet();

        @Override
        public ShowStats start(LiveLeases.Lease lease, long token) {
            running.put(lease.showId(), token);
            return stats(lease.showId()).orElseThrow();
        }

        @Override
        public Optional<ShowStats> stats(String showId) {
            return running.containsKey(showId) ? Optional.of(new ShowStats("station-1", showId, "Paper show", "LIVE",
                    "TEST_PATTERN", "test pattern", "test pattern", 1000, 0, 0, 0, 0, List.of(), null, 0, 0, Instant.now(), null))
                    : Optional.empty();
        }

        @Override
        public String apply(LiveCommands.Command command) {
            if ("BOOM".equals(command.kind())) {
                throw new IllegalStateException("cannot do that");
            }
            applied.add(command.seq() + ":" + command.kind());
            return "done " + command.kind();
        }

        @Override
        public void abandon(String showId) {
            if (running.remove(showId) != null) {
                abandoned.add(showId);
            }
        }
    }

    LiveWorker worker(String id, String pool, int slots, PaperRunner runner) {
        LiveWorker w = new LiveWorker(new LiveWorker.Settings(id, pool, slots, Duration.ofMillis(1500), Duration.ofMillis(300),
                Duration.ofMillis(100), Duration.ofMillis(300)), leases, workers, commands, statuses, runner);
        started.add(w);
        return w.start();
    }

    @AfterEach
    void stopWorkers() {
        started.forEach(LiveWorker::close);
    }

    @Test
    void oneOwnerAtATimeAndAStaleOwnersWritesAreRefused() {
        String pool = "test-" + System.nanoTime();
        String show = "cluster-" + System.nanoTime() % 1_000_000;
        PaperRunner runnerA = new PaperRunner();
        PaperRunner runnerB = new PaperRunner();
        LiveWorker a = worker("worker-a-" + pool, pool, 2, runnerA);
        assertThat(leases.open("station-1", show, pool, Instant.now())).isTrue();
        assertThat(leases.open("station-1", show, pool, Instant.now())).as("open once").isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() -> a.owns(show));
        long tokenA = leases.find(show).orElseThrow().token();
        assertThat(tokenA).isEqualTo(1);
        LiveWorker b = worker("worker-b-" + pool, pool, 2, runnerB);
        assertThat(b.claimNow(show)).as("held by a").isEmpty();
        assertThat(leases.claim(show, b.id(), 0, Instant.now(), Instant.now().plusSeconds(5))).as("a stale token claims nothing").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> statuses.find(show).filter(s -> s.owner().equals(a.id())).isPresent());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !b.owns(show) && runnerB.running.isEmpty());
        assertThat(workers.alive(Instant.now().minusSeconds(5))).extracting(LiveWorkers.Worker::id).contains(a.id(), b.id());

        // commands are applied by the owner, in order; a failing one says why
        LiveCommands.Command first = commands.submit("station-1", show, "ADD_DESTINATION", "{\"id\":\"x\"}", "pia");
        LiveCommands.Command boom = commands.submit("station-1", show, "BOOM", "{}", "pia");
        LiveCommands.Command third = commands.submit("station-1", show, "REMOVE_DESTINATION", "{\"id\":\"x\"}", "pia");
        assertThat(List.of(first.seq(), boom.seq(), third.seq())).containsExactly(first.seq(), first.seq() + 1, first.seq() + 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> commands.pending(show).isEmpty());
        assertThat(runnerA.applied).containsExactly(first.seq() + ":ADD_DESTINATION", third.seq() + ":REMOVE_DESTINATION");
        assertThat(commands.find(boom.id()).orElseThrow().state()).isEqualTo(LiveCommands.FAILED);
        assertThat(commands.find(boom.id()).orElseThrow().detail()).isEqualTo("cannot do that");
        assertThat(commands.find("radio-two", first.id())).as("another station's command is not there").isEmpty();

        // the owner stops renewing (cut from the database): it stops the show itself, then b takes it over
        a.freeze();
        await().atMost(Duration.ofSeconds(3)).until(() -> runnerA.abandoned.contains(show));
        assertThat(leases.find(show).orElseThrow().owner()).as("a stopped before its lease ran out").isEqualTo(a.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> b.owns(show));
        long tokenB = leases.find(show).orElseThrow().token();
        assertThat(tokenB).isGreaterThan(tokenA);
        assertThat(runnerB.running).containsEntry(show, tokenB);

        // every write with a's token is refused; b's are taken
        RecordingSegment segment = new RecordingSegment("station-1", show, "rec-1", 1, "station-1/shows/" + show + "/seg-1.ts",
                0, 2000, Instant.now(), 10, "0".repeat(64));
        assertThat(index.add(segment, a.id(), tokenA)).isFalse();
        assertThat(leases.renew(show, a.id(), tokenA, Instant.now().plusSeconds(10))).isFalse();
        assertThat(statuses.publish(runnerB.stats(show).orElseThrow(), a.id(), tokenA, Instant.now())).isFalse();
        LiveCommands.Command late = commands.submit("station-1", show, "ADD_DESTINATION", "{\"id\":\"y\"}", "pia");
        assertThat(commands.settle(late, LiveCommands.APPLIED, "stale", a.id(), tokenA)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> LiveCommands.APPLIED.equals(commands.find(late.id()).orElseThrow().state()));
        assertThat(jdbc.queryForObject("select applied_by from live_command where id = ?", String.class, late.id())).isEqualTo(b.id());
        assertThat(index.add(segment, b.id(), tokenB)).isTrue();
        assertThat(jdbc.queryForObject("select lease_token from live_recording_segment where show_id = ?", Long.class, show))
                .isEqualTo(tokenB);
        await().atMost(Duration.ofSeconds(5)).until(() -> statuses.find(show).orElseThrow().token() == tokenB);

        // the show ends: nobody claims it again
        leases.end("station-1", show);
        await().atMost(Duration.ofSeconds(5)).until(() -> !b.owns(show) && runnerB.abandoned.contains(show));
        assertThat(leases.claimable(pool, Instant.now())).extracting(LiveLeases.Lease::showId).doesNotContain(show);
    }

    @Test
    void aWorkerClaimsOnlyWithAFreeSlot() {
        String pool = "test-" + System.nanoTime();
        PaperRunner runner = new PaperRunner();
        String one = "slot-one-" + System.nanoTime() % 1_000_000;
        String two = "slot-two-" + System.nanoTime() % 1_000_000;
        leases.open("station-1", one, pool, Instant.now());
        leases.open("station-1", two, pool, Instant.now().plusMillis(1));
        LiveWorker single = worker("single-" + pool, pool, 1, runner);
        await().atMost(Duration.ofSeconds(10)).until(() -> single.load() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> single.load() == 1);
        assertThat(leases.claimable(pool, Instant.now())).hasSize(1);
        PaperRunner other = new PaperRunner();
        LiveWorker second = worker("second-" + pool, pool, 1, other);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.load() == 1);
        assertThat(leases.claimable(pool, Instant.now())).isEmpty();
        leases.end("station-1", one);
        leases.end("station-1", two);
    }
}
