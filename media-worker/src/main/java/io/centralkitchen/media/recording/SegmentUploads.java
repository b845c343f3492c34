package io.centralkitchen.media.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StorageException;
import io.centralkitchen.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The storage side of a recording: finished segments are stored one after the other on a thread of their own (with
 * retries for transient storage trouble), indexed, announced to the listeners and deleted locally; {@link #seal}
 * stores the manifest.
 */
final class SegmentUploads {

    private static final Logger log = LoggerFactory.getLogger(SegmentUploads.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final String stationId;
    private final String showId;
    private final String recordingId;
    private final String prefix;
    private final MediaStore store;
    private final List<? extends RecordingListener> listeners;
    private final ExecutorService uploads;
    private final List<RecordingSegment> segments = new ArrayList<>();
    private long programOffset;

    SegmentUploads(String stationId, String showId, String recordingId, String prefix, MediaStore store,
                   List<? extends RecordingListener> listeners) {
        this.stationId = stationId;
        this.showId = showId;
        this.recordingId = recordingId;
        this.prefix = prefix;
        this.store = store;
        this.listeners = listeners;
        this.uploads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "live-recording-upload-" + showId);
            t.setDaemon(true);
            return t;
        });
    }

    /** A continued recording: its earlier segments are part of it, program time goes on from {@code offset}. */
    synchronized void resume(List<RecordingSegment> earlier, long offset) {
        segments.addAll(earlier);
        programOffset = offset;
    }

    synchronized List<RecordingSegment> segments() {
        return List.copyOf(segments);
    }

    /** Stores segment {@code number} (program time {@code start}, {@code duration} ms) in the background. */
    void submit(Path file, int number, long start, long duration, Instant wallClock) {
        uploads.execute(() -> upload(file, number, start, duration, wallClock));
    }

    private void upload(Path file, int number, long start, long duration, Instant wallClock) {
        String key = prefix + file.getFileName();
        for (int attempt = 1; ; attempt++) {
            try {
                StoredObject stored = store.put(key, file, "video/mp2t");
                RecordingSegment entry = new RecordingSegment(stationId, showId, recordingId, number, key, start + programOffset,
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

    /** Waits for the uploads still running (at most two minutes). */
    void finish() throws InterruptedException {
        uploads.shutdown();
        uploads.awaitTermination(2, TimeUnit.MINUTES);
    }

    /** Stores the manifest of every segment stored, recorded from {@code startedAt} until now. */
    RecordingManifest seal(Instant startedAt) {
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
}
