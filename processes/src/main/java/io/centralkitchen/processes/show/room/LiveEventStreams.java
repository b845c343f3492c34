package io.centralkitchen.processes.show.room;

import io.centralkitchen.processes.show.live.cluster.LiveCluster;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.Shows;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The control room's live feed: every {@code kitchen.show.control-room-interval} (500 ms) each subscribed show's
 * {@link ShowStats} goes out as a {@code stats} event (destinations' targets masked and errors redacted by the engine),
 * and a {@code show} event whenever the show's phase or the products that have been on air change — the page then
 * reads the show again through the REST API. One thread serves every subscriber; a show's data is read once per tick.
 */
@Component
public class LiveEventStreams {

    /** What the {@code show} event says: enough for a page to know that it must read the show again. */
    public record ShowChange(String showId, String state, boolean live, List<Integer> onAirPositions, Integer onAirPosition) {
    }

    private static final Logger log = LoggerFactory.getLogger(LiveEventStreams.class);
    private static final long TIMEOUT_MILLIS = Duration.ofMinutes(30).toMillis();

    private final Shows shows;
    private final LiveCluster engine;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "control-room-events");
        t.setDaemon(true);
        return t;
    });

    private static final class Subscriber {
        final SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        ShowChange lastChange;
    }

    public LiveEventStreams(Shows shows, LiveCluster engine,
                            @Value("${kitchen.show.control-room-interval:500ms}") Duration interval) {
        this.shows = shows;
        this.engine = engine;
        ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new stream for a show the caller may see (checked by the caller of this method). */
    public SseEmitter subscribe(String showId) {
        Subscriber subscriber = new Subscriber();
        List<Subscriber> list = subscribers.computeIfAbsent(showId, k -> new CopyOnWriteArrayList<>());
        list.add(subscriber);
        Runnable remove = () -> list.remove(subscriber);
        subscriber.emitter.onCompletion(remove);
        subscriber.emitter.onTimeout(remove);
        subscriber.emitter.onError(e -> remove.run());
        if (!ticker.isShutdown()) {
            ticker.execute(this::tick); // the first events at once, not after a tick
        }
        return subscriber.emitter;
    }

    private synchronized void tick() {
        subscribers.entrySet().removeIf(e -> e.getValue().isEmpty());
        for (Map.Entry<String, List<Subscriber>> e : subscribers.entrySet()) {
            try {
                publish(e.getKey(), e.getValue());
            } catch (RuntimeException ex) {
                log.warn("Control room events of show {} failed: {}", e.getKey(), ex.toString());
            }
        }
    }

    private void publish(String showId, List<Subscriber> list) {
        ShowStats stats = engine.stats(showId).orElse(null);
        ShowChange change = shows.find(showId).map(show -> change(show, stats != null)).orElse(null);
        for (Subscriber subscriber : list) {
            try {
                if (change != null && !change.equals(subscriber.lastChange)) {
                    subscriber.emitter.send(SseEmitter.event().name("show").data(change));
                    subscriber.lastChange = change;
                }
                if (stats != null) {
                    subscriber.emitter.send(SseEmitter.event().name("stats").data(stats));
                }
            } catch (IOException | IllegalStateException gone) {
                list.remove(subscriber); // the browser went away: its request is completed by the container
            }
        }
    }

    private ShowChange change(Show show, boolean live) {
        List<ShowSlot> slots = shows.slots(show.id());
        List<Integer> onAir = slots.stream().filter(ShowSlot::onAir).map(ShowSlot::position).toList();
        Integer current = LiveRoomFacts.onAirSlot(slots).map(ShowSlot::position).orElse(null);
        return new ShowChange(show.id(), show.state(), live, onAir, current);
    }

    int subscribers(String showId) {
        return subscribers.getOrDefault(showId, List.of()).size();
    }

    /**
     * Streams end when the application starts closing, before the web server's graceful shutdown would wait for them
     * (an open control room would otherwise hold it for its whole timeout).
     */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        ticker.shutdownNow();
        subscribers.values().forEach(list -> list.forEach(s -> s.emitter.complete()));
        subscribers.clear();
    }
}
