package io.centralkitchen.processes.station;

import io.centralkitchen.processes.engine.KitchenProperties;
import io.centralkitchen.processes.access.AccessBootstrap;
import io.centralkitchen.processes.access.AdminAccount;
import jakarta.annotation.PostConstruct;
import org.springframework.stereotype.Component;

/**
 * Makes a fresh installation usable and keeps an existing one consistent with its configuration, before the web
 * server accepts requests: groups and rights, the administrator, and the configured stations with their models.
 */
@Component
public class PlatformBootstrap {

    private final KitchenProperties properties;
    private final AccessBootstrap access;
    private final AdminAccount admin;
    private final StationService stations;


    public PlatformBootstrap(KitchenProperties properties, AccessBootstrap access,
                             AdminAccount admin, StationService stations) {
        this.properties = properties;
        this.access = access;
        this.admin = admin;
        this.stations = stations;
    }

    @PostConstruct
    void bootstrap() {
        access.ensureGroupsAndRights();
        admin.ensure();
        register(properties.getStation());
        properties.getAdditionalStations().forEach(this::register);
    }

    private void register(KitchenProperties.Station station) {
        stations.register(station.getId(), station.getName());
        admin.joinStation(station.getId());
    }
}
