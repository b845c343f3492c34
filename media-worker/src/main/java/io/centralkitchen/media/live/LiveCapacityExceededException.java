package io.centralkitchen.media.live;

/** A show or destination this live worker cannot carry (see {@link LiveCapacity}); the message says what to do. */
public class LiveCapacityExceededException extends IllegalStateException {

    public LiveCapacityExceededException(String message) {
        super(message);
    }
}
