package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Frames;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Joins the sound of two sources at a cut without a click (program thread only). A cut lands between two arbitrary
 * samples of two unrelated waves; played as they are, the jump is heard as a click. So the splice holds the latest
 * frame of sound back (about 20 ms), and at a cut fades the end of the outgoing source out and the start of the
 * incoming one in, over {@link #FADE_MILLIS} each.
 */
final class AudioSplice implements AutoCloseable {

    static final int FADE_MILLIS = 10;

    private AVFrame held;
    private long heldPts;
    private boolean fadingIn;
    private int fadedIn;

    /** Sound of the source on air (borrowed): hands on the frame held before it, keeps a copy of this one. */
    void offer(AVFrame sound, long ptsMillis, SlateClock.Sink sink) {
        AVFrame copy = Frames.writableReference(sound);
        if (copy == null) {
            sink.frame(sound, true, ptsMillis); // cannot hold it: played as it is
            return;
        }
        if (fadingIn) {
            int length = Math.max(1, copy.sample_rate() * FADE_MILLIS / 1000);
            int n = Math.min(length - fadedIn, copy.nb_samples());
            Frames.fade(copy, 0, n, (double) fadedIn / length, (double) (fadedIn + n) / length);
            fadedIn += n;
            fadingIn = fadedIn < length;
        }
        release(sink);
        held = copy;
        heldPts = ptsMillis;
    }

    /** A cut: the held end of the outgoing sound fades out and is handed on; the next source's sound fades in. */
    void cut(SlateClock.Sink sink) {
        if (held != null) {
            int n = Math.min(held.nb_samples(), held.sample_rate() * FADE_MILLIS / 1000);
            Frames.fade(held, held.nb_samples() - n, n, 1, 0);
            release(sink);
        }
        fadingIn = true;
        fadedIn = 0;
    }

    private void release(SlateClock.Sink sink) {
        if (held != null) {
            AVFrame frame = held;
            held = null;
            try {
                sink.frame(frame, true, heldPts);
            } finally {
                Frames.free(frame);
            }
        }
    }

    @Override
    public void close() {
        Frames.free(held);
        held = null;
    }
}
