package io.centralkitchen.routes.webhook;

import io.centralkitchen.routes.RoutesTestBase;
import io.centralkitchen.routes.test.RoutesTestApplication.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.centralkitchen.routes.test.RoutesTestApplication.FIRST_STATION;
import static io.centralkitchen.routes.test.RoutesTestApplication.SECOND_STATION;
import static io.centralkitchen.routes.test.RoutesTestApplication.SHARED_DOUYIN_WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries made to hurt: bodies that are not JSON or never end, numbers built to explode, timestamps beyond any
 * clock, replays to another station, and a crowd of copies of one event. Each gets its documented refusal, fast, with
 * one log line and no stack trace — or, for the crowd, exactly one acceptance.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileWebhooksTest extends RoutesTestBase {

    static final String SECRET = SHARED_DOUYIN_WEBHOOK_SECRET;
    /** 10 MB, far over the test limit of 4 KB. */
    static final int TEN_MB = 10 * 1024 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    RecordingSink sink;
    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks platform() {
        return new SignedWebhooks(port);
    }

    @AfterEach
    void effectsAreQuickAgain() {
        sink.effectTime = Duration.ZERO;
    }

    static String newId() {
        return "evt-" + UUID.randomUUID();
    }

    int receipts(String eventId) {
        return jdbc.queryForObject("select count(*) from webhook_receipt where event_id = ?", Integer.class, eventId);
    }

    static void noStackTraces(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Caused by:");
    }

    // --- the edge: before anything parses the body ---

    @Test
    void bodiesThatAreNotJsonOrTooLargeAreRefusedBeforeTheyAreRead(CapturedOutput output) throws Exception {
        String path = "POST /webhooks/douyin/station-1 HTTP/1.1\r\nHost: localhost\r\n";
        record Case(String name, String head, byte[] bodyStart, int status) {
        }
        List<Case> cases = List.of(
                new Case("multipart, 10 MB declared", path + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + TEN_MB,
                        multipartStart(), 415),
                new Case("multipart, chunked without Content-Length", path + "Content-Type: multipart/form-data; boundary=xyz\r\n"
                        + "Transfer-Encoding: chunked", chunked(multipartStart()), 415),
                new Case("form, chunked", path + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked",
                        RawHttp.chunks(4, 1024, (byte) 'a'), 415),
                new Case("plain text", path + "Content-Type: text/plain\r\nContent-Length: " + TEN_MB, RawHttp.filled(64 * 1024, (byte) 'x'), 415),
                new Case("no content type", path + "Content-Length: " + TEN_MB, RawHttp.filled(64 * 1024, (byte) '{'), 415),
                new Case("JSON in Latin-1", path + "Content-Type: application/json; charset=ISO-8859-1\r\nContent-Length: 100",
                        RawHttp.filled(10, (byte) '{'), 415),
                new Case("JSON, 10 MB declared", path + "Content-Type: application/json\r\nContent-Length: " + TEN_MB,
                        RawHttp.filled(256 * 1024, (byte) ' '), 413),
                new Case("JSON, chunked past the limit", path + "Content-Type: application/json\r\nTransfer-Encoding: chunked",
                        RawHttp.chunks(9, 1024, (byte) ' '), 413));

        for (Case c : cases) {
            RawHttp.Reply reply = RawHttp.sendUnfinished(port, c.head(), c.bodyStart());

            assertThat(reply.status()).as(c.name()).isEqualTo(c.status());
            assertThat(reply.millis()).as(c.name() + ": answered without waiting for the rest of the body").isLessThan(2_000);
            assertThat(reply.body()).as(c.name()).startsWith("{").contains("\"status\":" + c.status())
                    .doesNotContain("Exception");
            assertThat(reply.head().toLowerCase()).as(c.name()).contains("connection: close");
        }
        noStackTraces(output);
    }

    @Test
    void onlyPostIsAccepted() throws Exception {
        RawHttp.Reply put = RawHttp.sendUnfinished(port, "PUT /webhooks/douyin/station-1 HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5", "a=b&c".getBytes(StandardCharsets.US_ASCII));

        assertThat(put.status()).isEqualTo(405);
        assertThat(put.head()).contains("Allow: POST");
    }

    // --- authentication: the timestamp and the station ---

    @Test
    void timestampsNoClockCanHaveAreUnauthorised(CapturedOutput output) {
        String eventId = newId();
        String json = SignedWebhooks.orderEvent(eventId, "order.paid", "o-ts", "5");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        for (String timestamp : List.of("99999999999999999", "9223372036854775808", "-1", "1e3", "", " ")) {
            SignedWebhooks.Answer answer = platform().send("douyin", FIRST_STATION, HttpRequest.BodyPublishers.ofByteArray(body),
                    timestamp, WebhookSignature.sign(SECRET, timestamp, FIRST_STATION, body));

            assertThat(answer.status()).as("timestamp '%s'", timestamp).isEqualTo(401);
            assertThat(answer.body()).as(timestamp).contains(WebhookSignature.TIMESTAMP_HEADER).doesNotContain("Exception");
        }
        assertThat(receipts(eventId)).isZero();
        noStackTraces(output);
    }

    @Test
    void aDeliveryReplayedToAnotherStationIsUnauthorised() {
        String eventId = newId();
        String json = SignedWebhooks.orderEvent(eventId, "order.paid", "o-replay", "5");
        long now = Instant.now().getEpochSecond();

        // both stations' Douyin accounts use the same secret: only the signed station tells them apart
        SignedWebhooks.Answer replayed = platform().postSignedFor(FIRST_STATION, "douyin", SECOND_STATION, json, SECRET, now);
        SignedWebhooks.Answer original = platform().postSignedFor(FIRST_STATION, "douyin", FIRST_STATION, json, SECRET, now);

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.body()).contains("Bad signature");
        assertThat(original.status()).isEqualTo(202);
        assertThat(sink.withEventId(eventId)).extracting(PlatformEvent::station).containsExactly(FIRST_STATION);
    }

    @Test
    void theSameEventIdInTwoStationsIsTwoEvents() {
        String eventId = newId();
        String json = SignedWebhooks.orderEvent(eventId, "order.paid", "o-two", "5");

        assertThat(platform().post("douyin", FIRST_STATION, json, SECRET).status()).isEqualTo(202);
        assertThat(platform().post("douyin", SECOND_STATION, json, SECRET).status()).isEqualTo(202);
        assertThat(platform().post("douyin", SECOND_STATION, json, SECRET).status()).isEqualTo(200);

        assertThat(sink.withEventId(eventId)).extracting(PlatformEvent::station).containsExactly(FIRST_STATION, SECOND_STATION);
        assertThat(receipts(eventId)).isEqualTo(2);
    }

    // --- numbers: bounded before anything computes with them ---

    @Test
    void numbersBuiltToExplodeAreRefusedNamingTheirField(CapturedOutput output) {
        String eventId = newId();
        String head = "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2025-05-01T10:00:00Z\",";
        Function<String, String> order = fields -> head + "\"type\":\"order.paid\",\"order\":{\"orderId\":\"o-n\"," + fields + "}}";
        String huge = "1" + "0".repeat(30);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(order.apply("\"amount\":1e99999999"), "order.amount");
        cases.put(order.apply("\"amount\":1e999999999"), "order.amount");
        cases.put(order.apply("\"amount\":-1e-99999999"), "order.amount");
        cases.put(order.apply("\"amount\":1e-99999999"), "order.amount");
        cases.put(order.apply("\"amount\":\"1e99999999\""), "order.amount");
        cases.put(order.apply("\"amount\":1e9999999999"), "order.amount");
        cases.put(order.apply("\"amount\":" + huge), "order.amount");
        cases.put(order.apply("\"amount\":\"" + "9".repeat(40) + "\""), "order.amount");
        cases.put(order.apply("\"amount\":5,\"refundAmount\":1e99999999"), "order.refundAmount");
        cases.put(order.apply("\"amount\":5,\"quantity\":" + huge), "order.quantity");
        cases.put(order.apply("\"amount\":5,\"quantity\":1e30"), "order.quantity");
        cases.put(order.apply("\"amount\":5,\"productId\":" + huge), "order.productId");
        // 2^64 + 7: its low 64 bits are 7, a product id that looks fine
        cases.put(order.apply("\"amount\":5,\"productId\":18446744073709551623"), "order.productId");
        cases.put(head + "\"type\":\"reservation.updated\",\"reservation\":{\"showRef\":\"s\",\"count\":" + huge + "}}", "reservation.count");
        cases.put(head + "\"type\":\"survey.answered\",\"survey\":{\"caseRef\":\"c\",\"score\":1e99999999}}", "survey.score");
        cases.put(("{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"+999999999-12-31T23:59:59Z\","
                + "\"type\":\"comment.created\",\"comment\":{\"commentId\":\"c\",\"text\":\"t\"}}"), "occurredAt");
        cases.put(("{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"1970-01-01T00:00:00Z\","
                + "\"type\":\"comment.created\",\"comment\":{\"commentId\":\"c\",\"text\":\"t\"}}"), "occurredAt");

        for (Map.Entry<String, String> c : cases.entrySet()) {
            long start = System.nanoTime();
            SignedWebhooks.Answer answer = platform().post("douyin", FIRST_STATION, c.getKey(), SECRET);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer.status()).as(c.getKey()).isEqualTo(400);
            assertThat(answer.body()).as(c.getKey()).contains("\"field\":\"" + c.getValue() + "\"").doesNotContain("Exception");
            assertThat(millis).as(c.getKey()).isLessThan(1_000);
        }
        assertThat(receipts(eventId)).isZero();
        assertThat(sink.withEventId(eventId)).isEmpty();
        noStackTraces(output);
    }

    @Test
    void amountsWithinTheBoundsAreKeptExactly() {
        String eventId = newId();
        String json = "{\"eventId\":\"" + eventId + "\",\"type\":\"order.paid\",\"occurredAt\":\"2025-05-01T10:00:00Z\","
                + "\"order\":{\"orderId\":\"o-ok\",\"amount\":9999999999.990,\"refundAmount\":1.5E+1,\"quantity\":1000000}}";

        assertThat(platform().post("douyin", FIRST_STATION, json, SECRET).status()).isEqualTo(202);

        PlatformEvent.Order order = sink.withEventId(eventId).get(0).order();
        assertThat(order.amount()).isEqualTo(new java.math.BigDecimal("9999999999.99"));
        assertThat(order.refundAmount()).isEqualTo(new java.math.BigDecimal("15"));
        assertThat(order.quantity()).isEqualTo(1_000_000);
    }

    // --- a crowd of copies of one event ---

    @Test
    void twoHundredConcurrentCopiesOfOneEventAreAcceptedOnceAndNeverFail(CapturedOutput output) {
        String eventId = newId();
        String json = SignedWebhooks.orderEvent(eventId, "order.paid", "o-crowd", "5");
        // the first acceptance keeps its transaction open a while, so the others arrive while it is undecided
        sink.effectTime = Duration.ofMillis(300);

        List<CompletableFuture<SignedWebhooks.Answer>> copies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            copies.add(platform().postAsync("douyin", FIRST_STATION, json, SECRET));
        }
        Map<Integer, Long> byStatus = copies.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(SignedWebhooks.Answer::status, Collectors.counting()));

        assertThat(byStatus.get(202)).isEqualTo(1);
        assertThat(byStatus.keySet()).as("answers %s", byStatus).isSubsetOf(202, 200, 409);
        assertThat(sink.withEventId(eventId)).hasSize(1);
        assertThat(receipts(eventId)).isEqualTo(1);
        noStackTraces(output);
    }

    private static byte[] multipartStart() {
        return ("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(32 * 1024)).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] chunked(byte[] data) {
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, chunk, 0, head.length);
        System.arraycopy(data, 0, chunk, head.length, data.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }
}
