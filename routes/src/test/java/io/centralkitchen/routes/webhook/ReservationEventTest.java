package io.centralkitchen.routes.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reservation counts the platforms report for a show's live room before it airs. */
class ReservationEventTest {

    final PlatformEventParser parser = new PlatformEventParser();

    @Test
    void aReservationCountNamesTheShow() {
        PlatformEvent event = parser.parse("douyin", "station-1", ("{\"eventId\":\"r-1\",\"type\":\"reservation.updated\","
                + "\"occurredAt\":\"2026-05-01T10:00:00Z\",\"reservation\":{\"showRef\":\"harvest-2026\",\"count\":1520}}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(event.type()).isEqualTo(PlatformEvent.Type.RESERVATION_UPDATED);
        assertThat(event.reservation()).isEqualTo(new PlatformEvent.Reservation("harvest-2026", 1520));
        assertThat(event.order()).isNull();
    }

    @Test
    void aNegativeOrMissingCountIsRefusedNamingTheField() {
        assertThatThrownBy(() -> parser.parse("douyin", "station-1", ("{\"eventId\":\"r-2\",\"type\":\"reservation.updated\","
                + "\"occurredAt\":\"2026-05-01T10:00:00Z\",\"reservation\":{\"showRef\":\"harvest-2026\",\"count\":-3}}")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(WebhookRefusedException.class, e -> assertThat(e.field()).isEqualTo("reservation.count"));
        assertThatThrownBy(() -> parser.parse("douyin", "station-1", ("{\"eventId\":\"r-3\",\"type\":\"reservation.updated\","
                + "\"occurredAt\":\"2026-05-01T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(WebhookRefusedException.class, e -> assertThat(e.field()).isEqualTo("reservation"));
    }
}
