package io.centralkitchen.media.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StorageException;
import io.centralkitchen.storage.StoredObject;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the studio feed once, as it arrives (no re-encoding): MPEG-TS segments of about
 * {@code segmentLength}, each starting at a keyframe, uploaded to storage while the show is live and indexed by
 * program time and wall clock. {@link #seal()} stores the manifest with every segment's SHA-256. Runs on its own
 * thread behind a bounded queue: destinations never slow it down, and it never slows the show down.
 */
final class Recorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private record Control(AVCodecParameters video, AVCodecParameters audio, boolean start) {
    }

    private final String stationId;
    private final String showId;
    private final String recordingId;
    private final String prefix;
    private final MediaStore store;
    private final long segmentMillis;
    private final Path workDir;
    private final List<LiveListener> listeners;
    private final Instant startedAt = Instant.now();
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4000);
    private final ExecutorService uploads;
    private final List<RecordingSegment> segments = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean producerWaitsForKeyframe = true;

    // recorder thread
    private AVCodecParameters video;
    private AVCodecParameters audio;
    private OutputMuxer segment;
    private Path segmentFile;
    private long segmentStart;
    private Instant segmentWallClock;
    private long lastVideoDts = -1;
    private int sequence;

    Recorder(String stationId, String showId, MediaStore store, Duration segmentLength, Path workDir,
             List<LiveListener> listeners) throws IOException {
        this.stationId = stationId;
        this.showId = showId;
        this.recordingId = ID.format(startedAt);
        this.prefix = stationId + "/shows/" + showId + "/recording/" + recordingId + "/";
        this.store = store;
        this.segmentMillis = segmentLength.toMillis();
        this.workDir = Files.createDirectories(workDir.resolve(showId + "-" + recordingId));
        this.listeners = listeners;
        this.uploads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "live-recording-upload-" + showId);
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "live-recorder-" + showId);
        thread.setDaemon(true);
        thread.start();
    }

    String recordingId() {
        return recordingId;
    }

    String prefix() {
        return prefix;
    }

    long droppedPackets() {
        return dropped.get();
    }

    synchronized List<RecordingSegment> segments() {
        return List.copyOf(segments);
    }

    /** Program thread: a new feed begins (its parameters are copied). */
    void startSession(AVCodecParameters videoParameters, AVCodecParameters audioParameters) {
        producerWaitsForKeyframe = true;
        putControl(new Control(ProfileChannel.copy(videoParameters), ProfileChannel.copy(audioParameters), true));
    }

    /** Program thread: the feed ended; the current segment is finished. */
    void endSession() {
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
    void accept(AVPacket packet) {
        boolean keyframe = packet.stream_index() == LiveStreams.VIDEO && AnnexB.isKeyframe(packet);
        if (producerWaitsForKeyframe && !keyframe) {
            return;
        }
        AVPacket copy = avcodec.av_packet_clone(packet);
        if (queue.offer(copy)) {
            producerWaitsForKeyframe = false;
        } else {
            avcodec.av_packet_free(copy);
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
                    ProfileChannel.free(video);
                    ProfileChannel.free(audio);
                    video = control.video();
                    audio = control.audio();
                }
                continue;
            }
            AVPacket packet = (AVPacket) item;
            try {
                write(packet);
            } catch (IOException | RuntimeException e) {
                log.warn("Show {}: recording segment {} failed: {}", showId, sequence, e.getMessage());
                abandonSegment();
            } finally {
                avcodec.av_packet_free(packet);
            }
        }
        finishSegment(lastVideoDts < 0 ? segmentStart : lastVideoDts + 40);
    }

    private void write(AVPacket packet) throws IOException {
        boolean videoPacket = packet.stream_index() == LiveStreams.VIDEO;
        long dts = AnnexB.ts(packet);
        if (videoPacket && AnnexB.isKeyframe(packet) && (segment == null || dts - segmentStart >= segmentMillis)) {
            finishSegment(dts);
            openSegment(dts);
        }
        if (segment == null) {
            return;
        }
        segment.write(packet);
        if (videoPacket) {
            lastVideoDts = dts;
        }
    }

    private void openSegment(long dts) throws IOException {
        sequence++;
        segmentFile = workDir.resolve(String.format("seg-%05d.ts", sequence));
        segment = new OutputMuxer("mpegts", segmentFile.toString(), "recording segment " + sequence, video, audio,
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
        uploads.execute(() -> upload(file, number, start, duration, wallClock));
    }

    private void upload(Path file, int number, long start, long duration, Instant wallClock) {
        String key = prefix + file.getFileName();
        for (int attempt = 1; ; attempt++) {
            try {
                StoredObject stored = store.put(key, file, "video/mp2t");
                RecordingSegment entry = new RecordingSegment(stationId, showId, recordingId, number, key, start,
                        duration, wallClock, stored.size(), stored.sha256());
                synchronized (this) {
                    segments.add(entry);
                }
                Files.deleteIfExists(file);
                listeners.forEach(l -> l.segmentStored(entry));
                return;
            } catch (StorageException e) {
                if (attempt >= 5 || !e.isTransient()) {
                    log.error("Show {}: recording segment {} could not be stored ({}); it stays at {}", showId, number,
                            e.getMessage(), file);
                    return;
                }
                try {
                    Thread.sleep(500L << attempt); // storage retry backoff
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (IOException e) {
                log.warn("Show {}: could not remove {}: {}", showId, file, e.getMessage());
                return;
            }
        }
    }

    /** Finishes the last segment, waits for every upload and stores the manifest. */
    RecordingManifest seal() {
        close();
        List<RecordingSegment> all;
        synchronized (this) {
            all = segments.stream().sorted((a, b) -> Integer.compare(a.sequence(), b.sequence())).toList();
        }
        long duration = all.stream().mapToLong(RecordingSegment::durationMillis).sum();
        String key = prefix + "manifest.json";
        RecordingManifest manifest = new RecordingManifest(stationId, showId, recordingId, key, startedAt, Instant.now(),
                duration, all);
        try {
            store.put(key, JSON.writeValueAsBytes(manifest), "application/json");
        } catch (IOException e) {
            throw new StorageException("Cannot write the manifest of " + showId + ": " + e.getMessage(), e);
        }
        listeners.forEach(l -> l.recordingSealed(manifest));
        log.info("Show {}: recording sealed, {} segments, {} s", showId, all.size(), duration / 1000);
        return manifest;
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(15_000);
            uploads.shutdown();
            uploads.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProfileChannel.free(video);
        ProfileChannel.free(audio);
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
