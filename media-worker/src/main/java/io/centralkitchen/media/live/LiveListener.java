package io.centralkitchen.media.live;

import io.centralkitchen.media.recording.RecordingListener;

/**
 * What the live engine tells the rest of the platform (persistence, metrics). Called from engine threads: return
 * quickly and never throw.
 */
public interface LiveListener extends RecordingListener {

    default void showStarted(LiveShow show) {
    }

    default void showStopped(LiveShow show) {
    }

    default void destinationAdded(LiveShow show, String destinationId) {
    }

    default void destinationRemoved(LiveShow show, String destinationId) {
    }
}
