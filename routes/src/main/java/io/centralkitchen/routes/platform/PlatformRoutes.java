package io.centralkitchen.routes.platform;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Outbound calls, three routes per platform account of a station, added on its first call:
 * <ol>
 *   <li>{@code platform-<station>.<account>.<generation>}: the circuit breaker (resilience4j), counting a call as failed once its
 *   retries are exhausted; while open, calls fail at once;</li>
 *   <li>{@code ...-send}: retries with exponential backoff, for transient failures only (connection errors, timeouts,
 *   408, 429, 5xx);</li>
 *   <li>{@code ...-attempt}: one HTTP request, throttled to the account's rate limit (every attempt counts against the
 *   quota).</li>
 * </ol>
 * The routes carry no credentials (the adapter puts them on each request), so a rotated secret keeps them — and the
 * breaker's and throttle's state. Changed route settings (base URL, limits, timeouts) get new routes; the old ones are
 * retired in the background once their calls in flight are done.
 * <p>
 * A refusal (other 4xx) is an answer, not a failure: it passes the breaker untouched and the adapter turns it into a
 * {@link PlatformRefusedException}. The request lives in an exchange property and is never logged (it carries
 * credentials).
 */
public class PlatformRoutes {

    public static final String REQUEST = "kitchenPlatformRequest";
    private static final Logger log = LoggerFactory.getLogger(PlatformRoutes.class);
    private static final Duration RETIRE_TIMEOUT = Duration.ofMinutes(5);

    /** What the routes are built from: everything of an account but its credentials. */
    record Settings(String baseUrl, int rateLimit, int retries, Duration retryDelay, Duration timeout,
                    PlatformAccount.CircuitBreakerSettings circuitBreaker) {
        static Settings of(PlatformAccount account) {
            return new Settings(account.baseUrl(), account.rateLimit(), account.retries(), account.retryDelay(),
                    account.timeout(), account.circuitBreaker());
        }
    }

    private record Installed(Settings settings, String entry, List<String> routeIds) {
    }

    private final CamelContext camel;
    private final Map<String, Installed> installed = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();
    private volatile ExecutorService retirement;

    public PlatformRoutes(CamelContext camel) {
        this.camel = camel;
    }

    /** The entry endpoint of the account's routes, adding them (or replacing them, after a settings change) first. */
    public String entry(PlatformAccount account) {
        Settings settings = Settings.of(account);
        Installed current = installed.get(account.label());
        if (current != null && current.settings().equals(settings)) {
            return current.entry();
        }
        return installed.compute(account.label(), (label, existing) -> {
            if (existing != null && existing.settings().equals(settings)) {
                return existing;
            }
            Installed fresh = install(account, settings);
            if (existing != null) {
                retire(existing);
            }
            return fresh;
        }).entry();
    }

    private Installed install(PlatformAccount account, Settings settings) {
        // a generation number keeps the routes of changed settings apart from the ones being retired
        String name = "platform-" + account.label().replace('/', '.') + "." + generations.incrementAndGet();
        List<String> routeIds = List.of(name, name + "-send", name + "-attempt");
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    configureAccount(this, name, settings);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("The routes of platform account " + account.label() + " could not be added", e);
        }
        return new Installed(settings, "direct:" + name, routeIds);
    }

    private static void configureAccount(RouteBuilder routes, String name, Settings settings) {
        PlatformAccount.CircuitBreakerSettings breaker = settings.circuitBreaker();
        routes.from("direct:" + name).routeId(name)
                .circuitBreaker().id("circuit-breaker-" + name)
                    .resilience4jConfiguration()
                        .failureRateThreshold(breaker.failureRateThreshold())
                        .slidingWindowSize(breaker.slidingWindowSize())
                        .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                        .waitDurationInOpenState((int) Math.max(1, breaker.openDuration().toSeconds()))
                        .throwExceptionWhenHalfOpenOrOpenState(true)
                    .end()
                    .to("direct:" + name + "-send")
                .end();

        long delay = Math.max(1, settings.retryDelay().toMillis());
        routes.from("direct:" + name + "-send").routeId(name + "-send")
                .onException(TransientPlatformFailure.class, IOException.class)
                    .maximumRedeliveries(Math.max(0, settings.retries()))
                    .redeliveryDelay(delay)
                    .useExponentialBackOff().backOffMultiplier(2.0).maximumRedeliveryDelay(delay * 32)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logStackTrace(false).logRetryStackTrace(false).logExhausted(false)
                .end()
                .to("direct:" + name + "-attempt").id("attempt-" + name);

        long timeout = settings.timeout().toMillis();
        String uri = settings.baseUrl().replaceAll("/+$", "")
                + "?throwExceptionOnFailure=false&connectTimeout=" + timeout + "&responseTimeout=" + timeout
                + "&connectionRequestTimeout=" + timeout + "&soTimeout=" + timeout;
        routes.from("direct:" + name + "-attempt").routeId(name + "-attempt")
                .errorHandler(routes.noErrorHandler())
                .throttle(Math.max(1, settings.rateLimit())).timePeriodMillis(1000).id("rate-limit-" + name)
                .process(PlatformRoutes::toHttp)
                .to(uri).id("http-" + name)
                .process(PlatformRoutes::fromHttp);
    }

    /** Stops and removes routes no call is sent to any more, after their calls in flight (retries included) end. */
    private void retire(Installed old) {
        ExecutorService executor = retirement;
        if (executor == null) {
            synchronized (this) {
                if (retirement == null) {
                    retirement = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "platform-routes-retirement");
                }
                executor = retirement;
            }
        }
        executor.submit(() -> {
            for (String routeId : old.routeIds()) {
                try {
                    camel.getRouteController().stopRoute(routeId, RETIRE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    camel.removeRoute(routeId);
                } catch (Exception e) {
                    log.warn("Route {} of changed platform settings could not be removed: {}", routeId, e.toString());
                }
            }
        });
    }

    /**
     * Only the platform request's own headers go out: never the exchange's other headers. Camel's own headers stay
     * (they are not sent, and the redelivery counter lives in them).
     */
    static void toHttp(Exchange exchange) {
        PlatformRequest request = exchange.getProperty(REQUEST, PlatformRequest.class);
        var message = exchange.getMessage();
        message.removeHeaders("*", "Camel*");
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader(Exchange.HTTP_PATH, request.path());
        if (!request.query().isEmpty()) {
            message.setHeader(Exchange.HTTP_QUERY, request.query().entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setHeader("Accept", "application/json");
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        message.setBody(request.jsonBody() == null ? "" : request.jsonBody());
    }

    static void fromHttp(Exchange exchange) throws IOException {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Object raw = message.getBody();
        String body;
        if (raw instanceof InputStream in) {
            try (in) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            body = raw == null ? "" : message.getBody(String.class);
        }
        message.removeHeaders("*", "Camel*");
        PlatformResponse response = new PlatformResponse(status, body);
        if (status == 408 || status == 429 || status >= 500) {
            throw new TransientPlatformFailure(response);
        }
        message.setBody(response);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
