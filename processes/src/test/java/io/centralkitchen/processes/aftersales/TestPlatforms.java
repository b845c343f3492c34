package io.centralkitchen.processes.aftersales;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.centralkitchen.routes.webhook.WebhookSignature;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Test platforms for every application the processes tests start: Douyin, Kuaishou and YouTube played by one WireMock
 * server (the real ones cannot be reached from here), with webhook secrets — accounts of the first station, as
 * {@code kitchen.platforms.*} always are. Added as the last property source, so a
 * test's own configuration wins. Registered in the test classpath's META-INF/spring.factories.
 */
public class TestPlatforms implements EnvironmentPostProcessor {

    public static final String DOUYIN_SECRET = "test-douyin-webhook-secret";
    public static final String KUAISHOU_SECRET = "test-kuaishou-webhook-secret";
    public static final String YOUTUBE_SECRET = "test-youtube-webhook-secret";
    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String base = server().baseUrl();
        Map<String, Object> p = new HashMap<>();
        p.put("kitchen.platforms.douyin.base-url", base + "/douyin");
        p.put("kitchen.platforms.douyin.access-token", "test-douyin-token-0001");
        p.put("kitchen.platforms.douyin.webhook-secret", DOUYIN_SECRET);
        p.put("kitchen.platforms.douyin.retry-delay", "10ms");
        p.put("kitchen.platforms.kuaishou.base-url", base + "/kuaishou");
        p.put("kitchen.platforms.kuaishou.app-key", "test-ks-app");
        p.put("kitchen.platforms.kuaishou.access-token", "test-kuaishou-token-0002");
        p.put("kitchen.platforms.kuaishou.webhook-secret", KUAISHOU_SECRET);
        p.put("kitchen.platforms.kuaishou.retries", "1");
        p.put("kitchen.platforms.kuaishou.retry-delay", "10ms");
        p.put("kitchen.platforms.youtube.base-url", base + "/youtube");
        p.put("kitchen.platforms.youtube.access-token", "test-youtube-token-0003");
        p.put("kitchen.platforms.youtube.webhook-secret", YOUTUBE_SECRET);
        environment.getPropertySources().addLast(new MapPropertySource("kitchenTestPlatforms", p));
    }

    /**
     * Posts a signed webhook the way a platform does (see docs/integration.md: the HMAC covers timestamp, station and
     * body); returns status and body.
     */
    public static HttpResponse<String> postWebhook(int port, String platform, String station, String json, String secret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/" + platform + "/" + station))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, station, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
