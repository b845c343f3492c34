package io.centralkitchen.processes.show;

import io.centralkitchen.routes.webhook.PlatformEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Reservation counts platforms report for a show's live room (webhook {@code reservation.updated}). */
@Component
public class ShowReservations {

    private static final Logger log = LoggerFactory.getLogger(ShowReservations.class);

    private final Shows shows;

    public ShowReservations(Shows shows) {
        this.shows = shows;
    }

    /**
     * Runs in the webhook's transaction. A count for a show that does not publish to this platform (a live room opened
     * on the platform by hand) is acknowledged and left aside: redelivering it would not change that.
     */
    public void record(PlatformEvent event) {
        PlatformEvent.Reservation r = event.reservation();
        if (!shows.recordReservations(event.station(), r.showRef(), event.platform(), r.count(), event.occurredAt())) {
            log.info("Reservation count of {} for show '{}' ignored: station '{}' has no such show publishing there",
                    event.platform(), r.showRef(), event.station());
        }
    }
}
