package io.centralkitchen.routes.webhook;

/**
 * Where verified platform events go: implemented by the application (orders, after-sales cases, comments).
 * {@link #accept} runs inside the transaction that records the event id, so an event has its effect exactly once:
 * if it throws, nothing is kept and the platform's redelivery tries again.
 */
public interface PlatformEventSink {

    /** Whether the station exists; events for unknown stations are refused (404) and not stored. */
    boolean knowsStation(String stationId);

    void accept(PlatformEvent event);
}
