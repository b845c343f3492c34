package io.centralkitchen.routes.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centralkitchen.routes.platform.PlatformAccount;
import io.centralkitchen.routes.platform.PlatformAccounts;
import io.centralkitchen.routes.platform.PlatformKind;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Asks a platform that offers its audience only by polling how many viewers a live room has now. YouTube (Data API v3
 * style): {@code GET /youtube/v3/videos?part=liveStreamingDetails&id=<live room>} with the station account's bearer
 * token, answer {@code {"items":[{"liveStreamingDetails":{"concurrentViewers":"123"}}]}}. Platforms that push their
 * audience by webhook are not polled. The answer is bounded (64 KiB, a count from 0 to 10^12); anything else is no count.
 */
public class ViewerCountReader {

    /** The kinds of platform whose audience is polled. */
    public static final Set<PlatformKind> POLLED = Set.of(PlatformKind.YOUTUBE);
    static final int MAX_ANSWER = 64 * 1024;
    static final long MAX_COUNT = 1_000_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlatformAccounts accounts;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public ViewerCountReader(PlatformAccounts accounts) {
        this.accounts = accounts;
    }

    /** The room's concurrent viewers, or empty when its platform is not polled or gave no usable answer. */
    public OptionalLong concurrentViewers(AudiencePoll.LiveRoom room) throws IOException, InterruptedException {
        PlatformAccount account = accounts.find(room.stationId(), room.platform())
                .filter(a -> a.stationId().equals(room.stationId())).orElse(null);
        if (account == null || !POLLED.contains(account.kind()) || account.baseUrl() == null || account.baseUrl().isBlank()) {
            return OptionalLong.empty();
        }
        URI uri = URI.create(account.baseUrl().replaceAll("/+$", "") + "/youtube/v3/videos?part=liveStreamingDetails&id="
                + URLEncoder.encode(room.liveRoomId(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(account.timeout()).GET()
                .header("Authorization", "Bearer " + account.accessToken()).header("Accept", "application/json").build();
        HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200) {
                return OptionalLong.empty();
            }
            byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
            if (bytes.length > MAX_ANSWER) {
                return OptionalLong.empty();
            }
            JsonNode count = JSON.readTree(bytes).path("items").path(0).path("liveStreamingDetails").path("concurrentViewers");
            String text = count.asText("");
            if (!text.matches("[0-9]{1,13}")) {
                return OptionalLong.empty();
            }
            long viewers = Long.parseLong(text);
            return viewers <= MAX_COUNT ? OptionalLong.of(viewers) : OptionalLong.empty();
        }
    }
}
