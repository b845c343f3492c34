package io.centralkitchen.media.ops;

import java.util.concurrent.CancellationException;

/**
 * Progress of one operation: forwards whole-percent changes to a listener and is the point where a long operation
 * notices that its thread was interrupted (a worker shutting down, a lost lock) and stops.
 */
public final class Progress {

    private final ProgressListener listener;
    private int lastPercent = -1;

    public Progress(ProgressListener listener) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    public void update(double fraction) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Media operation interrupted");
        }
        int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        if (percent > lastPercent) {
            lastPercent = percent;
            listener.progress(percent / 100.0);
        }
    }

    public void done() {
        update(1.0);
    }
}
