package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveListener;
import io.centralkitchen.media.live.LiveShow;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Every cut of a show's program — a producer's, the backup taking over, the slate when no source is left — becomes a
 * {@code CUT} marker at the program time it happened, labelled with the source now on air ("slate" for the slate) and
 * why. Written off the program thread (one writer, in order), so the program never waits for the database.
 */
@Component
public class LiveCutMarkers implements LiveListener {

    private static final Logger log = LoggerFactory.getLogger(LiveCutMarkers.class);

    private final LiveMarkers markers;
    private final Map<String, String> requestedBy = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "live-cut-markers");
        t.setDaemon(true);
        return t;
    });

    public LiveCutMarkers(LiveMarkers markers) {
        this.markers = markers;
    }

    /** Who asked for the next producer cut of {@code showId} (the marker's author). */
    public void requested(String showId, String userId) {
        requestedBy.put(showId, userId);
    }

    @Override
    public void sourceCut(LiveShow show, String source, String reason, long programMillis) {
        String author = "producer".equals(reason) ? requestedBy.getOrDefault(show.showId(), "producer") : "live-engine";
        String label = (source == null ? "slate" : source) + " (" + reason + ")";
        Instant now = Instant.now();
        String stationId = show.stationId();
        String showId = show.showId();
        writer.execute(() -> {
            try {
                markers.add(stationId, showId, LiveMarkers.CUT, null, label, now, programMillis, author);
            } catch (RuntimeException e) {
                log.error("Show {}: cannot store the cut to {} at {} ms: {}", showId, label, programMillis, e.getMessage());
            }
        });
    }

    @Override
    public void showStopped(LiveShow show) {
        requestedBy.remove(show.showId());
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
