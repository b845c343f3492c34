package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.CodecParameters;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One platform receiving a show: its own thread, its own bounded {@link PacketQueue} and its own connection. A
 * failing or stalled connection affects only this destination: writes time out, the connection is re-opened with
 * exponential backoff and jitter, and after repeated failures a circuit breaker waits longer before trying again.
 * Timestamps are program time, so they keep rising across reconnects.
 */
final class Destination implements AutoCloseable {

    enum State { CONNECTING, LIVE, RECONNECTING, CIRCUIT_OPEN, STOPPED }

    private static final Logger log = LoggerFactory.getLogger(Destination.class);

    private final String showId;
    private final DestinationSpec spec;
    private final PlatformPreset preset;
    private final Supplier<String> url;
    private final String masked;
    private final ProfileChannel channel;
    private final LiveSettings settings;
    private final Map<String, String> muxerOptions;
    private final PacketQueue queue;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile State state = State.CONNECTING;
    private volatile Muxer muxer;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant connectedSince;
    private volatile long reconnects;
    private volatile long packetsSent;
    private volatile long lastTimestamp = -1;
    private volatile double bitrateKbps;
    private volatile double fps;
    private long windowStart = System.nanoTime();
    private long windowBytes;
    private long windowFrames;

    /**
     * @param url    gives the push URL (a secret) to the connecting thread only
     * @param masked the URL as people may see it
     */
    Destination(String showId, DestinationSpec spec, PlatformPreset preset, Supplier<String> url, String masked,
                ProfileChannel channel, LiveSettings settings, Map<String, String> muxerOptions) {
        this.showId = showId;
        this.spec = spec;
        this.preset = preset;
        this.url = url;
        this.masked = masked;
        this.channel = channel;
        this.settings = settings;
        this.muxerOptions = muxerOptions;
        this.queue = new PacketQueue(settings.destinationQueuePackets());
        this.thread = new Thread(this::run, "live-destination-" + showId + "-" + spec.id());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String id() {
        return spec.id();
    }

    DestinationSpec spec() {
        return spec;
    }

    ProfileChannel channel() {
        return channel;
    }

    State state() {
        return state;
    }

    /** Channel thread: a packet for this destination (borrowed; cloned when it is queued). */
    void accept(AVPacket packet) {
        State s = state;
        if (s == State.LIVE || s == State.CONNECTING) {
            queue.offer(Packets.reference(packet));
        }
    }

    private void run() {
        int failures = 0;
        boolean everLive = false;
        while (stopped.getCount() > 0) {
            state = State.CONNECTING; // packets are queued from here on, starting at the next keyframe
            try {
                connect();
                if (everLive) {
                    reconnects++;
                }
                everLive = true;
                failures = 0;
                state = State.LIVE;
                connectedSince = Instant.now();
                log.info("Show {}: destination {} live at {}", showId, spec.id(), masked);
                pump();
            } catch (IOException | RuntimeException e) {
                if (stopped.getCount() == 0) {
                    break;
                }
                failures++;
                lastError = LiveSecrets.redact(String.valueOf(e.getMessage()));
                lastErrorAt = Instant.now();
            } finally {
                closeMuxer();
            }
            if (stopped.getCount() == 0) {
                break;
            }
            // down: nothing is queued until the next attempt, which starts again at a keyframe
            connectedSince = null;
            bitrateKbps = 0;
            fps = 0;
            boolean open = failures >= settings.circuitBreakerFailures();
            state = open ? State.CIRCUIT_OPEN : State.RECONNECTING;
            queue.restartAtKeyframe();
            long wait = open ? settings.circuitBreakerOpen().toMillis() : backoff(Math.max(1, failures));
            log.warn("Show {}: destination {} ({}) is down ({}), {} in {} ms", showId, spec.id(), masked, lastError,
                    open ? "circuit open, one more try" : "reconnecting", wait);
            if (open) {
                failures = settings.circuitBreakerFailures() - 1; // half-open: the next failure opens it again
            }
            try {
                if (stopped.await(wait, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        state = State.STOPPED;
        queue.close();
    }

    /** Exponential backoff with "equal jitter": half the delay fixed, half random, so that reconnects spread. */
    private long backoff(int failures) {
        long base = settings.backoffInitial().toMillis() << Math.min(failures - 1, 16);
        long delay = Math.min(settings.backoffMax().toMillis(), base);
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    private void connect() throws IOException {
        AVCodecParameters[] parameters;
        try {
            parameters = channel.parametersSnapshot(settings.ioTimeout().toMillis());
        } catch (InterruptedException e) {
            throw new IOException("Stopped");
        }
        if (parameters == null) {
            throw new IOException("No picture to send yet at " + channel.profile().label());
        }
        try {
            muxer = Muxer.stream(preset.protocol().muxer(), url.get(), masked, parameters[0], parameters[1],
                    muxerOptions, settings.ioTimeout());
        } finally {
            CodecParameters.free(parameters[0]);
            CodecParameters.free(parameters[1]);
        }
        if (stopped.getCount() == 0) {
            throw new IOException("Stopped");
        }
    }

    private void pump() throws IOException {
        while (stopped.getCount() > 0) {
            AVPacket packet;
            try {
                packet = queue.poll(250);
            } catch (InterruptedException e) {
                return;
            }
            measure();
            if (packet == null) {
                continue;
            }
            try {
                int size = packet.size();
                boolean video = packet.stream_index() == LiveStreams.VIDEO;
                muxer.send(packet);
                packetsSent++;
                if (video) {
                    lastTimestamp = Timestamps.isSet(packet.dts()) ? packet.dts() : lastTimestamp;
                }
                windowBytes += size;
                if (video) {
                    windowFrames++;
                }
            } finally {
                Packets.free(packet);
            }
        }
    }

    private void measure() {
        long now = System.nanoTime();
        long elapsed = now - windowStart;
        if (elapsed >= 1_000_000_000L) {
            bitrateKbps = windowBytes * 8.0 / 1000 / (elapsed / 1e9);
            fps = windowFrames / (elapsed / 1e9);
            windowBytes = 0;
            windowFrames = 0;
            windowStart = now;
        }
    }

    private void closeMuxer() {
        Muxer m = muxer;
        muxer = null;
        if (m != null) {
            m.close();
        }
    }

    DestinationStats stats() {
        OutputProfile profile = channel.profile();
        return new DestinationStats(spec.id(), spec.preset(), preset.platform(), preset.protocol().name(), profile.label(),
                profile.orientation(), masked, state.name(), round(bitrateKbps), round(fps), queue.size(),
                queue.dropped(), reconnects, packetsSent, lastTimestamp, lastError, lastErrorAt, connectedSince);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Stops sending: the current write or connect is interrupted at once. */
    @Override
    public void close() {
        stopped.countDown();
        Muxer m = muxer;
        if (m != null) {
            m.abort();
        }
        try {
            thread.join(settings.ioTimeout().toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
