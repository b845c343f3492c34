package io.centralkitchen.processes.show.live.cluster;

import io.centralkitchen.media.live.ShowStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A live worker: claims shows of its pool that nobody holds while it has a free slot (the least loaded worker
 * first), keeps their leases by heartbeat, applies their commands in order, publishes their status — and stops a show
 * at once, without sealing it, when it cannot renew its lease before it runs out (self-fencing).
 * Every write it makes for a show carries the show's fencing token.
 */
public final class LiveWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveWorker.class);

    /** What runs the shows this worker owns (the live engine; a fake in tests). */
    public interface Runner {

        /** Puts the show on air for the lease's new owner (token {@code token}); throws when it cannot. */
        ShowStats start(LiveLeases.Lease lease, long token);

        /** The show's stats while it runs here. */
        Optional<ShowStats> stats(String showId);

        /** Applies a producer's command; the detail to note; throws to fail it (the message is the detail). */
        String apply(LiveCommands.Command command);

        /** Stops the show here without sealing its recording: the lease is lost. */
        void abandon(String showId);
    }

    /** The settings of one worker. */
    public record Settings(String id, String pool, int slots, Duration lease, Duration heartbeat, Duration commandPoll,
                           Duration statusEvery) {
    }

    private static final class Owned {
        final String stationId;
        final long token;
        volatile Instant validUntil;

        Owned(String stationId, long token, Instant validUntil) {
            this.stationId = stationId;
            this.token = token;
            this.validUntil = validUntil;
        }
    }

    private final Settings settings;
    private final LiveLeases leases;
    private final LiveWorkers workers;
    private final LiveCommands commands;
    private final LiveStatuses statuses;
    private final Runner runner;
    private final Map<String, Owned> owned = new ConcurrentHashMap<>();
    private final Map<String, Long> lastToken = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();
    private final Object claiming = new Object();
    private ScheduledExecutorService timers;

    public LiveWorker(Settings settings, LiveLeases leases, LiveWorkers workers, LiveCommands commands, LiveStatuses statuses,
                      Runner runner) {
        this.settings = settings;
        this.leases = leases;
        this.workers = workers;
        this.commands = commands;
        this.statuses = statuses;
        this.runner = runner;
    }

    public String id() {
        return settings.id();
    }

    public Settings settings() {
        return settings;
    }

    /** Starts the heartbeat, the command loop, the status loop and the self-fencing watchdog. */
    public synchronized LiveWorker start() {
        if (timers == null) {
            timers = Executors.newScheduledThreadPool(4, r -> {
                Thread t = new Thread(r, "live-worker-" + settings.id());
                t.setDaemon(true);
                return t;
            });
            every(settings.heartbeat(), this::beat);
            every(settings.commandPoll(), this::applyCommands);
            every(settings.statusEvery(), this::publish);
            every(Duration.ofMillis(250), this::watchdog);
        }
        return this;
    }

    private void every(Duration period, Runnable task) {
        timers.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Live worker {}: {}", settings.id(), e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the loops; the shows it runs are left to the others (their leases are released), not ended. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timers;
            timers = null;
        }
        if (t != null) {
            t.shutdownNow();
        }
        for (Map.Entry<String, Owned> e : Map.copyOf(owned).entrySet()) {
            owned.remove(e.getKey());
            runner.abandon(e.getKey());
            try {
                leases.release(e.getKey(), settings.id(), e.getValue().token);
            } catch (RuntimeException ex) {
                log.debug("Releasing {}: {}", e.getKey(), ex.getMessage());
            }
        }
        try {
            workers.gone(settings.id());
        } catch (RuntimeException e) {
            log.debug("Worker {} leaving: {}", settings.id(), e.getMessage());
        }
    }

    /**
     * Tests: what a kill -9 does to a worker — its loops and its shows' media stop at once, nothing is released, the
     * leases run out by themselves. {@link #start()} brings it back (as a restarted process would).
     */
    void crash() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timers;
            timers = null;
        }
        if (t != null) {
            t.shutdownNow();
        }
        for (String showId : List.copyOf(owned.keySet())) {
            owned.remove(showId);
            runner.abandon(showId);
        }
    }

    /** Stops the heartbeat only (tests: a worker that can no longer reach the database). */
    void freeze() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timers;
            timers = Executors.newScheduledThreadPool(1);
        }
        if (t != null) {
            t.shutdownNow();
        }
        every(Duration.ofMillis(250), this::watchdog);
    }

    public int load() {
        return owned.size();
    }

    public boolean owns(String showId) {
        return owned.containsKey(showId);
    }

    /** The stats of a show this worker runs now. */
    public Optional<ShowStats> liveStats(String showId) {
        return owned.containsKey(showId) ? runner.stats(showId) : Optional.empty();
    }

    /** The token this worker writes the show with (also after it lost it: its writes are then refused). */
    public OptionalLong token(String showId) {
        Long t = lastToken.get(showId);
        return t == null ? OptionalLong.empty() : OptionalLong.of(t);
    }

    /** One heartbeat: report capacity, renew the leases held, claim what nobody holds. */
    void beat() {
        Instant now = Instant.now();
        workers.beat(settings.id(), settings.pool(), settings.slots(), owned.size(), now);
        for (Map.Entry<String, Owned> e : Map.copyOf(owned).entrySet()) {
            Instant until = now.plus(settings.lease());
            if (leases.renew(e.getKey(), settings.id(), e.getValue().token, until)) {
                e.getValue().validUntil = until;
            } else {
                fence(e.getKey(), "its lease was taken over");
            }
        }
        claimRound(now);
    }

    /** Shows whose lease this worker could not renew in time stop here before another owner may claim them. */
    void watchdog() {
        Instant now = Instant.now();
        Duration margin = settings.heartbeat().dividedBy(2);
        owned.forEach((showId, o) -> {
            if (now.plus(margin).isAfter(o.validUntil)) {
                fence(showId, "its lease could not be renewed before " + o.validUntil);
            }
        });
    }

    private void fence(String showId, String why) {
        if (owned.remove(showId) != null) {
            log.warn("Live worker {}: show {} stops here, {}", settings.id(), showId, why);
            runner.abandon(showId);
        }
    }

    void claimRound(Instant now) {
        if (owned.size() >= settings.slots()) {
            return;
        }
        List<LiveLeases.Lease> free = leases.claimable(settings.pool(), now);
        firstSeen.keySet().retainAll(free.stream().map(LiveLeases.Lease::showId).toList());
        for (LiveLeases.Lease lease : free) {
            if (owned.size() >= settings.slots()) {
                return;
            }
            if (failedUntil.getOrDefault(lease.showId(), Instant.MIN).isAfter(now)) {
                continue;
            }
            Instant seen = firstSeen.computeIfAbsent(lease.showId(), id -> now);
            if (!seen.isBefore(now.minus(settings.heartbeat().multipliedBy(2))) && lessLoadedElsewhere(now)) {
                continue; // a less loaded worker takes it; after two heartbeats anyone with a free slot does
            }
            claim(lease, now);
        }
    }

    private boolean lessLoadedElsewhere(Instant now) {
        return workers.alive(now.minus(settings.lease())).stream().anyMatch(w -> !w.id().equals(settings.id())
                && settings.pool().equals(w.pool()) && w.free() > 0 && w.shows() < owned.size());
    }

    /** Claims the show now if nobody holds it and this worker has a free slot (the node that starts a show). */
    public Optional<ShowStats> claimNow(String showId) {
        Instant now = Instant.now();
        if (owned.size() >= settings.slots()) {
            return Optional.empty();
        }
        return leases.find(showId).filter(l -> !l.held(now) && !l.ended() && l.pool().equals(settings.pool()))
                .flatMap(l -> claim(l, now));
    }

    private Optional<ShowStats> claim(LiveLeases.Lease lease, Instant now) {
        synchronized (claiming) {
            Optional<Long> token = leases.claim(lease.showId(), settings.id(), lease.token(), now, now.plus(settings.lease()));
            if (token.isEmpty()) {
                return Optional.empty();
            }
            lastToken.put(lease.showId(), token.get());
            Owned o = new Owned(lease.stationId(), token.get(), now.plus(settings.lease()));
            try {
                ShowStats stats = runner.start(lease, token.get());
                owned.put(lease.showId(), o); // commands and renewals from now on (the start took less than a lease)
                log.info("Live worker {}: show {} is here now (token {})", settings.id(), lease.showId(), token.get());
                publishOne(lease.showId(), o);
                return Optional.of(stats);
            } catch (RuntimeException e) {
                owned.remove(lease.showId());
                leases.release(lease.showId(), settings.id(), token.get());
                failedUntil.put(lease.showId(), now.plus(settings.lease()));
                throw e;
            }
        }
    }

    /** Applies each owned show's pending commands in order. */
    void applyCommands() {
        for (Map.Entry<String, Owned> e : Map.copyOf(owned).entrySet()) {
            for (LiveCommands.Command c : commands.pending(e.getKey())) {
                if (!owned.containsKey(e.getKey())) {
                    break;
                }
                apply(c, e.getValue());
            }
        }
    }

    private void apply(LiveCommands.Command c, Owned o) {
        String state = LiveCommands.APPLIED;
        String detail;
        try {
            detail = runner.apply(c);
        } catch (RuntimeException ex) {
            state = LiveCommands.FAILED;
            detail = ex.getMessage();
        }
        boolean settled = commands.settle(c, state, detail, settings.id(), o.token);
        log.info("Live worker {}: show {} command {} {} is {}{}", settings.id(), c.showId(), c.seq(), c.kind(), state,
                settled ? "" : " (not noted: the lease is gone)");
        if (LiveCommands.END.equals(c.kind()) && LiveCommands.APPLIED.equals(state)) {
            owned.remove(c.showId());
            leases.end(o.stationId, c.showId());
            statuses.remove(c.showId());
        }
    }

    /** Publishes each owned show's status; a refused write means the lease is gone. */
    void publish() {
        Map.copyOf(owned).forEach(this::publishOne);
    }

    private synchronized void publishOne(String showId, Owned o) {
        runner.stats(showId).ifPresent(stats -> {
            if (!statuses.publish(stats, settings.id(), o.token, Instant.now())) {
                fence(showId, "its status write was refused (the lease is another worker's)");
            }
        });
    }
}
