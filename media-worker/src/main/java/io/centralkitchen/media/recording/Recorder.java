package io.centralkitchen.media.recording;

import io.centralkitchen.media.ffmpeg.CodecParameters;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.storage.MediaStore;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the studio feed once, as it arrives (no re-encoding): MPEG-TS segments of about
 * {@code segmentLength}, each starting at a keyframe, uploaded to storage while the show is live and indexed by
 * program time and wall clock. {@link #seal()} stores the manifest with every segment's SHA-256. Runs on its own
 * thread behind a bounded queue: destinations never slow it down, and it never slows the show down.
 */
public final class Recorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private record Control(AVCodecParameters video, AVCodecParameters audio, boolean start) {
    }

    private final String showId;
    private final String recordingId;
    private final String prefix;
    private final long segmentMillis;
    private final Path workDir;
    private final Instant startedAt;
    private final String fileName;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4000);
    private final SegmentUploads uploads;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean producerWaitsForKeyframe = true;

    // recorder thread
    private AVCodecParameters video;
    private AVCodecParameters audio;
    private Muxer segment;
    private Path segmentFile;
    private long segmentStart;
    private Instant segmentWallClock;
    private long lastVideoDts = -1;
    private int sequence;

    public Recorder(String stationId, String showId, MediaStore store, Duration segmentLength, Path workDir,
             List<? extends RecordingListener> listeners) throws IOException {
        this(stationId, showId, store, segmentLength, workDir, listeners, null);
    }

    /** @param resume the recording this one continues (null: a new recording) */
    public Recorder(String stationId, String showId, MediaStore store, Duration segmentLength, Path workDir,
             List<? extends RecordingListener> listeners, RecordingResume resume) throws IOException {
        this.showId = showId;
        this.startedAt = resume == null ? Instant.now() : resume.startedAt();
        this.recordingId = resume == null ? ID.format(startedAt) : resume.recordingId();
        this.sequence = resume == null ? 0 : resume.lastSequence();
        this.fileName = resume == null ? "seg-%05d.ts" : "seg-%05d-" + resume.fileTag() + ".ts";
        this.prefix = io.centralkitchen.storage.StationKeys.recording(stationId, showId, recordingId);
        this.segmentMillis = segmentLength.toMillis();
        this.workDir = Files.createDirectories(workDir.resolve(showId + "-" + recordingId));
        this.uploads = new SegmentUploads(stationId, showId, recordingId, prefix, store, listeners);
        if (resume != null) {
            uploads.resume(resume.earlier(), resume.programOffsetMillis());
        }
        this.thread = new Thread(this::run, "live-recorder-" + showId);
        thread.setDaemon(true);
        thread.start();
    }

    public String recordingId() {
        return recordingId;
    }

    public String prefix() {
        return prefix;
    }

    public long droppedPackets() {
        return dropped.get();
    }

    public List<RecordingSegment> segments() {
        return uploads.segments();
    }

    /** Program thread: a new feed begins (its parameters are copied). */
    public void startSession(AVCodecParameters videoParameters, AVCodecParameters audioParameters) {
        producerWaitsForKeyframe = true;
        putControl(new Control(CodecParameters.copy(videoParameters), CodecParameters.copy(audioParameters), true));
    }

    /** Program thread: the feed ended; the current segment is finished. */
    public void endSession() {
        putControl(new Control(null, null, false));
    }

    private void putControl(Control control) {
        try {
            queue.put(control);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Program thread: an ingest packet (borrowed, Annex B, program milliseconds). */
    public void accept(AVPacket packet) {
        boolean keyframe = packet.stream_index() == Muxer.VIDEO && Packets.isKeyframe(packet);
        if (producerWaitsForKeyframe && !keyframe) {
            return;
        }
        AVPacket copy = Packets.reference(packet);
        if (queue.offer(copy)) {
            producerWaitsForKeyframe = false;
        } else {
            Packets.free(copy);
            dropped.incrementAndGet();
            producerWaitsForKeyframe = true;
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            Object item;
            try {
                item = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (item == null) {
                continue;
            }
            if (item instanceof Control control) {
                finishSegment(lastVideoDts < 0 ? segmentStart : lastVideoDts + 40);
                if (control.start()) {
                    CodecParameters.free(video);
                    CodecParameters.free(audio);
                    video = control.video();
                    audio = control.audio();
                }
                continue;
            }
            AVPacket packet = (AVPacket) item;
            try {
                write(packet);
            } catch (RuntimeException e) {
                log.warn("Show {}: recording segment {} failed: {}", showId, sequence, e.getMessage());
                abandonSegment();
            } finally {
                Packets.free(packet);
            }
        }
        finishSegment(lastVideoDts < 0 ? segmentStart : lastVideoDts + 40);
    }

    private void write(AVPacket packet) {
        boolean videoPacket = packet.stream_index() == Muxer.VIDEO;
        long dts = Packets.decodingTime(packet);
        if (videoPacket && Packets.isKeyframe(packet) && (segment == null || dts - segmentStart >= segmentMillis)) {
            finishSegment(dts);
            openSegment(dts);
        }
        if (segment == null) {
            return;
        }
        segment.send(packet);
        if (videoPacket) {
            lastVideoDts = dts;
        }
    }

    private void openSegment(long dts) {
        sequence++;
        segmentFile = workDir.resolve(String.format(fileName, sequence));
        segment = Muxer.stream("mpegts", segmentFile.toString(), "recording segment " + sequence, video, audio,
                Map.of(), Duration.ofSeconds(10));
        segmentStart = dts;
        segmentWallClock = Instant.now();
        lastVideoDts = dts;
    }

    private void abandonSegment() {
        if (segment != null) {
            segment.close();
            segment = null;
        }
    }

    private void finishSegment(long endMillis) {
        if (segment == null) {
            return;
        }
        segment.close();
        segment = null;
        Path file = segmentFile;
        int number = sequence;
        long start = segmentStart;
        long duration = Math.max(0, endMillis - segmentStart);
        Instant wallClock = segmentWallClock;
        lastVideoDts = -1;
        uploads.submit(file, number, start, duration, wallClock);
    }

    /** Finishes the last segment, waits for every upload and stores the manifest. */
    public RecordingManifest seal() {
        close();
        return uploads.seal(startedAt);
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(15_000);
            uploads.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CodecParameters.free(video);
        CodecParameters.free(audio);
        video = null;
        audio = null;
        try (var files = Files.list(workDir)) {
            if (files.findAny().isEmpty()) {
                Files.deleteIfExists(workDir);
            }
        } catch (IOException e) {
            log.debug("Recording work directory {}: {}", workDir, e.getMessage());
        }
    }
}
