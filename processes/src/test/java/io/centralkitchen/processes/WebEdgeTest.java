package io.centralkitchen.processes;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's own HTTP edge as a browser meets it: a page of another site cannot make a signed-in browser change
 * anything, and the public pages carry the headers that keep them from being framed, sniffed or scripted.
 */
@KitchenTest
class WebEdgeTest {

    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aCrossSitePostIsRefusedAndTheOwnSiteIsNot() throws Exception {
        HttpResponse<String> crossSite = post("/api/stations", "https://evil.example", null);
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("Cross-site requests are refused");
        assertThat(post("/api/stations", null, "cross-site").statusCode()).as("Sec-Fetch-Site without Origin").isEqualTo(403);

        HttpResponse<String> ownSite = post("/api/stations", "http://127.0.0.1:" + port, "same-origin");
        assertThat(ownSite.statusCode()).as(ownSite.body()).isEqualTo(400); // reaches the operation: the body names no id
        assertThat(post("/api/stations", null, null).statusCode()).as("a client that is not a browser").isEqualTo(400);
    }

    @Test
    void thePublicPlayerPageIsUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/some-show/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'").contains("script-src 'self'").contains("object-src 'none'")
                .contains("frame-ancestors 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(page.body()).as("nothing inline the policy would block").doesNotContain("<style").contains("<script src=")
                .doesNotContain("<script>");
        assertThat(page.body()).contains("/webjars/hls.js/").contains("/live/live-room.js");
        for (String asset : new String[]{"/live/live-room.js", "/live/live-room.css", "/webjars/hls.js/1.4.12/dist/hls.min.js",
                "/room/control-room.js", "/room/room.css"}) {
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + asset)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/some-show/index.m3u8"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("not on air").isEqualTo(404);
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/some-show/now.json"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("no such show").isEqualTo(404);
    }

    private HttpResponse<String> post(String path, String origin, String fetchSite) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + KitchenTest.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
