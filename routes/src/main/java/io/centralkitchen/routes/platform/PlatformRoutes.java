package io.centralkitchen.routes.platform;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Outbound calls, three routes per configured platform (one with a base URL):
 * <ol>
 *   <li>{@code platform-<id>}: the circuit breaker (resilience4j), counting a call as failed once its retries are
 *   exhausted; while open, calls fail at once;</li>
 *   <li>{@code platform-<id>-send}: retries with exponential backoff, for transient failures only (connection errors,
 *   timeouts, 408, 429, 5xx);</li>
 *   <li>{@code platform-<id>-attempt}: one HTTP request, throttled to the platform's rate limit (every attempt counts
 *   against the quota).</li>
 * </ol>
 * A refusal (other 4xx) is an answer, not a failure: it passes the breaker untouched and the adapter turns it into a
 * {@link PlatformRefusedException}. The request lives in an exchange property and is never logged (it carries
 * credentials).
 */
public class PlatformRoutes extends RouteBuilder {

    public static final String REQUEST = "kitchenPlatformRequest";

    private final PlatformProperties properties;

    public PlatformRoutes(PlatformProperties properties) {
        this.properties = properties;
    }

    public static String entry(String platformId) {
        return "direct:platform-" + platformId;
    }

    @Override
    public void configure() {
        properties.getPlatforms().forEach((id, platform) -> {
            if (platform.getBaseUrl() != null && !platform.getBaseUrl().isBlank()) {
                configurePlatform(id, platform);
            }
        });
    }

    private void configurePlatform(String id, PlatformProperties.Platform platform) {
        PlatformProperties.CircuitBreaker breaker = platform.getCircuitBreaker();
        from(entry(id)).routeId("platform-" + id)
                .circuitBreaker().id("circuit-breaker-" + id)
                    .resilience4jConfiguration()
                        .failureRateThreshold(breaker.getFailureRateThreshold())
                        .slidingWindowSize(breaker.getSlidingWindowSize())
                        .minimumNumberOfCalls(breaker.getMinimumNumberOfCalls())
                        .waitDurationInOpenState((int) Math.max(1, breaker.getOpenDuration().toSeconds()))
                        .throwExceptionWhenHalfOpenOrOpenState(true)
                    .end()
                    .to("direct:platform-" + id + "-send")
                .end();

        long delay = Math.max(1, platform.getRetryDelay().toMillis());
        from("direct:platform-" + id + "-send").routeId("platform-" + id + "-send")
                .onException(TransientPlatformFailure.class, IOException.class)
                    .maximumRedeliveries(platform.getRetries())
                    .redeliveryDelay(delay)
                    .useExponentialBackOff().backOffMultiplier(2.0).maximumRedeliveryDelay(delay * 32)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logStackTrace(false).logRetryStackTrace(false).logExhausted(false)
                .end()
                .to("direct:platform-" + id + "-attempt").id("attempt-" + id);

        long timeout = platform.getTimeout().toMillis();
        String uri = platform.getBaseUrl().replaceAll("/+$", "")
                + "?throwExceptionOnFailure=false&connectTimeout=" + timeout + "&responseTimeout=" + timeout
                + "&connectionRequestTimeout=" + timeout + "&soTimeout=" + timeout;
        from("direct:platform-" + id + "-attempt").routeId("platform-" + id + "-attempt")
                .errorHandler(noErrorHandler())
                .throttle(Math.max(1, platform.getRateLimit())).timePeriodMillis(1000).id("rate-limit-" + id)
                .process(PlatformRoutes::toHttp)
                .to(uri).id("http-" + id)
                .process(PlatformRoutes::fromHttp);
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
