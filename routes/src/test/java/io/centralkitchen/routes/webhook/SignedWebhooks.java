package io.centralkitchen.routes.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A platform posting webhooks, as curl would: raw JSON, timestamp and HMAC (over timestamp, station and body) headers.
 */
public final class SignedWebhooks {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public SignedWebhooks(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public Answer post(String platform, String station, String json, String secret) {
        return post(platform, station, json, secret, Instant.now().getEpochSecond());
    }

    public Answer post(String platform, String station, String json, String secret, long timestamp) {
        return postSignedFor(station, platform, station, json, secret, timestamp);
    }

    /** Signed for {@code signedStation}, posted to {@code station}'s URL: a replay to another station when they differ. */
    public Answer postSignedFor(String signedStation, String platform, String station, String json, String secret, long timestamp) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(timestamp);
        return send(platform, station, HttpRequest.BodyPublishers.ofByteArray(body), ts,
                WebhookSignature.sign(secret, ts, signedStation, body));
    }

    /** Sends without Content-Length (chunked), as a streaming client would. */
    public Answer postChunked(String platform, String station, byte[] body, String secret) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return send(platform, station, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), ts,
                WebhookSignature.sign(secret, ts, station, body));
    }

    public Answer send(String platform, String station, HttpRequest.BodyPublisher body, String timestamp, String signature) {
        try {
            HttpResponse<String> response = client.send(request(platform, station, body, timestamp, signature),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts without waiting, for many deliveries at once. */
    public CompletableFuture<Answer> postAsync(String platform, String station, String json, String secret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        return client.sendAsync(request(platform, station, HttpRequest.BodyPublishers.ofByteArray(body), ts,
                        WebhookSignature.sign(secret, ts, station, body)), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body()));
    }

    private HttpRequest request(String platform, String station, HttpRequest.BodyPublisher body, String timestamp, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/" + platform + "/" + station))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").POST(body);
        if (timestamp != null) {
            request.header(WebhookSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request.header(WebhookSignature.SIGNATURE_HEADER, signature);
        }
        return request.build();
    }

    public record Answer(int status, String body) {
    }

    public static String orderEvent(String eventId, String type, String orderId, String amount) {
        return """
                {"eventId":"%s","type":"%s","occurredAt":"2025-05-01T10:00:00Z",
                 "order":{"orderId":"%s","amount":"%s","currency":"CNY","quantity":1,"productId":7,"showRef":"show-9"}}"""
                .formatted(eventId, type, orderId, amount);
    }
}
