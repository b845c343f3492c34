package io.centralkitchen.media.ffmpeg;

import org.bytedeco.javacv.FFmpegFrameRecorder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link SyntheticSignal} playing in real time on its own thread, encoded by a JavaCV recorder (to a stream or an
 * RTMP URL): the rehearsal test pattern and the tests' studio encoder. {@link #close()} stops it.
 */
public final class SignalPlayer implements AutoCloseable {

    private final Thread thread;
    private final OutputStream out;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean playing;

    SignalPlayer(Callable<FFmpegFrameRecorder> recorder, SyntheticSignal signal, OutputStream out) {
        this.out = out;
        this.thread = new Thread(() -> run(recorder, signal), "test-signal");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Callable<FFmpegFrameRecorder> opener, SyntheticSignal signal) {
        FFmpegRuntime.init();
        try (signal; FFmpegFrameRecorder recorder = opener.call()) {
            boolean sound = recorder.getAudioChannels() > 0;
            recorder.start();
            playing = true;
            long start = System.nanoTime();
            while (running) {
                long wait = start + signal.nextTimestampMicros() * 1000 - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                recorder.record(signal.nextVideo());
                if (sound) {
                    recorder.record(signal.nextAudio());
                }
            }
            recorder.stop();
        } catch (Exception e) {
            if (running) {
                failure.set(e);
            }
        } finally {
            playing = false;
            closeOutput();
        }
    }

    /** Whether the signal is being sent (the connection is up). */
    public boolean playing() {
        return playing;
    }

    /** Why it stopped before being closed, or null. */
    public Throwable failure() {
        return failure.get();
    }

    private void closeOutput() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the reader is gone already
            }
        }
    }

    /** Stops playing (a publisher: disconnects, as a studio encoder whose line drops). */
    @Override
    public void close() {
        running = false;
        closeOutput();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
