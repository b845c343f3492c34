package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveCapacity;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.access.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/live/stats}: this live worker's capacity and load in encoder units (one 720p encoder = 1; see
 * docs/production.md) — what a producer planning another show, or placement in a cluster, needs to know. The units
 * of the caller's own stations' shows are listed by show; other stations' shows only count in the load.
 */
@RestController
public class LiveWorkerController {

    /** {@code capacityUnits} 0 and {@code freeUnits} null: the worker admits everything (no capacity configured). */
    public record WorkerStats(double capacityUnits, double loadUnits, Double freeUnits, int showsOnAir,
                              Map<String, Double> yourShowUnits) {
    }

    private final LiveEngine engine;
    private final CurrentUser currentUser;

    public LiveWorkerController(LiveEngine engine, CurrentUser currentUser) {
        this.engine = engine;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/live/stats")
    @PreAuthorize(Roles.PRODUCERS)
    public WorkerStats stats() {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        LiveCapacity.Figures figures = engine.capacityFigures();
        Map<String, Double> yours = new TreeMap<>();
        figures.showUnits().forEach((showId, units) -> engine.show(showId).map(LiveShow::stationId)
                .filter(station -> currentUser.isAdmin() || currentUser.worksFor(station))
                .ifPresent(station -> yours.put(showId, units)));
        return new WorkerStats(figures.capacityUnits(), figures.loadUnits(), figures.freeUnits(), figures.showUnits().size(), yours);
    }
}
