package io.centralkitchen.media.rtmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded in-memory pipe from a producer thread (an RTMP connection, the test pattern) to the demuxer reading it.
 * The reader gets end-of-stream when the producer closes the pipe or stays silent for {@code readTimeout} (a lost
 * feed); a producer facing a full pipe for that long gives up (the reader is gone).
 */
public final class BytePipe extends InputStream {

    private final byte[] ring;
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private int head;
    private int size;
    private boolean closed;

    public BytePipe(int capacity, java.time.Duration timeout) {
        this.ring = new byte[capacity];
        this.timeoutNanos = timeout.toNanos();
    }

    /** Appends bytes; throws when the pipe is closed or nobody reads for the timeout. */
    public void write(byte[] data, int offset, int length) throws IOException {
        lock.lock();
        try {
            while (length > 0) {
                long nanos = timeoutNanos;
                while (size == ring.length && !closed) {
                    if (nanos <= 0) {
                        throw new IOException("The show stopped reading the feed");
                    }
                    nanos = writable.awaitNanos(nanos);
                }
                if (closed) {
                    throw new IOException("The feed was closed");
                }
                int tail = (head + size) % ring.length;
                int n = Math.min(length, Math.min(ring.length - size, ring.length - tail));
                System.arraycopy(data, offset, ring, tail, n);
                size += n;
                offset += n;
                length -= n;
                readable.signal();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted");
        } finally {
            lock.unlock();
        }
    }

    public void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /** The writing end as a stream; closing it closes the pipe (the reader then gets end-of-stream). */
    public OutputStream writer() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                BytePipe.this.write(new byte[]{(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                BytePipe.this.write(b, off, len);
            }

            @Override
            public void close() {
                BytePipe.this.close();
            }
        };
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        lock.lock();
        try {
            long nanos = timeoutNanos;
            while (size == 0) {
                if (closed || nanos <= 0) {
                    return -1;
                }
                nanos = readable.awaitNanos(nanos);
            }
            int n = Math.min(length, Math.min(size, ring.length - head));
            System.arraycopy(ring, head, buffer, offset, n);
            head = (head + n) % ring.length;
            size -= n;
            writable.signal();
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
