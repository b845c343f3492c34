package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.Frames;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * One connected source of a switched show, read and decoded on a thread of its own all the time it is connected — so
 * its preview is current and a cut to it starts with its very next picture. While it is on air it hands the program
 * its decoded pictures and sound (and, from its next keyframe, its own packets for the recording) through a small
 * bounded queue, in source time (milliseconds); off air it keeps only a preview picture, twice a second.
 */
final class SourceReader implements AutoCloseable {

    /** A decoded frame (owned, {@code ts} in source milliseconds) or an ingest packet for the recording (owned). */
    record Item(AVFrame frame, boolean audio, long ts, AVPacket packet) {
        void free() {
            Frames.free(frame);
            Packets.free(packet);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SourceReader.class);
    /** About three seconds of pictures, sound and packets: the program thread takes them as they come. */
    private static final int QUEUE_ITEMS = 400;
    private static final long PREVIEW_EVERY_NANOS = 500_000_000L;

    private final String name;
    private final IngestSession session;
    private final IngestStreams streams;
    private final Runnable onEnded;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_ITEMS);
    private final AtomicLong dropped = new AtomicLong();
    private final Instant connectedAt = Instant.now();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean onAir;
    private volatile boolean ended;

    // reader thread only
    private boolean wasOnAir;
    private boolean pictureQueued;
    private boolean packetsStarted;
    private long previewTakenAt;

    private AVFrame preview; // guarded by this

    /** Opens the session's decoders (the caller's thread); {@link #start} then reads it. */
    SourceReader(String name, IngestSession session, Runnable onEnded) {
        this.name = name;
        this.session = session;
        this.onEnded = onEnded;
        this.streams = new IngestStreams(session.demuxer());
        this.thread = new Thread(this::run, "live-source-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String name() {
        return name;
    }

    IngestInfo info() {
        return streams.info();
    }

    String description() {
        return session.demuxer().description();
    }

    Instant connectedAt() {
        return connectedAt;
    }

    boolean ended() {
        return ended;
    }

    boolean hasAudio() {
        return streams.hasAudio();
    }

    IngestStreams streams() {
        return streams;
    }

    long droppedItems() {
        return dropped.get();
    }

    /** Program thread: from now on (true) its pictures go to the program, starting with the next one decoded. */
    void onAir(boolean on) {
        drain();
        onAir = on;
    }

    /** Program thread: the next item, or null after {@code millis}. */
    Item poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    void drain() {
        Item item;
        while ((item = queue.poll()) != null) {
            item.free();
        }
    }

    /** The latest picture as a JPEG at most {@code maxWidth} wide, or null before the first one. */
    byte[] previewJpeg(int maxWidth) {
        java.awt.image.BufferedImage image;
        synchronized (this) {
            if (preview == null) {
                return null;
            }
            image = Frames.toImage(preview, maxWidth);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void run() {
        AVPacket packet = Packets.alloc();
        Demuxer demuxer = session.demuxer();
        try {
            while (running && demuxer.read(packet)) {
                handle(demuxer, packet);
            }
            log.info("Source {}: {} ended", name, LiveSecrets.redact(description()));
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Source {}: {} lost: {}", name, LiveSecrets.redact(description()), LiveSecrets.redact(e.getMessage()));
            }
        } finally {
            Packets.free(packet);
            ended = true;
            if (running) {
                onEnded.run();
            }
        }
    }

    private void handle(Demuxer demuxer, AVPacket packet) {
        int index = packet.stream_index();
        boolean video = index == demuxer.videoIndex();
        if (!video && index != demuxer.audioIndex()) {
            Packets.unref(packet);
            return;
        }
        Packets.rescale(packet, demuxer.timeBase(index), LiveStreams.MILLIS);
        if (!Timestamps.isSet(Packets.decodingTime(packet))) {
            Packets.unref(packet);
            return;
        }
        boolean live = onAir;
        if (live != wasOnAir) {
            wasOnAir = live;
            pictureQueued = false;
            packetsStarted = false;
        }
        packet.stream_index(video ? LiveStreams.VIDEO : LiveStreams.AUDIO);
        if (video || live) {
            streams.decoder(video).decode(packet, frame -> decoded(frame, video, live));
        }
        if (video) {
            streams.annexB().convert(packet, p -> packetForRecording(p, true, live));
        } else {
            packetForRecording(packet, false, live);
            Packets.unref(packet);
        }
    }

    private void decoded(AVFrame frame, boolean video, boolean live) {
        long ts = frame.best_effort_timestamp();
        if (!Timestamps.isSet(ts)) {
            return;
        }
        if (video) {
            keepPreview(frame);
        }
        // the program's clock is anchored by a picture: sound joins after the first one
        if (live && (video || pictureQueued)) {
            if (offer(new Item(Frames.reference(frame), !video, ts, null)) && video) {
                pictureQueued = true;
            }
        }
    }

    private void packetForRecording(AVPacket p, boolean video, boolean live) {
        if (!live || !pictureQueued) {
            return;
        }
        if (!packetsStarted) {
            if (!video || !Packets.isKeyframe(p)) {
                return;
            }
            packetsStarted = true;
        }
        offer(new Item(null, false, 0, Packets.reference(p)));
    }

    private boolean offer(Item item) {
        if (queue.offer(item)) {
            return true;
        }
        item.free();
        dropped.incrementAndGet();
        return false;
    }

    private void keepPreview(AVFrame frame) {
        long now = System.nanoTime();
        if (preview != null && now - previewTakenAt < PREVIEW_EVERY_NANOS) {
            return;
        }
        previewTakenAt = now;
        AVFrame copy = Frames.reference(frame);
        AVFrame old;
        synchronized (this) {
            old = preview;
            preview = copy;
        }
        Frames.free(old);
    }

    /** Ends the session: the reader stops, the publisher (if any) is let go. Any thread; idempotent. */
    @Override
    public void close() {
        boolean first = running;
        running = false;
        if (!first) {
            return;
        }
        session.demuxer().abort();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drain();
        session.end();
        streams.close();
        synchronized (this) {
            Frames.free(preview);
            preview = null;
        }
    }
}
