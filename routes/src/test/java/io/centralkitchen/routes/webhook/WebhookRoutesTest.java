package io.centralkitchen.routes.webhook;

import io.centralkitchen.routes.RoutesTestBase;
import io.centralkitchen.routes.test.RoutesTestApplication.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.UUID;

import static io.centralkitchen.routes.webhook.SignedWebhooks.orderEvent;
import static org.assertj.core.api.Assertions.assertThat;

/** Inbound webhooks over real HTTP: acceptance, every refusal, duplicates, replays and out-of-order events. */
class WebhookRoutesTest extends RoutesTestBase {

    static final String DOUYIN_SECRET = "douyin-webhook-SECRET-0001";

    @LocalServerPort
    int port;
    @Autowired
    RecordingSink sink;
    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks platform() {
        return new SignedWebhooks(port);
    }

    static String newId() {
        return "evt-" + UUID.randomUUID();
    }

    int receipts(String eventId) {
        return jdbc.queryForObject("select count(*) from webhook_receipt where event_id = ?", Integer.class, eventId);
    }

    @AfterEach
    void effectsWork() {
        sink.failure.set(null);
    }

    @Test
    void aSignedOrderEventIsAcceptedOnceAndHandedOver() {
        String eventId = newId();

        SignedWebhooks.Answer answer = platform().post("douyin", "station-1", orderEvent(eventId, "order.paid", "o-1", "59.90"), DOUYIN_SECRET);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).contains("\"status\":\"accepted\"").contains(eventId);
        PlatformEvent event = sink.withEventId(eventId).get(0);
        assertThat(event.platform()).isEqualTo("douyin");
        assertThat(event.station()).isEqualTo("station-1");
        assertThat(event.type()).isEqualTo(PlatformEvent.Type.ORDER_PAID);
        assertThat(event.order().amount()).isEqualByComparingTo(new BigDecimal("59.90"));
        assertThat(event.order().productId()).isEqualTo(7L);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-05-01T10:00:00Z"));
        assertThat(receipts(eventId)).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventIsAcknowledgedAndIgnored() {
        String eventId = newId();
        String json = orderEvent(eventId, "order.created", "o-2", "10");

        assertThat(platform().post("douyin", "station-1", json, DOUYIN_SECRET).status()).isEqualTo(202);
        SignedWebhooks.Answer again = platform().post("douyin", "station-1", json, DOUYIN_SECRET);
        SignedWebhooks.Answer laterWithOtherBody = platform().post("douyin", "station-1",
                orderEvent(eventId, "order.created", "o-2", "99"), DOUYIN_SECRET);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("\"status\":\"duplicate\"");
        assertThat(laterWithOtherBody.status()).isEqualTo(200);
        assertThat(sink.withEventId(eventId)).hasSize(1);
        assertThat(receipts(eventId)).isEqualTo(1);
    }

    @Test
    void theSameEventIdOfAnotherPlatformIsAnotherEvent() {
        String eventId = newId();

        assertThat(platform().post("douyin", "station-1", orderEvent(eventId, "order.paid", "o-3", "1"), DOUYIN_SECRET).status()).isEqualTo(202);
        assertThat(platform().post("kuaishou", "station-1", orderEvent(eventId, "order.paid", "o-3", "1"),
                "kuaishou-webhook-SECRET-0002").status()).isEqualTo(202);

        assertThat(sink.withEventId(eventId)).extracting(PlatformEvent::platform).containsExactly("douyin", "kuaishou");
    }

    @Test
    void aBadSignatureIsRefusedWith401AndNothingIsStored() {
        String eventId = newId();
        String json = orderEvent(eventId, "order.paid", "o-4", "5");

        SignedWebhooks.Answer wrongSecret = platform().post("douyin", "station-1", json, "not-the-secret");
        long ts = Instant.now().getEpochSecond();
        String signatureOfOtherBody = WebhookSignature.sign(DOUYIN_SECRET, Long.toString(ts), "station-1",
                orderEvent(eventId, "order.paid", "o-4", "0.01").getBytes());
        SignedWebhooks.Answer tampered = platform().send("douyin", "station-1", HttpRequest.BodyPublishers.ofString(json),
                Long.toString(ts), signatureOfOtherBody);
        SignedWebhooks.Answer unsigned = platform().send("douyin", "station-1", HttpRequest.BodyPublishers.ofString(json),
                Long.toString(ts), null);

        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.body()).contains("Bad signature");
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(sink.withEventId(eventId)).isEmpty();
        assertThat(receipts(eventId)).isZero();
    }

    @Test
    void replaysOutsideTheTimestampWindowAreRefused() {
        String eventId = newId();
        String json = orderEvent(eventId, "order.paid", "o-5", "5");
        long now = Instant.now().getEpochSecond();

        SignedWebhooks.Answer replayed = platform().post("douyin", "station-1", json, DOUYIN_SECRET, now - 600);
        SignedWebhooks.Answer fromTheFuture = platform().post("douyin", "station-1", json, DOUYIN_SECRET, now + 600);
        SignedWebhooks.Answer noTimestamp = platform().send("douyin", "station-1", HttpRequest.BodyPublishers.ofString(json),
                null, WebhookSignature.sign(DOUYIN_SECRET, "", "station-1", json.getBytes()));

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.body()).contains("outside the accepted window");
        assertThat(fromTheFuture.status()).isEqualTo(401);
        assertThat(noTimestamp.status()).isEqualTo(401);
        assertThat(noTimestamp.body()).contains("X-Kitchen-Timestamp");
        assertThat(receipts(eventId)).isZero();
        // inside the window the same request is accepted
        assertThat(platform().post("douyin", "station-1", json, DOUYIN_SECRET, now - 60).status()).isEqualTo(202);
    }

    @Test
    void malformedEventsAreRefusedWith400NamingTheProblem() {
        String eventId = newId();
        record Case(String json, String field, String says) {
        }
        var cases = new Case[]{
                new Case("{not json", null, "not valid JSON"),
                new Case("[1,2]", null, "must be a JSON object"),
                new Case("{\"type\":\"order.paid\",\"occurredAt\":\"2025-05-01T10:00:00Z\",\"order\":{\"orderId\":\"o\",\"amount\":1}}",
                        "eventId", "is required"),
                new Case("{\"eventId\":\"" + eventId + "\",\"type\":\"order.lost\",\"occurredAt\":\"2025-05-01T10:00:00Z\"}",
                        "type", "must be one of"),
                new Case("{\"eventId\":\"" + eventId + "\",\"type\":\"order.paid\",\"occurredAt\":\"yesterday\",\"order\":{\"orderId\":\"o\",\"amount\":1}}",
                        "occurredAt", "ISO-8601"),
                new Case("{\"eventId\":\"" + eventId + "\",\"type\":\"order.paid\",\"occurredAt\":\"2025-05-01T10:00:00Z\"}",
                        "order", "is required for order.paid"),
                new Case("{\"eventId\":\"" + eventId + "\",\"type\":\"order.paid\",\"occurredAt\":\"2025-05-01T10:00:00Z\",\"order\":{\"orderId\":\"o\"}}",
                        "order.amount", "is required"),
                new Case("{\"eventId\":\"" + eventId + "\",\"type\":\"order.paid\",\"occurredAt\":\"2025-05-01T10:00:00Z\",\"order\":{\"orderId\":\"o\",\"amount\":\"-3\"}}",
                        "order.amount", "amount from 0"),
                new Case("{\"eventId\":\"" + eventId + "\",\"type\":\"complaint.opened\",\"occurredAt\":\"2025-05-01T10:00:00Z\",\"complaint\":{\"complaintId\":\"c\",\"orderId\":\"o\"}}",
                        "complaint.reasonCode", "is required"),
                new Case("{\"eventId\":\"" + eventId + "\",\"type\":\"survey.answered\",\"occurredAt\":\"2025-05-01T10:00:00Z\",\"survey\":{\"caseRef\":\"x\",\"score\":7}}",
                        "survey.score", "from 1 to 5"),
        };
        for (Case c : cases) {
            SignedWebhooks.Answer answer = platform().post("douyin", "station-1", c.json(), DOUYIN_SECRET);
            assertThat(answer.status()).as(c.json()).isEqualTo(400);
            assertThat(answer.body()).as(c.json()).contains(c.says());
            if (c.field() != null) {
                assertThat(answer.body()).as(c.json()).contains("\"field\":\"" + c.field() + "\"");
            }
        }
        assertThat(receipts(eventId)).isZero();
        assertThat(sink.withEventId(eventId)).isEmpty();
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413() {
        String eventId = newId();
        String padding = "x".repeat(2000);
        String big = "{\"eventId\":\"" + eventId + "\",\"type\":\"comment.created\",\"occurredAt\":\"2025-05-01T10:00:00Z\","
                + "\"comment\":{\"commentId\":\"c1\",\"text\":\"" + padding + "\",\"author\":\"" + padding + padding + "\"}}";

        SignedWebhooks.Answer withLength = platform().post("douyin", "station-1", big, DOUYIN_SECRET);
        SignedWebhooks.Answer chunked = platform().postChunked("douyin", "station-1", big.getBytes(), DOUYIN_SECRET);

        assertThat(withLength.status()).isEqualTo(413);
        assertThat(withLength.body()).contains("larger than the limit of 4096 bytes");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(receipts(eventId)).isZero();
    }

    @Test
    void unknownStationsAndPlatformsAreRefusedWith404() {
        String eventId = newId();
        String json = orderEvent(eventId, "order.paid", "o-6", "5");

        SignedWebhooks.Answer unknownStation = platform().post("douyin", "no-such-station", json, DOUYIN_SECRET);
        SignedWebhooks.Answer unknownPlatform = platform().post("myspace", "station-1", json, DOUYIN_SECRET);
        SignedWebhooks.Answer noWebhookSecret = platform().post("wechat-channels", "station-1", json, DOUYIN_SECRET);

        assertThat(unknownStation.status()).isEqualTo(404);
        assertThat(unknownStation.body()).contains("Station 'no-such-station' has no platform account 'douyin'");
        assertThat(unknownPlatform.status()).isEqualTo(404);
        assertThat(noWebhookSecret.status()).isEqualTo(404);
        assertThat(noWebhookSecret.body()).contains("Station 'station-1' has no platform account 'wechat-channels' with a webhook secret");
        assertThat(receipts(eventId)).isZero();
    }

    @Test
    void whenTheEffectFailsNothingIsKeptAndTheRedeliveryIsAccepted() {
        String eventId = newId();
        String json = orderEvent(eventId, "order.paid", "o-7", "5");
        sink.failure.set(new IllegalStateException("database hiccup"));

        SignedWebhooks.Answer failed = platform().post("douyin", "station-1", json, DOUYIN_SECRET);
        sink.failure.set(null);
        SignedWebhooks.Answer redelivered = platform().post("douyin", "station-1", json, DOUYIN_SECRET);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body()).contains("deliver it again later").doesNotContain("database hiccup");
        assertThat(redelivered.status()).isEqualTo(202);
        assertThat(sink.withEventId(eventId)).hasSize(1);
        assertThat(receipts(eventId)).isEqualTo(1);
    }

    @Test
    void eventsArrivingOutOfOrderAreEachAcceptedOnce() {
        String order = "o-" + UUID.randomUUID();
        String shipped = newId();
        String created = newId();
        String paid = newId();

        assertThat(platform().post("douyin", "station-1", orderEvent(shipped, "order.shipped", order, "20"), DOUYIN_SECRET).status()).isEqualTo(202);
        assertThat(platform().post("douyin", "station-1", orderEvent(created, "order.created", order, "20"), DOUYIN_SECRET).status()).isEqualTo(202);
        assertThat(platform().post("douyin", "station-1", orderEvent(shipped, "order.shipped", order, "20"), DOUYIN_SECRET).status()).isEqualTo(200);
        assertThat(platform().post("douyin", "station-1", orderEvent(paid, "order.paid", order, "20"), DOUYIN_SECRET).status()).isEqualTo(202);

        assertThat(sink.events.stream().filter(e -> e.order() != null && e.order().orderId().equals(order)))
                .extracting(PlatformEvent::type)
                .containsExactly(PlatformEvent.Type.ORDER_SHIPPED, PlatformEvent.Type.ORDER_CREATED, PlatformEvent.Type.ORDER_PAID);
    }
}
