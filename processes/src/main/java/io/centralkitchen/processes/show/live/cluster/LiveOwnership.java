package io.centralkitchen.processes.show.live.cluster;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which worker of this JVM last started each show on the live engine, with which fencing token: the token the
 * engine's writes for that show carry (recording index rows). It stays after the worker lost the show, so that a late
 * write of the old run is refused rather than written without a token.
 */
@Component
public class LiveOwnership {

    public record Owner(String workerId, long token) {
    }

    private final Map<String, Owner> owners = new ConcurrentHashMap<>();

    public void started(String showId, String workerId, long token) {
        owners.put(showId, new Owner(workerId, token));
    }

    public Optional<Owner> of(String showId) {
        return Optional.ofNullable(owners.get(showId));
    }
}
