package io.centralkitchen.routes.webhook;

import io.centralkitchen.routes.test.RoutesTestApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook routes with the hand-over replaced by a mock endpoint (AdviceWith): what reaches the application is
 * exactly one message per distinct, verified event.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = RoutesTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "kitchen.platforms.douyin.base-url=")
class WebhookRouteAdviceTest {

    static final String SECRET = "douyin-webhook-SECRET-0001";

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @EndpointInject("mock:hand-over")
    MockEndpoint handOver;

    @BeforeEach
    void replaceHandOver() throws Exception {
        if (camel.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camel, "webhook-accept", route -> route.weaveById("hand-over").replace().to("mock:hand-over"));
        AdviceWith.adviceWith(camel, "webhook", route -> route.weaveById("nudge-engine-inbox").remove());
        camel.start();
    }

    WebhookAnswer deliver(String json, String secret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        WebhookDelivery delivery = new WebhookDelivery("douyin", "station-1", ts, WebhookSignature.sign(secret, ts, "station-1", body), body);
        return producer.send(WebhookRoutes.ENTRY, e -> e.getMessage().setBody(delivery)).getMessage().getBody(WebhookAnswer.class);
    }

    @Test
    void oneMessagePerDistinctVerifiedEvent() throws Exception {
        String first = "evt-" + UUID.randomUUID();
        String second = "evt-" + UUID.randomUUID();
        handOver.reset();
        handOver.expectedMessageCount(2);

        assertThat(deliver(SignedWebhooks.orderEvent(first, "order.created", "o-1", "9.9"), SECRET).status()).isEqualTo(202);
        assertThat(deliver(SignedWebhooks.orderEvent(first, "order.created", "o-1", "9.9"), SECRET).status()).isEqualTo(200);
        assertThat(deliver(SignedWebhooks.orderEvent(second, "order.paid", "o-1", "9.9"), SECRET).status()).isEqualTo(202);
        assertThat(deliver(SignedWebhooks.orderEvent("evt-" + UUID.randomUUID(), "order.paid", "o-1", "9.9"), "forged").status()).isEqualTo(401);
        assertThat(deliver("{\"eventId\":\"x\"}", SECRET).status()).isEqualTo(400);

        handOver.assertIsSatisfied();
        assertThat(handOver.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(PlatformEvent.class).eventId())
                .containsExactly(first, second);
    }
}
