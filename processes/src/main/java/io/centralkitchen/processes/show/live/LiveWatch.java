package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.show.ShowProcesses;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.media.live.DestinationStats;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.media.live.ShowStats;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks at the shows on air in this node every {@code kitchen.show.live-watch-interval} and tells their live-show
 * process what producers must know: a destination that keeps failing (once per episode, and again when it is back)
 * and a studio feed that is lost, or has not arrived within {@code kitchen.show.ingest-grace} (and when it is back).
 * The engine's stats are the source; a message that cannot be delivered now (the process is busy) is tried at the next
 * look.
 */
@Component
@EnableScheduling
public class LiveWatch {

    private static final Logger log = LoggerFactory.getLogger(LiveWatch.class);

    /** What the producers have been told about one show. */
    private static final class Told {
        boolean hadFeed;
        boolean feedAway;
        final Set<String> failing = new HashSet<>();
    }

    private final LiveEngine live;
    private final Shows shows;
    private final RuntimeService runtimeService;
    private final ShowProperties properties;
    private final Map<String, Told> told = new ConcurrentHashMap<>();

    public LiveWatch(LiveEngine live, Shows shows, RuntimeService runtimeService, ShowProperties properties) {
        this.live = live;
        this.shows = shows;
        this.runtimeService = runtimeService;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${kitchen.show.live-watch-interval:PT2S}", initialDelayString = "PT5S")
    public void look() {
        Set<String> onAir = new HashSet<>();
        for (LiveShow show : live.shows()) {
            onAir.add(show.showId());
            try {
                look(show);
            } catch (RuntimeException e) {
                log.warn("Live watch of show {}: {}", show.showId(), e.getMessage());
            }
        }
        told.keySet().retainAll(onAir);
    }

    void look(LiveShow onAir) {
        Optional<Show> show = shows.find(onAir.showId());
        if (show.isEmpty()) {
            return; // went live through the live API alone: no show process to tell
        }
        ShowStats stats = onAir.stats();
        if ("STOPPED".equals(stats.state())) {
            return; // being ended by a producer: the feed and the destinations closing is no alarm
        }
        Told t = told.computeIfAbsent(onAir.showId(), id -> new Told());
        String station = show.get().stationId();
        if ("LIVE".equals(stats.state())) {
            if (t.feedAway && tell(station, onAir.showId(), ShowProcesses.INGEST_BACK, Map.of())) {
                t.feedAway = false;
            }
            t.hadFeed = true;
        } else if (!t.feedAway && ("SLATE".equals(stats.state()) || "WAITING".equals(stats.state())) && (t.hadFeed || stats.startedAt().plus(properties.getIngestGrace()).isBefore(Instant.now()))) {
            String detail = t.hadFeed ? "The studio feed (" + stats.ingest() + ") stopped; the show has been on the slate since about "
                    + Instant.now() + "." : "No studio feed has arrived since the show went live at " + stats.startedAt()
                    + ". Studio encoders publish to " + stats.ingestUrl() + ".";
            t.feedAway = tell(station, onAir.showId(), ShowProcesses.INGEST_LOST, Map.of("ingestDetail", detail));
        }
        for (DestinationStats d : stats.destinations()) {
            boolean failing = "RECONNECTING".equals(d.state()) || "CIRCUIT_OPEN".equals(d.state());
            if (failing && !t.failing.contains(d.id())) {
                String detail = d.platform() + " at " + d.target() + " is " + d.state().toLowerCase().replace('_', ' ')
                        + " after " + d.reconnects() + " reconnects" + (d.lastError() == null ? "" : "; last error: " + d.lastError());
                if (tell(station, onAir.showId(), ShowProcesses.DESTINATION_ALARM,
                        Map.of("alarmDestination", d.id(), "alarmDetail", detail))) {
                    t.failing.add(d.id());
                }
            } else if ("LIVE".equals(d.state()) && t.failing.contains(d.id())
                    && tell(station, onAir.showId(), ShowProcesses.DESTINATION_RECOVERED + d.id(), Map.of())) {
                t.failing.remove(d.id());
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
