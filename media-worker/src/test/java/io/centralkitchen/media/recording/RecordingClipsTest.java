package io.centralkitchen.media.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.Probe;
import io.centralkitchen.media.ops.ProgressListener;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Instant clips of product slots straight from a sealed recording in the object store (embedded S3). */
class RecordingClipsTest {

    static final String PREFIX = "station-1/shows/clip-test/recording/20260101-200000/";

    @TempDir
    static Path dir;
    static EmbeddedS3Server s3;
    static MediaStore store;

    @BeforeAll
    static void storeARecording() throws Exception {
        s3 = EmbeddedS3Server.start(dir.resolve("s3"), 0);
        store = MediaStore.connect(StorageSettings.of(s3.endpoint(), s3.accessKey(), s3.secretKey(), "central-kitchen",
                dir.resolve("spool")));
        List<RecordingClip.Segment> local = RecordingSegments.split(RecordingSegments.source(),
                Files.createDirectories(dir.resolve("segments")), Map.of(3, true));
        List<RecordingSegment> indexed = new ArrayList<>();
        int sequence = 0;
        for (RecordingClip.Segment s : local) {
            String key = PREFIX + String.format("seg-%05d.ts", ++sequence);
            StoredObject stored = store.put(key, s.file(), "video/mp2t");
            indexed.add(new RecordingSegment("station-1", "clip-test", "20260101-200000", sequence, key,
                    s.programStartMillis(), s.durationMillis(), Instant.now(), stored.size(), stored.sha256()));
        }
        RecordingManifest manifest = new RecordingManifest("station-1", "clip-test", "20260101-200000", PREFIX + "manifest.json",
                Instant.now(), Instant.now(), 16_000, indexed);
        store.put(manifest.key(), new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsBytes(manifest), "application/json");
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
    }

    @Test
    void everySlotBecomesAClipWithItsRollAndTheWorkDirectoryIsLeftEmpty() throws Exception {
        Path work = Files.createDirectories(dir.resolve("job"));

        List<RecordingClips.Clip> clips = new RecordingClips(store, 2).cut(PREFIX + "manifest.json", List.of(
                        new RecordingClips.Slot("station-1/shows/clip-test/clips/2/copy.mp4", 44.0, 48.0),
                        new RecordingClips.Slot("station-1/shows/clip-test/clips/1/copy.mp4", 35.3, 37.0)),
                0.5, 1.0, work, ProgressListener.NONE);

        assertThat(clips).extracting(RecordingClips.Clip::outputKey).containsExactly(
                "station-1/shows/clip-test/clips/1/copy.mp4", "station-1/shows/clip-test/clips/2/copy.mp4");
        // 35.3 - 0.5 = 34.8: the keyframe at 34 s; 44 - 0.5 lies in the gap (42..46): the first picture after it
        assertThat(clips.get(0).clipStartSeconds()).isEqualTo(34.0);
        assertThat(clips.get(0).durationSeconds()).isBetween(3.99, 4.05); // 34.0 .. 38.0 (37 + 1)
        assertThat(clips.get(1).clipStartSeconds()).isEqualTo(46.0);
        assertThat(clips.get(1).segments()).isEqualTo(1);
        Path copy = dir.resolve("copy.mp4");
        store.download(clips.get(0).outputKey(), copy);
        assertThat(Probe.probe(copy).durationSeconds()).isBetween(3.9, 4.1);
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aRecordingThatWasNotSealedIsBadInputSayingSo() {
        assertThatThrownBy(() -> new RecordingClips(store, 1).cut("station-1/shows/nope/recording/x/manifest.json",
                List.of(new RecordingClips.Slot("station-1/x.mp4", 1, 2)), 0, 0, dir, ProgressListener.NONE))
                .isInstanceOf(MediaInvalidException.class).hasMessageContaining("is not sealed");
    }
}
