package io.centralkitchen.processes.access;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

import java.util.function.Supplier;

/**
 * Runs engine calls on behalf of the platform rather than the caller. Suppliers have no rights in the engine (they
 * could otherwise start processes with any variables through /engine-rest): the submission API checks what they may
 * do, then acts as the system. The show API does the same for producers (they need no rights on live-show).
 */
public final class EngineAsSystem {

    private EngineAsSystem() {
    }

    public static void run(IdentityService identityService, Runnable action) {
        call(identityService, () -> {
            action.run();
            return null;
        });
    }

    public static <T> T call(IdentityService identityService, Supplier<T> action) {
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
