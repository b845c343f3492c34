package io.centralkitchen.processes.demo;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import io.centralkitchen.media.ffmpeg.IoDeadline;
import io.centralkitchen.media.ffmpeg.Muxer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a live platform's RTMP ingest inside the JVM (for the demo and the tests): FFmpeg's RTMP listener on
 * 127.0.0.1 takes what a destination pushes, counts it, and — with a directory — keeps every session as an FLV file
 * that can be played afterwards. It listens again after each session; {@link #close()} stops it at once.
 */
public final class LocalRtmpPlatform implements AutoCloseable {

    private static final int PORTS_FROM = 20_000;
    private static final int PORTS_TO = 30_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** AVERROR(EADDRINUSE), AVERROR(EACCES) on Linux: FFmpeg could not listen on the port. */
    private static final int CANNOT_BIND = -98;
    private static final int NOT_ALLOWED = -13;

    private static final Logger log = LoggerFactory.getLogger(LocalRtmpPlatform.class);

    private final String name;
    private final int port;
    private final String url;
    private final Path directory;
    private final IoDeadline deadline = new IoDeadline();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicLong videoPackets = new AtomicLong();
    private final AtomicLong keyframes = new AtomicLong();
    private final AtomicLong audioPackets = new AtomicLong();
    private final AtomicLong lastVideoMillis = new AtomicLong(-1);
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param directory where sessions are kept as {@code <name>-<n>.flv}; null keeps nothing
     */
    public LocalRtmpPlatform(String name, String streamKey, Path directory) throws IOException {
        this(name, freePort(), streamKey, directory);
    }

    /** On a given port (e.g. one chosen before the push URLs were configured). */
    public LocalRtmpPlatform(String name, int port, String streamKey, Path directory) throws IOException {
        this.name = name;
        this.port = port;
        this.url = "rtmp://127.0.0.1:" + port + "/live/" + streamKey;
        this.directory = directory;
        if (directory != null) {
            Files.createDirectories(directory);
        }
        FFmpegRuntime.init();
        this.thread = new Thread(this::run, "local-platform-" + name);
        thread.setDaemon(true);
        thread.start();
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
        return sessions.get();
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

    /** Timestamp (ms) of the last picture received, -1 before the first. */
    public long lastVideoMillis() {
        return lastVideoMillis.get();
    }

    public Path directory() {
        return directory;
    }

    private void run() {
        long pause = 0;
        while (running) {
            boolean cannotListen = false;
            try {
                cannotListen = !session();
            } catch (RuntimeException e) {
                log.debug("{}: session ended: {}", name, e.getMessage());
            }
            // listening failing again and again (the port taken by something else) must not spin: wait longer each time
            pause = cannotListen ? Math.min(2_000, Math.max(50, pause * 2)) : 0;
            if (pause > 0 && running) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Waits for one publisher and takes its stream until it leaves (or the platform closes); false when it could not
     * listen at all (a connection that was no publisher, e.g. a pre-flight check, is a session too).
     */
    private boolean session() {
        AVFormatContext context = avformat.avformat_alloc_context();
        deadline.install(context);
        AVDictionary options = new AVDictionary(null);
        avutil.av_dict_set(options, "listen", "1", 0);
        avutil.av_dict_set(options, "rw_timeout", "10000000", 0);
        int opened = avformat.avformat_open_input(context, url, avformat.av_find_input_format("flv"), options);
        avutil.av_dict_free(options);
        if (opened < 0) {
            // a connection that was not a publisher (e.g. a pre-flight check), or closing; FFmpeg freed the context
            return opened != CANNOT_BIND && opened != NOT_ALLOWED;
        }
        Muxer copy = null;
        AVPacket packet = avcodec.av_packet_alloc();
        try {
            if (avformat.avformat_find_stream_info(context, (AVDictionary) null) < 0) {
                return true;
            }
            int n = sessions.incrementAndGet();
            log.info("{}: a publisher is live ({})", name, url.substring(0, url.lastIndexOf('/')) + "/…");
            if (directory != null) {
                copy = Muxer.create(directory.resolve(name + "-" + n + ".flv"), "flv");
                for (int i = 0; i < context.nb_streams(); i++) {
                    copy.addCopyOf(context.streams(i));
                }
                copy.writeHeader(Map.of());
            }
            while (running && avformat.av_read_frame(context, packet) >= 0) {
                int type = context.streams(packet.stream_index()).codecpar().codec_type();
                if (type == avutil.AVMEDIA_TYPE_VIDEO) {
                    videoPackets.incrementAndGet();
                    if ((packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0) {
                        keyframes.incrementAndGet();
                    }
                    lastVideoMillis.set(avutil.av_rescale_q(packet.pts(), context.streams(packet.stream_index()).time_base(),
                            avutil.av_make_q(1, 1000)));
                } else if (type == avutil.AVMEDIA_TYPE_AUDIO) {
                    audioPackets.incrementAndGet();
                }
                if (copy != null) {
                    copy.write(packet);
                }
                avcodec.av_packet_unref(packet);
            }
            return true;
        } finally {
            avcodec.av_packet_free(packet);
            if (copy != null) {
                try {
                    copy.finish();
                } catch (RuntimeException e) {
                    log.debug("{}: {}", name, e.getMessage());
                }
                copy.close();
            }
            avformat.avformat_close_input(context);
        }
    }

    @Override
    public void close() {
        running = false;
        deadline.abort();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadline.close();
    }
}
