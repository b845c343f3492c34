package io.centralkitchen.routes.test;

import io.centralkitchen.routes.engine.EngineDelivery;
import io.centralkitchen.routes.engine.InboxItem;
import io.centralkitchen.routes.webhook.PlatformEvent;
import io.centralkitchen.routes.webhook.PlatformEventSink;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The routes module on its own: H2 in memory with this module's migrations, the Camel routes, and — in place of the
 * application — a sink that records events and an engine delivery the test steers (the real engine is exercised by the
 * processes module's tests).
 */
@SpringBootApplication
public class RoutesTestApplication {

    /** Stations the test sink knows. */
    public static final Set<String> STATIONS = Set.of("station-1", "radio-two");

    @Bean
    RecordingSink recordingSink() {
        return new RecordingSink();
    }

    @Bean
    SteeredDelivery steeredDelivery() {
        return new SteeredDelivery();
    }

    public static class RecordingSink implements PlatformEventSink {
        public final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
        /** When set, accept() throws it (a failing effect). */
        public final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        @Override
        public boolean knowsStation(String stationId) {
            return STATIONS.contains(stationId);
        }

        @Override
        public void accept(PlatformEvent event) {
            RuntimeException toThrow = failure.get();
            if (toThrow != null) {
                throw toThrow;
            }
            events.add(event);
        }

        public List<PlatformEvent> withEventId(String eventId) {
            return events.stream().filter(e -> e.eventId().equals(eventId)).toList();
        }
    }

    public static class SteeredDelivery implements EngineDelivery {
        public final List<InboxItem> delivered = new CopyOnWriteArrayList<>();
        public volatile Function<InboxItem, Outcome> behaviour = item -> Outcome.DELIVERED;

        @Override
        public Outcome deliver(InboxItem item) {
            Outcome outcome = behaviour.apply(item);
            if (outcome == Outcome.DELIVERED) {
                delivered.add(item);
            }
            return outcome;
        }
    }
}
