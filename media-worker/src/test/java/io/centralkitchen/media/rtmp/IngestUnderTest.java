package io.centralkitchen.media.rtmp;

import io.centralkitchen.media.ffmpeg.SignalPlayer;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The ingest with two shows waiting for their studios (each show's consumer counts the video tags that reach it), and
 * the studios: the test signal published in real time over RTMP by FFmpeg's client, as OBS would.
 */
final class IngestUnderTest implements AutoCloseable {

    /** What one show receives. */
    static final class Feed {
        final AtomicLong videoTags = new AtomicLong();
        final AtomicInteger publishers = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        private final AtomicBoolean live = new AtomicBoolean();

        RtmpIngestServer.Publication publication(String key) {
            publishers.incrementAndGet();
            return new RtmpIngestServer.Publication() {
                @Override
                public void write(byte[] flv, int offset, int length) {
                    if (flv[offset] == 9) {
                        videoTags.incrementAndGet();
                    }
                }

                @Override
                public void end() {
                    ended.incrementAndGet();
                    live.set(false);
                }

                @Override
                public String describe() {
                    return "show of ****" + key.substring(key.length() - 4);
                }
            };
        }
    }

    final RtmpIngestServer server;
    final IngestLimits limits;
    final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final List<SignalPlayer> studios = new ArrayList<>();

    IngestUnderTest(IngestLimits limits, String... keys) throws IOException {
        this.limits = limits;
        for (String key : keys) {
            feeds.put(key, new Feed());
        }
        server = new RtmpIngestServer("127.0.0.1", 0, "live", this::admit, Duration.ofSeconds(5), limits,
                UnaryOperator.identity());
    }

    private RtmpIngestServer.Publication admit(String app, String key, String remote, String[] refusal) {
        Feed feed = feeds.get(key);
        if (feed == null) {
            refusal[0] = "Unknown ingest key";
            return null;
        }
        if (!feed.live.compareAndSet(false, true)) {
            refusal[0] = "This show has its publisher";
            return null;
        }
        return feed.publication(key);
    }

    int port() {
        return server.port();
    }

    /** A studio encoder starts publishing with {@code key}. */
    SignalPlayer studio(String key) {
        SignalPlayer studio = SyntheticSignal.publish("rtmp://127.0.0.1:" + port() + "/live/" + key, 300_000, false,
                "studio");
        synchronized (studios) {
            studios.add(studio);
        }
        return studio;
    }

    Feed feed(String key) {
        return feeds.get(key);
    }

    /** Connections that have not been admitted as publishers. */
    int pending() {
        return server.connections()[1];
    }

    @Override
    public void close() {
        synchronized (studios) {
            studios.forEach(SignalPlayer::close);
        }
        server.close();
    }
}
