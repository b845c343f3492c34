package io.centralkitchen.routes.engine;

import org.apache.camel.builder.RouteBuilder;

/**
 * Drives the {@link EngineInboxDispatcher}: a poll for due (and backed-off) items, and a nudge that delivers at once
 * after a webhook was accepted. The nudge queue holds one signal: a burst of acceptances triggers few deliveries, each
 * of which takes everything due.
 */
public class EngineInboxRoutes extends RouteBuilder {

    public static final String NUDGE = "seda:engine-inbox-nudge?size=1&discardWhenFull=true";

    private final EngineInboxDispatcher dispatcher;
    private final EngineInboxProperties properties;

    public EngineInboxRoutes(EngineInboxDispatcher dispatcher, EngineInboxProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("timer:engine-inbox?period=" + properties.getPollInterval().toMillis() + "&delay=" + properties.getPollInterval().toMillis())
                .routeId("engine-inbox-poll")
                .process(e -> dispatcher.deliverDue());

        from(NUDGE).routeId("engine-inbox-nudge")
                .process(e -> dispatcher.deliverDue());

        from("timer:engine-inbox-housekeeping?period=3600000&delay=60000").routeId("engine-inbox-housekeeping")
                .process(e -> dispatcher.forgetDelivered());
    }
}
