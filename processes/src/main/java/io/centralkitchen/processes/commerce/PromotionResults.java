package io.centralkitchen.processes.commerce;

import io.centralkitchen.processes.commerce.promotion.Promotion;
import io.centralkitchen.processes.commerce.promotion.Promotions;

import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.routes.webhook.PlatformEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * {@code promotion.result} webhooks: a platform's latest count (coupons claimed, entrants, reservations, ...) of a
 * promotion of the station that was sent to that platform. Anything else is acknowledged and ignored.
 */
@Component
public class PromotionResults {

    private static final Logger log = LoggerFactory.getLogger(PromotionResults.class);

    private final Promotions promotions;
    private final Shows shows;

    public PromotionResults(Promotions promotions, Shows shows) {
        this.promotions = promotions;
        this.shows = shows;
    }

    public void record(PlatformEvent event) {
        PlatformEvent.PromotionResult r = event.promotion();
        Long id = Promotion.idOf(r.promotionRef());
        Promotion p = id == null ? null : promotions.find(event.station(), id).orElse(null);
        if (p == null || shows.destinations(p.showId()).stream().noneMatch(d -> event.platform().equals(d.platform()))) {
            log.info("Promotion result {} from {} for station {} names no promotion sent there; ignored", r.promotionRef(),
                    event.platform(), event.station());
            return;
        }
        promotions.recordResult(p.id(), event.platform(), r.metric().toUpperCase(Locale.ROOT), r.count(), event.eventId(),
                event.occurredAt());
    }
}
