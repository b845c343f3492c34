package io.centralkitchen.processes.station;

import java.time.Instant;

/** A TV station sharing the platform. Its id is the Camunda tenant id of all its deployments and instances. */
public record Station(String id, String name, Instant createdAt) {
}
