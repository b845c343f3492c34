package io.centralkitchen.processes.preselection;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

import java.util.function.Supplier;

/**
 * Runs engine calls on behalf of the platform rather than the caller. Suppliers have no rights in the engine (they
 * could otherwise start processes with any variables through /engine-rest): the submission API checks what they may
 * do, then acts as the system.
 */
final class EngineAsSystem {

    private EngineAsSystem() {
    }

    static void run(IdentityService identityService, Runnable action) {
        call(identityService, () -> {
            action.run();
            return null;
        });
    }

    static <T> T call(IdentityService identityService, Supplier<T> action) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return action.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
