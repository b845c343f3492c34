package io.centralkitchen.media.recording;

/** What a recording tells the rest of the platform. Called from the recorder's threads: return quickly, never throw. */
public interface RecordingListener {

    default void segmentStored(RecordingSegment segment) {
    }

    default void recordingSealed(RecordingManifest manifest) {
    }
}
