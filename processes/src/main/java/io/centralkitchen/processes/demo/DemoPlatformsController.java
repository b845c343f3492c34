package io.centralkitchen.processes.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
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
    private final ITemplateEngine templates;
    private final AtomicLong numbers = new AtomicLong();

    public DemoPlatformsController(ITemplateEngine templates) {
        this.templates = templates;
    }

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

    /** What the platforms got, newest first: a page for browsers, JSON for API clients (and anyone not asking for HTML). */
    @GetMapping("/demo/platforms")
    public ResponseEntity<?> received(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<Received> all;
        synchronized (received) {
            all = List.copyOf(received);
        }
        if (!wantsHtml(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(all);
        }
        Context context = new Context(Locale.ENGLISH, Map.of("received", all));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(templates.process("demo/platforms", context));
    }

    /** A browser names text/html before JSON; curl's {@code * / *} and API clients get JSON. */
    static boolean wantsHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }

    public long count(String platform, String type) {
        synchronized (received) {
            return received.stream().filter(r -> r.platform().equals(platform) && r.type().equals(type)).count();
        }
    }
}
