package io.centralkitchen.media.live;

/**
 * A feed without sound still gives the platforms an audio track: the slate's silence, frame after frame, keeping up
 * with the pictures of the session.
 */
final class SilenceTrack {

    private final Slate slate;
    private long start;
    private long samples = -1;

    SilenceTrack(Slate slate) {
        this.slate = slate;
    }

    /** A new session: the track starts again at its first picture. */
    void restart() {
        samples = -1;
    }

    /** Hands {@code sink} the silence up to {@code programMillis}; the first call starts one frame before it. */
    void upTo(long programMillis, long frameMillis, SlateClock.Sink sink) {
        if (samples < 0) {
            start = programMillis - frameMillis;
            samples = 0;
        }
        while (start + samples * 1000 / Slate.SAMPLE_RATE < programMillis) {
            sink.frame(slate.silence(), true, start + samples * 1000 / Slate.SAMPLE_RATE);
            samples += Slate.SAMPLES_PER_FRAME;
        }
    }
}
