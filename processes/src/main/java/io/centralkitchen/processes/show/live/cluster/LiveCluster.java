package io.centralkitchen.processes.show.live.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centralkitchen.media.live.ShowStats;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The live shows as every node sees them: which should be on air (their leases), what their owners publish, and the
 * producers' commands — written here, applied by the owner wherever it runs.
 */
@Service
public class LiveCluster {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A command's outcome as the caller sees it: APPLIED, FAILED, or PENDING (the owner has not applied it yet). */
    public record Outcome(long commandId, long seq, String kind, String state, String detail) {
    }

    private final LiveLeases leases;
    private final LiveCommands commands;
    private final LiveStatuses statuses;
    private final ObjectProvider<LiveWorker> local;
    private final String pool;
    private final Duration placementWait;
    private final Duration endWait;

    public LiveCluster(LiveLeases leases, LiveCommands commands, LiveStatuses statuses, ObjectProvider<LiveWorker> local,
                       @Value("${kitchen.live.worker.pool:default}") String pool,
                       @Value("${kitchen.live.placement-wait:PT10S}") Duration placementWait,
                       @Value("${kitchen.live.end-wait:PT3M}") Duration endWait) {
        this.endWait = endWait;
        this.leases = leases;
        this.commands = commands;
        this.statuses = statuses;
        this.local = local;
        this.pool = pool;
        this.placementWait = placementWait;
    }

    /** This node's live worker, if it runs one. */
    public Optional<LiveWorker> localWorker() {
        return Optional.ofNullable(local.getIfAvailable());
    }

    /** True while the show should be on air (it went live and has not ended), wherever it runs. */
    public boolean isOpen(String showId) {
        return leases.find(showId).filter(l -> !l.ended()).isPresent();
    }

    public Optional<LiveLeases.Lease> lease(String showId) {
        return leases.find(showId).filter(l -> !l.ended());
    }

    /**
     * The show goes live: its lease opens, this node's worker takes it if it has a free slot, else the fleet's least
     * loaded worker does (waited for up to {@code kitchen.live.placement-wait}). Empty when nobody took it yet: it
     * stays open and the first worker with a free slot takes it. Throws when this node's worker cannot start it.
     */
    public Optional<ShowStats> goLive(String stationId, String showId) {
        leases.open(stationId, showId, pool, Instant.now());
        Optional<ShowStats> here;
        try {
            here = localWorker().flatMap(w -> w.claimNow(showId));
        } catch (RuntimeException e) {
            leases.end(stationId, showId); // nothing half-started
            throw e;
        }
        if (here.isPresent()) {
            return here;
        }
        Instant until = Instant.now().plus(placementWait);
        while (Instant.now().isBefore(until)) {
            Optional<ShowStats> placed = stats(showId);
            if (placed.isPresent()) {
                return placed;
            }
            pause(100);
        }
        return Optional.empty();
    }

    /** The show's stats: from this node's engine when it runs here, else as its owner last published them. */
    public Optional<ShowStats> stats(String showId) {
        Optional<LiveLeases.Lease> lease = lease(showId);
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        Optional<ShowStats> here = localWorker().flatMap(w -> w.liveStats(showId));
        if (here.isPresent()) {
            return here;
        }
        return statuses.find(showId).filter(s -> s.owner().equals(lease.get().owner()) && s.token() == lease.get().token())
                .map(LiveStatuses.Status::stats);
    }

    public Optional<LiveStatuses.Status> status(String showId) {
        return statuses.find(showId);
    }

    /** Program time now, wherever the show runs; empty while nobody runs it. */
    public OptionalLong programMillis(String showId) {
        Optional<ShowStats> here = localWorker().flatMap(w -> w.liveStats(showId));
        if (here.isPresent()) {
            return OptionalLong.of(here.get().programMillis());
        }
        Instant now = Instant.now();
        Optional<LiveLeases.Lease> lease = lease(showId).filter(l -> l.held(now));
        if (lease.isEmpty()) {
            return OptionalLong.empty();
        }
        return statuses.find(showId).filter(s -> s.token() == lease.get().token())
                .map(s -> OptionalLong.of(s.programMillisAt(now))).orElse(OptionalLong.empty());
    }

    /**
     * Writes a command for the show's owner and waits up to {@code wait} for it to be applied: the outcome says
     * APPLIED, FAILED or still PENDING (the owner applies it when it can — a new owner too).
     */
    public Outcome command(String stationId, String showId, String kind, Map<String, ?> payload, String by, Duration wait) {
        String json;
        try {
            json = JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        LiveCommands.Command c = commands.submit(stationId, showId, kind, json, by);
        Instant until = Instant.now().plus(wait);
        LiveCommands.Command now = c;
        while (LiveCommands.PENDING.equals(now.state()) && Instant.now().isBefore(until)) {
            pause(50);
            now = commands.find(c.id()).orElse(now);
        }
        return new Outcome(now.id(), now.seq(), now.kind(), now.state(), now.detail());
    }

    /**
     * Asks the show's owner to end it (sealing its recording) and waits while the owner holds the lease, at most
     * {@code kitchen.live.end-wait}; PENDING when nobody runs the show (its recording is then sealed from the index).
     */
    public Outcome endShow(String stationId, String showId, String by) {
        Outcome o = command(stationId, showId, LiveCommands.END, Map.of(), by, Duration.ofSeconds(1));
        Instant until = Instant.now().plus(endWait);
        while (LiveCommands.PENDING.equals(o.state()) && Instant.now().isBefore(until)
                && lease(showId).filter(l -> l.held(Instant.now())).isPresent()) {
            pause(100);
            o = commands.find(o.commandId()).map(c -> new Outcome(c.id(), c.seq(), c.kind(), c.state(), c.detail())).orElse(o);
        }
        return o;
    }

    /** The show is off air for good: nobody runs it again; commands left fail. */
    public void end(String stationId, String showId) {
        leases.end(stationId, showId);
        statuses.remove(showId);
        commands.abandon(showId, "The show ended before this was applied");
    }

    public List<LiveCommands.Command> commands(String stationId, String showId, int limit) {
        return commands.latest(stationId, showId, limit);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling the database for the owner's answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the live worker", e);
        }
    }
}
