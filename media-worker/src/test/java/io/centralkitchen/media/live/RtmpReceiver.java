package io.centralkitchen.media.live;


import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real RTMP server on 127.0.0.1 for tests: FFmpeg's own RTMP listener (grabber option {@code listen=1}) that
 * reads back and decodes what a destination sends, keeps every picture's timestamp and notes the size and the colour
 * of the top-left corner (to tell the slate from the feed). It listens again after each connection ends; it can be
 * "killed" (stops listening) and revived.
 */
final class RtmpReceiver implements AutoCloseable {

    record Picture(long timestampMillis, long receivedAtNanos, int width, int height, int[] cornerYuv) {
    }

    /**
     * How long a platform waits for data before it drops the publisher: like real ingest servers, longer than the
     * engine's ingest timeout (4 s), during which a show whose feed stalls sends nothing before the slate starts.
     */
    static final java.time.Duration SILENCE = java.time.Duration.ofSeconds(15);

    final int port;
    final String url;
    private final List<Picture> pictures = new ArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger audioPackets = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean killed;
    private volatile Demuxer current;
    private volatile CountDownLatch revived = new CountDownLatch(0);

    RtmpReceiver(String streamKey) throws IOException {
        this.port = freePort();
        this.url = "rtmp://127.0.0.1:" + port + "/live/" + streamKey;
        this.thread = new Thread(this::run, "test-receiver-" + port);
        thread.setDaemon(true);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts listening (a platform that is up). */
    RtmpReceiver start() {
        thread.start();
        return this;
    }

    private void run() {
        org.bytedeco.ffmpeg.avcodec.AVPacket packet = org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc();
        try {
            while (running) {
                if (killed) {
                    try {
                        revived.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                // the engine's own demuxer and decoder: no JavaCV grabber, whose start() holds a JVM-wide lock while
                // it listens and would block every other listener and the studio publisher
                try (Demuxer demuxer = Demuxer.open(url, java.util.Map.of("listen", "1", "f", "flv"), "receiver " + port,
                        SILENCE);
                     Decoder decoder = new Decoder(demuxer.parameters(demuxer.videoIndex()), "video")) {
                    current = demuxer;
                    sessions.incrementAndGet();
                    org.bytedeco.ffmpeg.avutil.AVRational tb = demuxer.timeBase(demuxer.videoIndex());
                    while (running && !killed && demuxer.read(packet)) {
                        if (packet.stream_index() == demuxer.audioIndex() && demuxer.audioIndex() >= 0) {
                            audioPackets.incrementAndGet();
                        }
                        if (packet.stream_index() == demuxer.videoIndex()) {
                            org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts(packet, tb, LiveStreams.MILLIS);
                            decoder.decode(packet, this::keep);
                        }
                        org.bytedeco.ffmpeg.global.avcodec.av_packet_unref(packet);
                    }
                } catch (Exception e) {
                    // the sender left or nobody came: listen again
                }
            }
        } finally {
            org.bytedeco.ffmpeg.global.avcodec.av_packet_free(packet);
        }
    }

    private void keep(org.bytedeco.ffmpeg.avutil.AVFrame frame) {
        int[] yuv = {frame.data(0).get(8L * frame.linesize(0) + 8) & 0xff, frame.data(1).get(4L * frame.linesize(1) + 4) & 0xff,
                frame.data(2).get(4L * frame.linesize(2) + 4) & 0xff};
        synchronized (pictures) {
            pictures.add(new Picture(frame.pts(), System.nanoTime(), frame.width(), frame.height(), yuv));
        }
    }

    List<Picture> pictures() {
        synchronized (pictures) {
            return List.copyOf(pictures);
        }
    }

    int count() {
        synchronized (pictures) {
            return pictures.size();
        }
    }

    Picture last() {
        synchronized (pictures) {
            return pictures.isEmpty() ? null : pictures.get(pictures.size() - 1);
        }
    }

    int audioPackets() {
        return audioPackets.get();
    }

    int sessions() {
        return sessions.get();
    }

    /** Stops listening (the current connection breaks) until {@link #revive()}. */
    void kill() {
        revived = new CountDownLatch(1);
        killed = true;
    }

    void revive() {
        killed = false;
        revived.countDown();
    }

    static boolean isSlate(int[] yuv) {
        // the generated card is dark blue (#1b3a5c: dark, blue-ish chroma); the test pattern's corners are bright bars
        return yuv[0] < 100 && yuv[1] > 135 && yuv[2] < 124;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        Demuxer reading = current;
        if (reading != null) {
            reading.abort();
        }
        revive();
        if (thread.isAlive()) {
            thread.join(30_000);
        }
    }
}
