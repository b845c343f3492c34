package io.centralkitchen.routes.webhook;

import io.centralkitchen.routes.engine.EngineInboxRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound platform webhooks. {@code webhook}: verify (the station's account and its secret, timestamp window, HMAC over
 * timestamp, station and body) → validate the event → check the station → accept. {@code webhook-accept} is one
 * database transaction: the event id is recorded for the station (a redelivery stops here as a duplicate, so does a
 * concurrent copy once the first commits) and the event handed to the {@link PlatformEventSink}; if either fails,
 * neither is kept. A refused delivery stores nothing and logs one line. After an acceptance the engine inbox is nudged, so work for the engine (cases to
 * start, messages to correlate) is delivered at once rather than at the next poll.
 */
public class WebhookRoutes extends RouteBuilder {

    public static final String ENTRY = "direct:webhook";
    static final String DUPLICATE = "kitchenWebhookDuplicate";
    private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);

    private final WebhookVerifier verifier;
    private final PlatformEventParser parser;
    private final WebhookReceipts receipts;
    private final PlatformEventSink sink;
    private final WebhookProperties properties;

    public WebhookRoutes(WebhookVerifier verifier, PlatformEventParser parser, WebhookReceipts receipts,
                         PlatformEventSink sink, WebhookProperties properties) {
        this.verifier = verifier;
        this.parser = parser;
        this.receipts = receipts;
        this.sink = sink;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from(ENTRY).routeId("webhook")
                .onException(WebhookRefusedException.class).handled(true)
                    .process(WebhookRoutes::answerRefusal)
                .end()
                .onException(Exception.class).handled(true)
                    .process(WebhookRoutes::answerFailure)
                .end()
                .process(e -> verifier.verify(e.getMessage().getBody(WebhookDelivery.class))).id("verify-signature")
                .process(this::parse).id("validate-event")
                .process(this::checkStation).id("check-station")
                .to("direct:webhook-accept").id("accept")
                .choice()
                    .when(exchangeProperty(DUPLICATE).isEqualTo(true))
                        .process(e -> e.getMessage().setBody(WebhookAnswer.duplicate(e.getMessage().getBody(PlatformEvent.class))))
                    .otherwise()
                        .wireTap(EngineInboxRoutes.NUDGE).id("nudge-engine-inbox").end()
                        .process(e -> e.getMessage().setBody(WebhookAnswer.accepted(e.getMessage().getBody(PlatformEvent.class))))
                .end();

        from("direct:webhook-accept").routeId("webhook-accept")
                .transacted()
                .process(this::recordReceipt).id("record-receipt")
                .filter(exchangeProperty(DUPLICATE).isNotEqualTo(true))
                    .process(e -> sink.accept(e.getMessage().getBody(PlatformEvent.class))).id("hand-over")
                .end();

        from("timer:webhook-receipt-retention?period=3600000&delay=60000").routeId("webhook-receipt-retention")
                .process(e -> {
                    int forgotten = receipts.forgetOlderThan(properties.getReceiptRetention());
                    if (forgotten > 0) {
                        log.info("Forgot {} webhook receipts older than {}", forgotten, properties.getReceiptRetention());
                    }
                });
    }

    /** Whatever a signed body holds, reading it is never a server failure: anything unforeseen is a 400 too. */
    private void parse(Exchange exchange) {
        WebhookDelivery delivery = exchange.getMessage().getBody(WebhookDelivery.class);
        PlatformEvent event;
        try {
            event = parser.parse(delivery.platform(), delivery.station(), delivery.body());
        } catch (WebhookRefusedException refused) {
            throw refused;
        } catch (RuntimeException unforeseen) {
            log.warn("Webhook body of {}/{} could not be read as an event: {}", delivery.platform(), delivery.station(),
                    WebhookRefusedException.oneLine(unforeseen.toString()));
            throw new WebhookRefusedException(400, "The body cannot be read as an event");
        }
        exchange.getMessage().setBody(event);
    }

    private void checkStation(Exchange exchange) {
        PlatformEvent event = exchange.getMessage().getBody(PlatformEvent.class);
        if (!sink.knowsStation(event.station())) {
            throw new WebhookRefusedException(404, "Unknown station '" + event.station() + "'");
        }
    }

    private void recordReceipt(Exchange exchange) {
        boolean first = receipts.recordFirst(exchange.getMessage().getBody(PlatformEvent.class));
        exchange.setProperty(DUPLICATE, !first);
    }

    private static void answerRefusal(Exchange exchange) {
        WebhookRefusedException refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WebhookRefusedException.class);
        log.info("Webhook refused ({}{}): {}", refusal.status(), refusal.field() == null ? "" : ", " + refusal.field(),
                WebhookRefusedException.oneLine(refusal.getMessage()));
        exchange.getMessage().setBody(WebhookAnswer.refused(refusal.status(), refusal.field(), refusal.getMessage()));
    }

    private static void answerFailure(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.error("Webhook event could not be accepted; nothing was kept, the platform will deliver it again", failure);
        exchange.getMessage().setBody(WebhookAnswer.refused(503, null,
                "The event could not be stored and was not accepted; deliver it again later"));
    }
}
