package io.centralkitchen.processes.station;

/** Published after a station (Camunda tenant) has been registered, at start-up or at run time. */
public record StationRegistered(String stationId) {
}
