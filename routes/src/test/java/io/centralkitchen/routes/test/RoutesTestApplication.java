package io.centralkitchen.routes.test;

import io.centralkitchen.routes.engine.EngineDelivery;
import io.centralkitchen.routes.engine.InboxItem;
import io.centralkitchen.routes.platform.PlatformAccount;
import io.centralkitchen.routes.platform.PlatformKind;
import io.centralkitchen.routes.platform.PlatformProperties;
import io.centralkitchen.routes.platform.PropertiesPlatformAccounts;
import io.centralkitchen.routes.webhook.PlatformEvent;
import io.centralkitchen.routes.webhook.PlatformEventSink;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The routes module on its own: H2 in memory with this module's migrations, the Camel routes, and — in place of the
 * application — a store of per-station platform accounts, a sink that records events and an engine delivery the test
 * steers (the real engine is exercised by the processes module's tests).
 */
@SpringBootApplication
public class RoutesTestApplication {

    /** Stations the test sink knows. */
    public static final Set<String> STATIONS = Set.of("station-1", "radio-two");
    public static final String FIRST_STATION = "station-1";
    public static final String SECOND_STATION = "radio-two";
    /**
     * The second station's Douyin account uses the same webhook secret as the first station's (one app for both, say):
     * only the station in the signature tells their deliveries apart.
     */
    public static final String SHARED_DOUYIN_WEBHOOK_SECRET = "douyin-webhook-SECRET-0001";

    /** The first station's accounts from kitchen.platforms (application.yml); the second station's own. */
    @Bean
    TestPlatformAccounts platformAccounts(PlatformProperties properties) {
        TestPlatformAccounts accounts = new TestPlatformAccounts(new PropertiesPlatformAccounts(properties, FIRST_STATION));
        accounts.put(PlatformAccount.builder(SECOND_STATION, "douyin", PlatformKind.DOUYIN)
                .accessToken("radio-two-douyin-token-SECRET-0101", null).webhookSecret(SHARED_DOUYIN_WEBHOOK_SECRET)
                .retries(0).retryDelay(Duration.ofMillis(10)).build());
        accounts.put(PlatformAccount.builder(SECOND_STATION, "radio-shop", PlatformKind.WEBHOOK)
                .appSecret("radio-shop-signing-SECRET-0102").webhookSecret("radio-shop-webhook-SECRET-0102").build());
        return accounts;
    }

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
        /** How long accept() takes (an effect with some work to do keeps its transaction open that long). */
        public volatile Duration effectTime = Duration.ZERO;

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
            if (!effectTime.isZero()) {
                try {
                    Thread.sleep(effectTime.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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
