package io.centralkitchen.processes.show;

import io.centralkitchen.processes.access.AccessBootstrap;
import io.centralkitchen.processes.access.KitchenGroups;
import jakarta.annotation.PostConstruct;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/** Producers may start shows (from Tasklist's start form or the API); everything else follows from the models' tasks. */
@Component
@DependsOn("platformBootstrap")
public class ShowAccess {

    private final AccessBootstrap access;


    public ShowAccess(AccessBootstrap access) {
        this.access = access;
    }

    @PostConstruct
    void grant() {
        access.grantStart(KitchenGroups.PRODUCERS, ShowProcesses.SHOW);
    }
}
