package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.DestinationStats;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowProcesses;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.show.live.cluster.LiveAlarms;
import io.centralkitchen.processes.show.live.cluster.LiveLeases;
import io.centralkitchen.processes.show.live.cluster.LiveStatuses;
import io.centralkitchen.processes.show.live.cluster.RecordingGaps;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Looks at every live show of the cluster every {@code kitchen.show.live-watch-interval} — the leases and what their
 * owners publish — and tells their live-show process what producers must know: a show that no live worker runs (its
 * owner died and nobody has taken it over yet: off air everywhere), a destination that keeps failing (once per
 * episode, and again when it is back) and a studio feed that is lost, or has not arrived within
 * {@code kitchen.show.ingest-grace} (and when it is back). Each alarm is noted once for the cluster
 * ({@link LiveAlarms}), whichever node looks first; a message that cannot be delivered now is tried at the next look.
 */
@Component
@EnableScheduling
public class LiveWatch {

    private static final Logger log = LoggerFactory.getLogger(LiveWatch.class);
    static final String OFF_AIR = "OFF_AIR";
    static final String FEED_LOST = "FEED_LOST";
    static final String HAD_FEED = "HAD_FEED";
    static final String DESTINATION = "DESTINATION";
    static final String TAKEN_OVER = "TAKEN_OVER";

    private final LiveLeases leases;
    private final LiveStatuses statuses;
    private final LiveAlarms alarms;
    private final RecordingGaps gaps;
    private final Shows shows;
    private final RuntimeService runtimeService;
    private final ShowProperties properties;

    public LiveWatch(LiveLeases leases, LiveStatuses statuses, LiveAlarms alarms, RecordingGaps gaps, Shows shows,
                     RuntimeService runtimeService, ShowProperties properties) {
        this.gaps = gaps;
        this.leases = leases;
        this.statuses = statuses;
        this.alarms = alarms;
        this.shows = shows;
        this.runtimeService = runtimeService;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${kitchen.show.live-watch-interval:PT2S}", initialDelayString = "PT5S")
    public void look() {
        for (LiveLeases.Lease lease : leases.open()) {
            try {
                look(lease, Instant.now());
            } catch (RuntimeException e) {
                log.warn("Live watch of show {}: {}", lease.showId(), e.getMessage());
            }
        }
        alarms.forgetEnded();
    }

    void look(LiveLeases.Lease lease, Instant now) {
        Optional<Show> show = shows.find(lease.stationId(), lease.showId());
        if (show.isEmpty()) {
            return;
        }
        String station = lease.stationId();
        String showId = lease.showId();
        if (!lease.held(now)) {
            boolean lost = lease.token() > 0 || lease.openedAt().plus(properties.getIngestGrace()).isBefore(now);
            if (lost && alarms.raise(showId, OFF_AIR, "-")) {
                String detail = lease.token() > 0 ? "The show is OFF AIR on every platform: its live worker (" + lease.owner()
                        + ") stopped answering; its lease ran out at " + lease.expiresAt() + ". Another live worker takes it"
                        + " over as soon as one has a free slot (the slate first, then the studio feed)."
                        : "The show is OFF AIR: no live worker has a free slot for it since " + lease.openedAt()
                        + ". Start a live worker or end another show.";
                if (!tell(station, showId, ShowProcesses.INGEST_LOST, Map.of("ingestDetail", detail))) {
                    alarms.clear(showId, OFF_AIR, "-");
                }
            }
            return;
        }
        Optional<LiveStatuses.Status> status = statuses.find(showId).filter(s -> s.token() == lease.token());
        if (status.isEmpty()) {
            return; // just taken over: its first status comes within a second
        }
        ShowStats stats = status.get().stats();
        boolean offAir = alarms.raised(showId, OFF_AIR, "-");
        if (!offAir && lease.token() > 1 && alarms.raise(showId, TAKEN_OVER, String.valueOf(lease.token()))) {
            // taken over (a restart, or another worker) before any node saw it off air: the producers learn it now
            String gap = gaps.of(station, showId).stream().filter(g -> g.token() == lease.token()).findFirst()
                    .map(g -> " from " + g.lostAt() + " to " + g.resumedAt() + " (nothing was recorded then)").orElse("");
            offAir = alarms.raise(showId, OFF_AIR, "-");
            if (offAir && !tell(station, showId, ShowProcesses.INGEST_LOST, Map.of("ingestDetail", "The show was OFF AIR" + gap
                    + ": its live worker stopped. " + lease.owner() + " runs it now and shows the slate until the program is"
                    + " back (a studio publishing to " + stats.ingestUrl() + " reconnects there)."))) {
                alarms.clear(showId, OFF_AIR, "-");
                alarms.clear(showId, TAKEN_OVER, String.valueOf(lease.token()));
                offAir = false;
            }
        }
        if (offAir && "LIVE".equals(stats.state()) && tell(station, showId, ShowProcesses.INGEST_BACK, Map.of())) {
            alarms.raise(showId, TAKEN_OVER, String.valueOf(lease.token())); // told already, while it was off air
            alarms.clear(showId, OFF_AIR, "-");
            offAir = false;
        }
        look(station, lease, stats, now, offAir);
    }

    private void look(String station, LiveLeases.Lease lease, ShowStats stats, Instant now, boolean offAir) {
        String showId = lease.showId();
        if ("STOPPED".equals(stats.state())) {
            return; // being ended by a producer: the feed and the destinations closing is no alarm
        }
        String run = String.valueOf(lease.token());
        boolean hadFeed = alarms.raised(showId, HAD_FEED, run);
        boolean feedAway = alarms.raised(showId, FEED_LOST, "-");
        if ("LIVE".equals(stats.state())) {
            if (feedAway && tell(station, showId, ShowProcesses.INGEST_BACK, Map.of())) {
                alarms.clear(showId, FEED_LOST, "-");
            }
            if (!hadFeed) {
                alarms.raise(showId, HAD_FEED, run);
            }
        } else if (!feedAway && !offAir && ("SLATE".equals(stats.state()) || "WAITING".equals(stats.state()))
                && (hadFeed || stats.startedAt().plus(properties.getIngestGrace()).isBefore(now))
                && alarms.raise(showId, FEED_LOST, "-")) {
            String detail = hadFeed ? "The studio feed (" + stats.ingest() + ") stopped; the show has been on the slate since about "
                    + now + "." : "No studio feed has arrived since the show went live at " + stats.startedAt()
                    + ". Studio encoders publish to " + stats.ingestUrl() + ".";
            if (!tell(station, showId, ShowProcesses.INGEST_LOST, Map.of("ingestDetail", detail))) {
                alarms.clear(showId, FEED_LOST, "-");
            }
        }
        for (DestinationStats d : stats.destinations()) {
            boolean failing = "RECONNECTING".equals(d.state()) || "CIRCUIT_OPEN".equals(d.state());
            if (failing && alarms.raise(showId, DESTINATION, d.id())) {
                String detail = d.platform() + " at " + d.target() + " is " + d.state().toLowerCase().replace('_', ' ')
                        + " after " + d.reconnects() + " reconnects" + (d.lastError() == null ? "" : "; last error: " + d.lastError());
                if (!tell(station, showId, ShowProcesses.DESTINATION_ALARM, Map.of("alarmDestination", d.id(), "alarmDetail", detail))) {
                    alarms.clear(showId, DESTINATION, d.id());
                }
            } else if ("LIVE".equals(d.state()) && alarms.raised(showId, DESTINATION, d.id())
                    && tell(station, showId, ShowProcesses.DESTINATION_RECOVERED + d.id(), Map.of())) {
                alarms.clear(showId, DESTINATION, d.id());
            }
        }
    }

    /** Delivers the message to the show's live-show process (variables local to what it starts or wakes). */
    private boolean tell(String station, String showId, String message, Map<String, Object> variables) {
        try {
            runtimeService.createMessageCorrelation(message).tenantId(station).processInstanceBusinessKey(showId)
                    .setVariablesLocal(variables).correlateAllWithResult();
            log.info("Show {}: {} {}", showId, message, variables.getOrDefault("alarmDestination", ""));
            return true;
        } catch (RuntimeException e) {
            log.debug("Show {}: {} not delivered now ({}); next look", showId, message, e.getMessage());
            return false;
        }
    }
}
