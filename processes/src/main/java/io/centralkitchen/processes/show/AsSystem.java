package io.centralkitchen.processes.show;

import io.centralkitchen.processes.access.EngineAsSystem;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Runs engine calls on behalf of the platform after the show API has checked what the caller may do (their group and
 * station): producers then need no rights on the instances of live-show themselves.
 */
@Component
public class AsSystem {

    private final IdentityService identityService;


    public AsSystem(IdentityService identityService) {
        this.identityService = identityService;
    }

    public <T> T call(Supplier<T> action) {
        return EngineAsSystem.call(identityService, action);
    }
}
