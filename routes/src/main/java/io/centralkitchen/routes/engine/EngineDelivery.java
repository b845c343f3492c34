package io.centralkitchen.routes.engine;

/** Hands one inbox item to the engine, inside the dispatcher's transaction. */
public interface EngineDelivery {

    enum Outcome {
        DELIVERED,
        /** Nothing waits for this message yet: try again later. */
        NOT_READY
    }

    /** @throws RuntimeException when the engine refused (e.g. no definition deployed): the attempt is retried later */
    Outcome deliver(InboxItem item);
}
