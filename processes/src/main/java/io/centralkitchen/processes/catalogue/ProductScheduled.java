package io.centralkitchen.processes.catalogue;

import java.time.LocalDate;

/** A product of a station was planned for a show on {@code showDate} (published inside the planning transaction). */
public record ProductScheduled(String stationId, long productId, LocalDate showDate) {
}
