package io.centralkitchen.processes.demo;

import io.centralkitchen.media.rtmp.RtmpSink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a live platform's RTMP ingest inside the JVM (for the demo and the tests): the media layer's RTMP sink
 * on 127.0.0.1 takes what a destination pushes with the platform's stream key, counts it, and — with a directory —
 * keeps every session as an FLV file that can be played afterwards. It takes the next publisher after each session
 * (a port it cannot listen on yet is tried again with a growing pause); {@link #close()} stops it at once.
 */
public final class LocalRtmpPlatform implements AutoCloseable {

    private static final int PORTS_FROM = 20_000;
    private static final int PORTS_TO = 30_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final int port;
    private final String url;
    private final Path directory;
    private final AtomicInteger files = new AtomicInteger();
    private final RtmpSink sink;

    /**
     * @param directory where sessions are kept as {@code <name>-<n>.flv}; null keeps nothing
     */
    public LocalRtmpPlatform(String name, String streamKey, Path directory) throws IOException {
        this(name, freePort(), streamKey, directory);
    }

    /** On a given port (e.g. one chosen before the push URLs were configured). */
    public LocalRtmpPlatform(String name, int port, String streamKey, Path directory) throws IOException {
        this.port = port;
        this.url = "rtmp://127.0.0.1:" + port + "/live/" + streamKey;
        this.directory = directory;
        if (directory != null) {
            Files.createDirectories(directory);
        }
        this.sink = new RtmpSink(name, port, streamKey, () -> directory == null ? RtmpSink.discard()
                : RtmpSink.toFile(directory.resolve(name + "-" + files.incrementAndGet() + ".flv")), Duration.ofSeconds(10));
    }

    /**
     * A free port below the kernel's ephemeral range (32768 and up on Linux), so that nothing else binding "any port" in
     * the meantime (the web server, the embedded S3 server, outgoing connections) can take it before the platform
     * listens on it; never the same port twice in this JVM.
     */
    public static int freePort() throws IOException {
        int start = ThreadLocalRandom.current().nextInt(PORTS_FROM, PORTS_TO);
        for (int i = 0; i < PORTS_TO - PORTS_FROM; i++) {
            int port = PORTS_FROM + (start - PORTS_FROM + i) % (PORTS_TO - PORTS_FROM);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // in use: try the next one
            }
        }
        throw new IOException("No free port between " + PORTS_FROM + " and " + PORTS_TO);
    }

    /** The push URL a destination uses (its stream key is part of it: configure it as a secret). */
    public String url() {
        return url;
    }

    public int port() {
        return port;
    }

    public int sessions() {
        return sink.sessions();
    }

    public long videoPackets() {
        return sink.videoPackets();
    }

    public long keyframes() {
        return sink.keyframes();
    }

    public long audioPackets() {
        return sink.audioPackets();
    }

    /** Timestamp (ms) of the last picture received, -1 before the first. */
    public long lastVideoMillis() {
        return sink.lastVideoMillis();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        sink.close();
    }
}
