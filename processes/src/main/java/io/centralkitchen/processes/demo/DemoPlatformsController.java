package io.centralkitchen.processes.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's platforms' APIs (demo mode only): the generic webhook adapter of the accounts {@code demo-a} and
 * {@code demo-b} posts warm-up posts, commerce cues and clips here, and {@code GET /demo/platforms} shows what they got.
 */
@RestController
@ConditionalOnProperty(name = "kitchen.demo.enabled", havingValue = "true")
public class DemoPlatformsController {

    public record Received(long number, String platform, Instant at, String type, JsonNode body) {
    }

    private final Deque<Received> received = new ArrayDeque<>();
    private final AtomicLong numbers = new AtomicLong();

    @PostMapping("/demo/platforms/{platform}")
    public Map<String, String> receive(@PathVariable String platform, @RequestBody JsonNode body) {
        long number = numbers.incrementAndGet();
        synchronized (received) {
            received.addFirst(new Received(number, platform, Instant.now(), body.path("type").asText(), body));
            while (received.size() > 500) {
                received.removeLast();
            }
        }
        return Map.of("reference", platform + "-" + number);
    }

    @GetMapping("/demo/platforms")
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public long count(String platform, String type) {
        synchronized (received) {
            return received.stream().filter(r -> r.platform().equals(platform) && r.type().equals(type)).count();
        }
    }
}
