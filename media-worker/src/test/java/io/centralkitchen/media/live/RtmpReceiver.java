package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.InputOptions;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.StreamDecoder;
import io.centralkitchen.media.rtmp.BytePipe;
import io.centralkitchen.media.rtmp.RtmpSink;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform for tests: the media layer's RTMP sink on 127.0.0.1 takes what a destination sends, and each session's FLV
 * stream is read back through the FFmpeg layer's demuxer and decoder, keeping every picture's timestamp, its size and
 * the colour of its top-left corner (to tell the slate from the feed). It can be "killed" (stops listening, the current
 * connection breaks) and revived on the same port.
 */
final class RtmpReceiver implements AutoCloseable {

    /** @param timecodeMillis the wall clock burnt into the picture ({@link io.centralkitchen.media.ffmpeg.TimecodeReader}), -1 if none */
    record Picture(long timestampMillis, long receivedAtNanos, int width, int height, int[] cornerYuv, long receivedAtMillis,
                   long timecodeMillis) {
    }

    /**
     * How long a platform waits for data before it drops the publisher: like real ingest servers, longer than the
     * engine's ingest timeout (4 s), during which a show whose feed stalls sends nothing before the slate starts.
     */
    static final Duration SILENCE = Duration.ofSeconds(15);

    final int port;
    final String url;
    private final String streamKey;
    private final List<Picture> pictures = new ArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger audioPackets = new AtomicInteger();
    private final List<Thread> readers = new ArrayList<>();
    private volatile RtmpSink sink;

    RtmpReceiver(String streamKey) throws IOException {
        this.port = freePort();
        this.streamKey = streamKey;
        this.url = "rtmp://127.0.0.1:" + port + "/live/" + streamKey;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts listening (a platform that is up). */
    RtmpReceiver start() {
        sink = new RtmpSink("receiver " + port, port, streamKey, this::session, SILENCE);
        return this;
    }

    /** A publisher arrived: its stream is decoded on a thread of its own until it ends. */
    private RtmpSink.Receiver session() {
        BytePipe pipe = new BytePipe(4 * 1024 * 1024, SILENCE);
        Thread reader = new Thread(() -> read(pipe), "test-receiver-" + port);
        reader.setDaemon(true);
        synchronized (readers) {
            readers.add(reader);
        }
        reader.start();
        return RtmpSink.toReader(pipe);
    }

    private void read(BytePipe pipe) {
        AVPacket packet = Packets.alloc();
        try (Demuxer demuxer = Demuxer.open(pipe, "flv", "receiver " + port, InputOptions.live(SILENCE));
             StreamDecoder decoder = new StreamDecoder(demuxer.parameters(demuxer.videoIndex()), null, 1,
                     StreamDecoder.OnCorrupt.SKIP, "video")) {
            sessions.incrementAndGet();
            AVRational tb = demuxer.timeBase(demuxer.videoIndex());
            while (demuxer.read(packet)) {
                if (packet.stream_index() == demuxer.audioIndex() && demuxer.audioIndex() >= 0) {
                    audioPackets.incrementAndGet();
                }
                if (packet.stream_index() == demuxer.videoIndex()) {
                    Packets.rescale(packet, tb, LiveStreams.MILLIS);
                    decoder.decode(packet, this::keep);
                }
                Packets.unref(packet);
            }
        } catch (RuntimeException e) {
            // the sender left: the next one gets a session of its own
        } finally {
            Packets.free(packet);
            pipe.close();
        }
    }

    private void keep(AVFrame frame) {
        int[] yuv = {frame.data(0).get(8L * frame.linesize(0) + 8) & 0xff, frame.data(1).get(4L * frame.linesize(1) + 4) & 0xff,
                frame.data(2).get(4L * frame.linesize(2) + 4) & 0xff};
        synchronized (pictures) {
            pictures.add(new Picture(frame.best_effort_timestamp(), System.nanoTime(), frame.width(), frame.height(), yuv,
                    System.currentTimeMillis(), io.centralkitchen.media.ffmpeg.TimecodeReader.read(frame).orElse(-1)));
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
        RtmpSink s = sink;
        sink = null;
        if (s != null) {
            s.close();
        }
    }

    void revive() {
        start();
    }

    static boolean isSlate(int[] yuv) {
        // the generated card is dark blue (#1b3a5c: dark, blue-ish chroma); the test pattern's corners are bright bars
        return yuv[0] < 100 && yuv[1] > 135 && yuv[2] < 124;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        List<Thread> all;
        synchronized (readers) {
            all = List.copyOf(readers);
        }
        for (Thread reader : all) {
            reader.join(30_000);
        }
    }
}
