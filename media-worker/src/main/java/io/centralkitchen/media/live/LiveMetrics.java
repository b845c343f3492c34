package io.centralkitchen.media.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-destination figures as Micrometer gauges ({@code kitchen_live_destination_*} at {@code /actuator/prometheus},
 * tagged by show, destination and preset), and the encoder count per show. Removed when the destination goes.
 */
final class LiveMetrics implements LiveListener {

    private static final List<String> STATES = List.of("CONNECTING", "LIVE", "RECONNECTING", "CIRCUIT_OPEN", "STOPPED");

    private final MeterRegistry registry;
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    LiveMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The worker's capacity and load in encoder units ({@code kitchen_live_capacity_units}, {@code kitchen_live_load_units}). */
    static void capacity(MeterRegistry registry, LiveEngine engine) {
        Gauge.builder("kitchen.live.capacity.units", engine, e -> e.capacity().limited() ? e.capacity().units() : Double.NaN)
                .description("What this live worker carries, in encoder units (one 720p encoder = 1)").register(registry);
        Gauge.builder("kitchen.live.load.units", engine, e -> e.capacityFigures().loadUnits())
                .description("The encoder units the shows on air take (every profile counted as encoding)").register(registry);
    }

    @Override
    public void showStarted(LiveShow show) {
        List<Meter> list = new ArrayList<>();
        list.add(Gauge.builder("kitchen.live.encoders", show, s -> s.encoders()).tags(Tags.of("show", show.showId()))
                .description("Encoders running for the show (one per distinct profile that is not copied)").register(registry));
        list.add(Gauge.builder("kitchen.live.program.seconds", show, s -> s.programMillis() / 1000.0)
                .tags(Tags.of("show", show.showId())).register(registry));
        meters.put(show.showId(), list);
    }

    @Override
    public void showStopped(LiveShow show) {
        remove(show.showId());
    }

    @Override
    public void destinationAdded(LiveShow show, String id) {
        String preset = show.destinationStats(id).preset();
        Tags tags = Tags.of("show", show.showId(), "destination", id, "preset", preset);
        List<Meter> list = new ArrayList<>();
        list.add(gauge("kitchen.live.destination.bitrate.kbps", tags, show, id, DestinationStats::bitrateKbps));
        list.add(gauge("kitchen.live.destination.fps", tags, show, id, DestinationStats::fps));
        list.add(gauge("kitchen.live.destination.queued.packets", tags, show, id, DestinationStats::queuedPackets));
        list.add(gauge("kitchen.live.destination.dropped.packets", tags, show, id, DestinationStats::droppedPackets));
        list.add(gauge("kitchen.live.destination.reconnects", tags, show, id, DestinationStats::reconnects));
        list.add(gauge("kitchen.live.destination.state", tags, show, id, s -> STATES.indexOf(s.state())));
        meters.put(show.showId() + "/" + id, list);
    }

    private Meter gauge(String name, Tags tags, LiveShow show, String id, ToDoubleFunction<DestinationStats> value) {
        return Gauge.builder(name, show, s -> {
            try {
                return value.applyAsDouble(s.destinationStats(id));
            } catch (IllegalArgumentException gone) {
                return Double.NaN;
            }
        }).tags(tags).register(registry);
    }

    @Override
    public void destinationRemoved(LiveShow show, String id) {
        remove(show.showId() + "/" + id);
    }

    private void remove(String key) {
        List<Meter> list = meters.remove(key);
        if (list != null) {
            list.forEach(registry::remove);
        }
    }
}
