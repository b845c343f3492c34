package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An interrupt callback for one FFmpeg format context: every blocking network call (connect, read, write) of that
 * context gives up once the armed deadline has passed or {@link #abort()} was called. FFmpeg's own {@code rw_timeout}
 * covers a silent peer; this also covers a peer that trickles bytes, and lets another thread stop the I/O at once.
 * <p>
 * Install it before opening the context; {@link #close()} it after the context is freed.
 */
final class IoDeadline implements AutoCloseable {

    private static final Map<Long, IoDeadline> ACTIVE = new ConcurrentHashMap<>();
    /** One native callback for every context (JavaCPP callbacks are costly to create and must stay reachable). */
    private static final Callback CALLBACK = new Callback();

    private final IntPointer opaque = new IntPointer(1);
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean aborted;

    public IoDeadline() {
        ACTIVE.put(opaque.address(), this);
    }

    private static final class Callback extends AVIOInterruptCB.Callback_Pointer {
        @Override
        public int call(Pointer opaque) {
            IoDeadline deadline = opaque == null ? null : ACTIVE.get(opaque.address());
            return deadline != null && deadline.expired() ? 1 : 0;
        }
    }

    /** Makes the context's blocking calls consult this deadline. */
    public void install(AVFormatContext context) {
        context.interrupt_callback().callback(CALLBACK).opaque(opaque);
    }

    /** The callback structure, for {@code avio_open2}. */
    public AVIOInterruptCB callback(AVFormatContext context) {
        return context.interrupt_callback();
    }

    /** Allows the next blocking calls {@code timeout} from now. */
    public void arm(Duration timeout) {
        deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    public void disarm() {
        deadlineNanos = Long.MAX_VALUE;
    }

    /** Interrupts the current and every later blocking call for good. */
    public void abort() {
        aborted = true;
    }

    public boolean isAborted() {
        return aborted;
    }

    public boolean expired() {
        return aborted || System.nanoTime() - deadlineNanos > 0;
    }

    @Override
    public void close() {
        ACTIVE.remove(opaque.address());
        opaque.close();
    }
}
