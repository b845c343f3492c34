package io.centralkitchen.processes.show.room;

import io.centralkitchen.processes.show.live.cluster.LiveCluster;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.Shows;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the public may know about a show at this moment: its title, air time and phase, whether its stream plays, and
 * the product on air with its prices. Nothing else (no station internals, no destinations, no orders) leaves here.
 */
@Component
public class LiveRoomFacts {

    /** The show's phase as viewers see it. */
    public enum Phase { UPCOMING, LIVE, ENDED, CANCELLED }

    public record OnAir(int position, String name, BigDecimal price, BigDecimal flashSalePrice, Instant since) {
    }

    public record Now(String showId, String title, Instant airTime, Phase phase, boolean playing, OnAir onAir) {
    }

    private final Shows shows;
    private final ShowProducts products;
    private final LiveCluster engine;

    public LiveRoomFacts(Shows shows, ShowProducts products, LiveCluster engine) {
        this.shows = shows;
        this.products = products;
        this.engine = engine;
    }

    public Optional<Now> now(String showId) {
        return shows.find(showId).map(this::now);
    }

    private Now now(Show show) {
        Phase phase = show.liveEndedAt() != null && Show.LIVE.equals(show.state()) ? Phase.ENDED : phase(show.state());
        OnAir onAir = null;
        if (phase == Phase.LIVE) {
            List<ShowSlot> slots = shows.slots(show.id());
            onAir = onAirSlot(slots).map(slot -> {
                Map<Long, Product> catalogue = products.of(show.stationId(), List.of(slot));
                Product product = catalogue.get(slot.productId());
                return new OnAir(slot.position(), product == null ? null : product.name(), slot.price(), slot.flashSalePrice(),
                        slot.onAirAt());
            }).orElse(null);
        }
        return new Now(show.id(), show.title(), show.airTime(), phase, engine.stats(show.id()).isPresent(), onAir);
    }

    /** The slot that went on air last (producers may go out of rundown order). */
    static Optional<ShowSlot> onAirSlot(List<ShowSlot> slots) {
        return slots.stream().filter(ShowSlot::onAir).max(Comparator.comparing(ShowSlot::onAirMillis));
    }

    static Phase phase(String state) {
        return switch (state) {
            case Show.LIVE -> Phase.LIVE;
            case Show.CANCELLED -> Phase.CANCELLED;
            case Show.CLIPPING, Show.AFTER_SALES, Show.REPORTED -> Phase.ENDED;
            default -> Phase.UPCOMING;
        };
    }
}
