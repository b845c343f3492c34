package io.centralkitchen.media.live;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Paces the slate on the program timeline by the wall clock: from the moment the feed went away, one picture every
 * 1/fps second and the silence that goes with it, with program timestamps that continue where the feed stopped.
 * More than a second behind (a stalled machine), it skips ahead instead of sending a burst.
 */
final class SlateClock {

    /** Receives what is due: a borrowed frame, whether it is audio, and its program time in milliseconds. */
    interface Sink {
        void frame(AVFrame frame, boolean audio, long programMillis);
    }

    private final Slate slate;
    private final int fps;
    private long wallStart;
    private long programStart;
    private long frames;
    private long samples;

    SlateClock(Slate slate, int fps) {
        this.slate = slate;
        this.fps = fps;
    }

    /** Starts the slate at {@code programMillis}, now. */
    void restart(long programMillis) {
        wallStart = System.nanoTime();
        programStart = programMillis;
        frames = 0;
        samples = 0;
    }

    long millisUntilNextFrame() {
        long due = wallStart + frames * 1_000_000_000L / fps;
        return Math.max(1, (due - System.nanoTime()) / 1_000_000L);
    }

    /** Hands out every picture and silence due by now; returns the program time of the last picture, or -1. */
    long emitDue(Sink sink) {
        long elapsed = System.nanoTime() - wallStart;
        if (elapsed > (frames + fps) * 1_000_000_000L / fps) {
            frames = elapsed * fps / 1_000_000_000L;
            samples = frames * Slate.SAMPLE_RATE / fps / Slate.SAMPLES_PER_FRAME * Slate.SAMPLES_PER_FRAME;
        }
        long last = -1;
        while (frames * 1_000_000_000L / fps <= elapsed) {
            last = programStart + frames * 1000 / fps;
            sink.frame(slate.picture(), false, last);
            long nextPicture = programStart + (frames + 1) * 1000 / fps;
            while (programStart + samples * 1000 / Slate.SAMPLE_RATE < nextPicture) {
                sink.frame(slate.silence(), true, programStart + samples * 1000 / Slate.SAMPLE_RATE);
                samples += Slate.SAMPLES_PER_FRAME;
            }
            frames++;
        }
        return last;
    }
}
