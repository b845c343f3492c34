package io.centralkitchen.media.ops;

/** Told how far an operation has got, from 0 to 1. Called on the operation's thread; keep it cheap. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = fraction -> {
    };

    void progress(double fraction);
}
