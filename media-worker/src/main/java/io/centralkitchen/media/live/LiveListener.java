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

    /**
     * The program of a show with several sources was cut: to {@code source} (null: the slate) at program time
     * {@code programMillis}; {@code reason} is "producer" (a call), "backup" (the source on air dropped), "connected"
     * (the first source to connect while nothing was on air) or "lost" (no source left: the slate). Program thread.
     */
    default void sourceCut(LiveShow show, String source, String reason, long programMillis) {
    }
}
