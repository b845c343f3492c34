package io.centralkitchen.media.rtmp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A receiving RTMP server — what a live platform's ingest is to the engine's destinations, for the demo, the tests and
 * the benchmarks: it accepts publishers of one stream key ({@code rtmp://127.0.0.1:<port>/live/<key>}, or any key),
 * hands each one's FLV byte stream to a fresh {@link Receiver} (a file, a reader through a {@link BytePipe}, or
 * nothing) and counts what arrives. Like nginx-rtmp and the platforms' edges it announces a 4096-byte chunk size. A
 * port it cannot listen on yet (still held by an earlier server) is tried again with a growing pause until it is
 * free or the sink is closed.
 */
public final class RtmpSink implements AutoCloseable {

    /** Where one publisher's FLV stream goes: the header first, then one whole tag per write. */
    public interface Receiver {
        void write(byte[] flv, int offset, int length) throws IOException;

        /** The publisher left (or was cut off); called once. */
        default void end() {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RtmpSink.class);
    private static final int VIDEO_TAG = 9;
    private static final int AUDIO_TAG = 8;

    private final String name;
    private final int port;
    private final String streamKey;
    private final Supplier<Receiver> receivers;
    private final Duration timeout;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong videoPackets = new AtomicLong();
    private final AtomicLong keyframes = new AtomicLong();
    private final AtomicLong audioPackets = new AtomicLong();
    private final AtomicLong lastVideoMillis = new AtomicLong(-1);
    private final Thread binder;
    private volatile RtmpIngestServer server;
    private volatile boolean running = true;

    /**
     * @param streamKey the key publishers must use, or null for any
     * @param receivers a receiver for each publisher
     */
    public RtmpSink(String name, int port, String streamKey, Supplier<Receiver> receivers, Duration timeout) {
        this.name = name;
        this.port = port;
        this.streamKey = streamKey;
        this.receivers = receivers;
        this.timeout = timeout;
        if (!bind()) {
            binder = new Thread(this::keepBinding, "rtmp-sink-bind-" + name);
            binder.setDaemon(true);
            binder.start();
        } else {
            binder = null;
        }
    }

    /** Whatever arrives is counted and dropped. */
    public static Receiver discard() {
        return (flv, offset, length) -> {
        };
    }

    /** Each publisher's stream is kept as an FLV file (playable afterwards). */
    public static Receiver toFile(Path file) {
        try {
            OutputStream out = Files.newOutputStream(file);
            return new Receiver() {
                @Override
                public void write(byte[] flv, int offset, int length) throws IOException {
                    out.write(flv, offset, length);
                }

                @Override
                public void end() {
                    try {
                        out.close();
                    } catch (IOException e) {
                        log.debug("Closing {}: {}", file, e.getMessage());
                    }
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Each publisher's stream goes to a reader of {@code pipe} (e.g. a demuxer); the pipe is closed at its end. */
    public static Receiver toReader(BytePipe pipe) {
        return new Receiver() {
            @Override
            public void write(byte[] flv, int offset, int length) throws IOException {
                pipe.write(flv, offset, length);
            }

            @Override
            public void end() {
                pipe.close();
            }
        };
    }

    private boolean bind() {
        try {
            server = new RtmpIngestServer("127.0.0.1", port, "live", this::admit, timeout, 16);
            return true;
        } catch (IOException e) {
            log.debug("{}: cannot listen on {} yet: {}", name, port, e.getMessage());
            return false;
        }
    }

    /** Listening failing again and again (the port taken by something else) must not spin: wait longer each time. */
    private void keepBinding() {
        long pause = 50;
        while (running && !bind()) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            pause = Math.min(2_000, pause * 2);
        }
        if (!running) {
            closeServer();
        }
    }

    private RtmpIngestServer.Publication admit(String app, String key, String remote, String[] refusal) {
        if (streamKey != null && !MessageDigest.isEqual(streamKey.getBytes(UTF_8), key.getBytes(UTF_8))) {
            refusal[0] = "Unknown stream key";
            return null;
        }
        Receiver receiver = receivers.get();
        sessions.incrementAndGet();
        log.info("{}: a publisher is live on port {}", name, port);
        return new RtmpIngestServer.Publication() {
            @Override
            public void write(byte[] flv, int offset, int length) throws IOException {
                count(flv, offset, length);
                receiver.write(flv, offset, length);
            }

            @Override
            public void end() {
                receiver.end();
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    /** Counts the packets of a tag as FFmpeg's FLV demuxer would (codec set-up tags are no packets). */
    private void count(byte[] flv, int offset, int length) {
        bytes.addAndGet(length);
        if (length < 13 || flv[offset] == 'F' && flv[offset + 1] == 'L' && flv[offset + 2] == 'V') {
            return;
        }
        int type = flv[offset] & 0x1f;
        long timestamp = ((flv[offset + 4] & 0xffL) << 16) | ((flv[offset + 5] & 0xffL) << 8) | (flv[offset + 6] & 0xffL)
                | ((flv[offset + 7] & 0xffL) << 24);
        int data = offset + 11;
        if (type == VIDEO_TAG) {
            boolean avc = (flv[data] & 0x0f) == 7;
            if (avc && (length < 16 || flv[data + 1] != 1)) {
                return; // the AVC sequence header
            }
            videoPackets.incrementAndGet();
            if ((flv[data] & 0xf0) >> 4 == 1) {
                keyframes.incrementAndGet();
            }
            int composition = avc ? (flv[data + 2] << 16) | ((flv[data + 3] & 0xff) << 8) | (flv[data + 4] & 0xff) : 0;
            lastVideoMillis.set(timestamp + composition);
        } else if (type == AUDIO_TAG) {
            boolean aac = (flv[data] & 0xf0) >> 4 == 10;
            if (aac && flv[data + 1] != 1) {
                return; // the AAC sequence header
            }
            audioPackets.incrementAndGet();
        }
    }

    public int port() {
        return port;
    }

    /** Publishers admitted so far. */
    public int sessions() {
        return sessions.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long videoPackets() {
        return videoPackets.get();
    }

    public long keyframes() {
        return keyframes.get();
    }

    public long audioPackets() {
        return audioPackets.get();
    }

    /** Presentation time (ms) of the last picture received, -1 before the first. */
    public long lastVideoMillis() {
        return lastVideoMillis.get();
    }

    private void closeServer() {
        RtmpIngestServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    /** Stops listening and cuts every publisher off. */
    @Override
    public void close() {
        running = false;
        if (binder != null) {
            binder.interrupt();
            try {
                binder.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeServer();
    }
}
