package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Packets;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A destination's bounded queue of packets it owns. When it is full — the destination cannot keep up — everything
 * queued is dropped and so is every packet up to the next video keyframe, so that what the destination sends next
 * is decodable again; each dropped packet is counted. It also starts (and restarts) at a keyframe.
 */
final class PacketQueue {

    private final int capacity;
    private final ArrayDeque<AVPacket> packets = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private boolean waitingForKeyframe = true;
    private long dropped;

    PacketQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Takes ownership of {@code packet}: it is queued, or freed and counted as dropped. */
    void offer(AVPacket packet) {
        boolean keyframe = packet.stream_index() == LiveStreams.VIDEO && Packets.isKeyframe(packet);
        lock.lock();
        try {
            if (packets.size() >= capacity) {
                dropped += packets.size();
                clear();
                waitingForKeyframe = true;
            }
            if (waitingForKeyframe && !keyframe) {
                dropped++;
                Packets.free(packet);
                return;
            }
            waitingForKeyframe = false;
            packets.addLast(packet);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The next packet (the caller owns it), or null after {@code timeoutMillis}. */
    AVPacket poll(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (packets.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return packets.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is queued (not counted: the destination is reconnecting) and waits for a keyframe again. */
    void restartAtKeyframe() {
        lock.lock();
        try {
            clear();
            waitingForKeyframe = true;
        } finally {
            lock.unlock();
        }
    }

    private void clear() {
        AVPacket p;
        while ((p = packets.pollFirst()) != null) {
            Packets.free(p);
        }
    }

    int size() {
        lock.lock();
        try {
            return packets.size();
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        restartAtKeyframe();
    }
}
