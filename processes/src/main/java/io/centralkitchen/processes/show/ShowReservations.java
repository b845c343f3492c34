package io.centralkitchen.processes.show;

import io.centralkitchen.routes.webhook.PlatformEvent;
import io.centralkitchen.routes.webhook.WebhookRefusedException;
import org.springframework.stereotype.Component;

/** Reservation counts platforms report for a show's live room (webhook {@code reservation.updated}). */
@Component
public class ShowReservations {

    private final Shows shows;

    public ShowReservations(Shows shows) {
        this.shows = shows;
    }

    /** Runs in the webhook's transaction; an unknown show is refused (400) and nothing is kept. */
    public void record(PlatformEvent event) {
        PlatformEvent.Reservation r = event.reservation();
        if (!shows.recordReservations(event.station(), r.showRef(), event.platform(), r.count(), event.occurredAt())) {
            throw new WebhookRefusedException(400, "reservation.showRef", "Station '" + event.station() + "' has no show '"
                    + r.showRef() + "' published to " + event.platform());
        }
    }
}
