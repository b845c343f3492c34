package io.centralkitchen.media.recording;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.media.ops.ClipResult;
import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.ProgressListener;
import io.centralkitchen.media.ops.TimeRange;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.ObjectNotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Instant clips of a sealed live recording, straight from the object store: for each slot (a span of program time,
 * widened by pre- and post-roll) the segments it needs are cut without re-encoding by {@link RecordingClip} while
 * the next ones download (checksum-verified, a few ahead: {@link SegmentPrefetch}), and the clip is stored under the
 * slot's key. Segments shared by neighbouring slots are downloaded once; each is removed as soon as it is read and no
 * later slot needs it, so the working directory holds a few segments and the clip being cut. This is the {@code media.recording-clip} topic's work and, as a plain
 * API, what a benchmark times for a whole show.
 */
public final class RecordingClips {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One clip to make: program time in seconds (before the roll is added), and where the clip goes. */
    public record Slot(String outputKey, double inSeconds, double outSeconds) {
    }

    /** A stored clip: where its first picture is in program time, how long it lasts, how many segments it read. */
    public record Clip(String outputKey, double clipStartSeconds, double durationSeconds, int segments) {
    }

    private final MediaStore store;
    private final int parallelDownloads;

    /** @param parallelDownloads segments downloaded at once, ahead of the one being cut */
    public RecordingClips(MediaStore store, int parallelDownloads) {
        this.store = store;
        this.parallelDownloads = Math.max(1, parallelDownloads);
    }

    /** Reads a recording's {@code manifest.json}; a missing or unreadable manifest is bad input. */
    public RecordingManifest manifest(String manifestKey) {
        try (InputStream in = store.getVerified(manifestKey)) {
            RecordingManifest manifest = JSON.readValue(in, RecordingManifest.class);
            if (manifest.segments() == null || manifest.segments().isEmpty()) {
                throw new MediaInvalidException("The recording " + manifestKey + " has no segments: nothing was recorded.");
            }
            return manifest;
        } catch (ObjectNotFoundException e) {
            throw new MediaInvalidException("The recording manifest '" + manifestKey + "' does not exist: the recording"
                    + " is not sealed (the show was not stopped cleanly) or the key is wrong.", e);
        } catch (IOException e) {
            throw new MediaInvalidException("The recording manifest '" + manifestKey + "' is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Cuts every slot out of the recording of {@code manifestKey}, in program order.
     *
     * @param workDir an empty directory of this job's own; left empty
     */
    public List<Clip> cut(String manifestKey, List<Slot> slots, double preRollSeconds, double postRollSeconds,
                          Path workDir, ProgressListener listener) {
        List<RecordingSegment> segments = manifest(manifestKey).segments().stream()
                .sorted(Comparator.comparingInt(RecordingSegment::sequence)).toList();
        List<Slot> ordered = slots.stream().sorted(Comparator.comparingDouble(Slot::inSeconds)).toList();
        List<List<RecordingSegment>> needs = new ArrayList<>();
        for (Slot slot : ordered) {
            needs.add(covering(segments, micros(slot.inSeconds() - preRollSeconds), micros(slot.outSeconds() + postRollSeconds)));
        }
        List<Clip> clips = new ArrayList<>();
        try (SegmentPrefetch prefetch = new SegmentPrefetch(store, workDir, needs, parallelDownloads)) {
            for (int i = 0; i < ordered.size(); i++) {
                Slot slot = ordered.get(i);
                long in = micros(Math.max(0, slot.inSeconds() - preRollSeconds));
                long out = micros(slot.outSeconds() + postRollSeconds);
                List<RecordingClip.Segment> files = prefetch.startSlot(i);
                Path target = workDir.resolve("clip-" + i + ".mp4");
                int done = i;
                try {
                    ClipResult clip = RecordingClip.cut(files, in, out, target,
                            f -> listener.progress((done + f) / ordered.size()), prefetch);
                    prefetch.endSlot(i); // the next slot's segments download while this clip is stored
                    store.put(slot.outputKey(), target, "video/mp4");
                    clips.add(new Clip(slot.outputKey(), TimeRange.seconds(clip.sourceStartMicros()),
                            TimeRange.seconds(clip.durationMicros()), files.size()));
                } finally {
                    Files.deleteIfExists(target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clips;
    }

    static List<RecordingSegment> covering(List<RecordingSegment> segments, long inMicros, long outMicros) {
        List<RecordingClip.Segment> all = segments.stream()
                .map(s -> new RecordingClip.Segment(Path.of(Integer.toString(s.sequence())), s.streamStartMillis(), s.durationMillis()))
                .toList();
        List<String> wanted = RecordingClip.covering(all, inMicros, outMicros).stream()
                .map(s -> s.file().toString()).toList();
        return segments.stream().filter(s -> wanted.contains(Integer.toString(s.sequence()))).toList();
    }

    private static long micros(double seconds) {
        return Math.round(seconds * 1e6);
    }
}
