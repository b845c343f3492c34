package io.centralkitchen.media.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.ProgressListener;
import io.centralkitchen.storage.ChecksumMismatchException;
import io.centralkitchen.storage.EmbeddedS3Server;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StorageSettings;
import io.centralkitchen.storage.StoredObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Recording segments downloaded while clips are cut: a bounded window ahead, each file gone once read, and a failed or
 * tampered download failing the clip with nothing left behind (embedded S3).
 */
class SegmentPrefetchTest {

    static final String PREFIX = "station-1/shows/prefetch-test/recording/20260101-200000/";

    @TempDir
    static Path dir;
    static EmbeddedS3Server s3;
    static MediaStore store;
    /** 5 segments of 4 s from program 30 s, no gap. */
    static List<RecordingSegment> recording = new ArrayList<>();

    @BeforeAll
    static void storeARecording() {
        s3 = EmbeddedS3Server.start(dir.resolve("s3"), 0);
        store = MediaStore.connect(StorageSettings.of(s3.endpoint(), s3.accessKey(), s3.secretKey(), "central-kitchen",
                dir.resolve("spool")));
        int sequence = 0;
        for (RecordingClip.Segment s : RecordingSegments.split(RecordingSegments.source(), dir, Map.of())) {
            String key = PREFIX + String.format("seg-%05d.ts", ++sequence);
            StoredObject stored = store.put(key, s.file(), "video/mp2t");
            recording.add(new RecordingSegment("station-1", "prefetch-test", "20260101-200000", sequence, key,
                    s.programStartMillis(), s.durationMillis(), Instant.now(), stored.size(), stored.sha256()));
        }
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
    }

    @Test
    void segmentsAreDownloadedAtMostTheWindowAheadAndDeletedOnceRead() throws Exception {
        Path work = Files.createDirectories(dir.resolve("window"));
        try (SegmentPrefetch prefetch = new SegmentPrefetch(store, work, List.of(recording), 2)) {
            List<RecordingClip.Segment> slot = prefetch.startSlot(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(slot.get(0).file()) && Files.exists(slot.get(1).file()));
            assertThat(slot.get(2).file()).as("beyond the window").doesNotExist();

            Path first = prefetch.file(slot.get(0));
            assertThat(Files.size(first)).isEqualTo(recording.get(0).bytes());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(slot.get(2).file()));
            assertThat(slot.get(3).file()).doesNotExist();
            prefetch.done(slot.get(0));
            assertThat(first).as("read and needed by no other slot").doesNotExist();

            prefetch.endSlot(0); // the cut ended before the other segments
        }
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aSegmentSharedByNeighbouringSlotsIsDownloadedOnceAndKeptForTheSecond() throws Exception {
        Path work = Files.createDirectories(dir.resolve("shared"));
        try (SegmentPrefetch prefetch = new SegmentPrefetch(store, work,
                List.of(recording.subList(0, 2), recording.subList(1, 3)), 2)) {
            List<RecordingClip.Segment> first = prefetch.startSlot(0);
            for (RecordingClip.Segment s : first) {
                prefetch.file(s);
                prefetch.done(s);
            }
            prefetch.endSlot(0);
            assertThat(first.get(0).file()).doesNotExist();
            assertThat(first.get(1).file()).as("the second slot needs it").exists();

            List<RecordingClip.Segment> second = prefetch.startSlot(1);
            assertThat(prefetch.file(second.get(0))).isEqualTo(first.get(1).file());
            prefetch.done(second.get(0));
            assertThat(first.get(1).file()).doesNotExist();
        }
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aSegmentMissingFromTheStoreFailsTheClipSayingSoAndLeavesNothingBehind() throws Exception {
        List<RecordingSegment> segments = new ArrayList<>(recording);
        RecordingSegment lost = recording.get(2);
        segments.set(2, new RecordingSegment(lost.stationId(), lost.showId(), lost.recordingId(), lost.sequence(),
                PREFIX + "lost/seg-00003.ts", lost.streamStartMillis(), lost.durationMillis(), lost.wallClockStart(),
                lost.bytes(), lost.sha256()));
        String manifest = storeManifest("missing", segments);
        Path work = Files.createDirectories(dir.resolve("missing"));

        assertThatThrownBy(() -> new RecordingClips(store, 2).cut(manifest, List.of(new RecordingClips.Slot(
                "station-1/shows/prefetch-test/clips/1/copy.mp4", 31, 47)), 0, 0, work, ProgressListener.NONE))
                .isInstanceOf(MediaInvalidException.class)
                .hasMessageContaining(PREFIX + "lost/seg-00003.ts").hasMessageContaining("missing from the store");
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
        assertThat(store.exists("station-1/shows/prefetch-test/clips/1/copy.mp4")).isFalse();
    }

    @Test
    void aSegmentChangedInTheStoreFailsItsChecksumAndLeavesNothingBehind() throws Exception {
        RecordingSegment original = recording.get(1);
        String key = PREFIX + "tampered/seg-00002.ts";
        StoredObject stored;
        try (var in = store.get(original.key())) {
            stored = store.put(key, in.readAllBytes(), "video/mp2t");
        }
        // the bytes change behind the store's back: same length, one byte flipped, the recorded SHA-256 kept
        Path onDisk = s3.baseDir().resolve("central-kitchen").resolve(key);
        byte[] bytes = Files.readAllBytes(onDisk);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(onDisk, bytes);
        List<RecordingSegment> segments = new ArrayList<>(recording);
        segments.set(1, new RecordingSegment(original.stationId(), original.showId(), original.recordingId(),
                original.sequence(), key, original.streamStartMillis(), original.durationMillis(),
                original.wallClockStart(), stored.size(), stored.sha256()));
        String manifest = storeManifest("tampered", segments);
        Path work = Files.createDirectories(dir.resolve("tampered"));

        assertThatThrownBy(() -> new RecordingClips(store, 3).cut(manifest, List.of(new RecordingClips.Slot(
                "station-1/shows/prefetch-test/clips/2/copy.mp4", 31, 47)), 0, 0, work, ProgressListener.NONE))
                .isInstanceOf(ChecksumMismatchException.class).hasMessageContaining(key);
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
        assertThat(store.exists("station-1/shows/prefetch-test/clips/2/copy.mp4")).isFalse();
    }

    private static String storeManifest(String name, List<RecordingSegment> segments) throws Exception {
        RecordingManifest manifest = new RecordingManifest("station-1", "prefetch-test", "20260101-200000",
                PREFIX + name + "/manifest.json", Instant.now(), Instant.now(), 20_000, segments);
        store.put(manifest.key(), new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsBytes(manifest), "application/json");
        return manifest.key();
    }
}
