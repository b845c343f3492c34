import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.media.ops.MediaInfo;
import io.centralkitchen.media.ops.Probe;
import io.centralkitchen.media.ops.ProgressListener;
import io.centralkitchen.media.recording.RecordingClips;
import io.centralkitchen.storage.EmbeddedS3Server;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.Sha256;
import io.centralkitchen.storage.StorageSettings;
import io.centralkitchen.storage.StoredObject;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

/**
 * Instant clips from a stored live recording, as the {@code media.recording-clip} task makes them, without the
 * engine: {@link RecordingClips#cut} for one slot at a time (manifest read, segments downloaded with their SHA-256
 * checked, copy cut, clip stored), first one after the other, then two at a time (the worker's default job slots).
 * <p>
 * The recording is made the way the live recorder makes one: a 64 s studio unit of test pattern (SyntheticSignal:
 * 640x360, 25 fps, keyframe every 2 s, H.264 + AAC, as bench/engine's feed) looped by packet copy to
 * {@code bench.recording.minutes} (30) of program time starting at program 90 s, cut at keyframes into 4-second
 * MPEG-TS segments carrying program time, stored in an embedded S3 (S3Proxy in this JVM, as the product's default)
 * with a manifest. Clips: {@code bench.clips} (10) slots of 3 to 5 minutes (seeded) anywhere in the recording, with
 * the show's default 2 s pre- and post-roll.
 * <p>
 * Reference, same run: the same clips cut one after the other by stream copy with the ffmpeg command line from the
 * recording as one local file (no object store). {@code clips_sha256} digests every clip's SHA-256: equal figures
 * across two builds mean byte-identical clips.
 */
public class RecordingClipBench {

    static final long UNIT_MILLIS = 64_000; // 1600 pictures, 3000 AAC frames: both streams loop seamlessly
    static final long SEGMENT_MILLIS = 4_000;
    static final long PROGRAM_START_MILLIS = 90_000;
    static final double ROLL_SECONDS = 2.0;
    static final String PREFIX = "station-1/shows/bench-clips/recording/20260501-200000/";
    static final AVRational MILLIS = av_make_q(1, 1000);
    /** Segment downloads at once, as the media.recording-clip handler asks for. */
    static final int DOWNLOADS = Integer.getInteger("bench.downloads", 4);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "bench/out/recording-clips")).toAbsolutePath();
        int minutes = Integer.getInteger("bench.recording.minutes", 30);
        int clips = Integer.getInteger("bench.clips", 10);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Files.createDirectories(dir);
        deleteTree(dir.resolve("s3")); // a fresh store each run
        String loadBefore = load();
        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(dir.resolve("s3"), 0);
             MediaStore store = MediaStore.connect(StorageSettings.of(s3.endpoint(), s3.accessKey(), s3.secretKey(),
                     "central-kitchen", dir.resolve("spool")))) {
            new RecordingClipBench(store, dir).run(minutes * 60_000L, clips, rounds, loadBefore);
        } finally {
            deleteTree(dir.resolve("s3"));
        }
    }

    static void deleteTree(Path root) throws java.io.IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private final MediaStore store;
    private final Path dir;

    RecordingClipBench(MediaStore store, Path dir) {
        this.store = store;
        this.dir = dir;
    }

    void run(long recordingMillis, int clipCount, int rounds, String loadBefore) throws Exception {
        long t = System.nanoTime();
        Path unit = dir.resolve("studio-64s.mp4");
        if (!Files.exists(unit)) {
            Path part = dir.resolve("studio-64s.part.mp4");
            SyntheticSignal.writeFile(part, "mp4", Duration.ofMillis(UNIT_MILLIS), 640, 360, 25, 50, "Central Kitchen bench");
            Files.move(part, unit);
        }
        Path concatenated = dir.resolve("recording.ts");
        RecordingManifest manifest = record(unit, recordingMillis, concatenated);
        say("recording: %d segments, %d MB, %.0f s of program time, made and stored in %.1f s", manifest.segments().size(),
                manifest.segments().stream().mapToLong(RecordingSegment::bytes).sum() / 1_000_000,
                manifest.durationMillis() / 1000.0, seconds(t));

        Random random = new Random(20260502);
        List<RecordingClips.Slot> slots = new ArrayList<>();
        long first = PROGRAM_START_MILLIS;
        for (int i = 0; i < clipCount; i++) {
            long length = 180_000 + random.nextInt(120_001);
            long in = first + 10_000 + (long) (random.nextDouble() * (recordingMillis - length - 20_000));
            slots.add(new RecordingClips.Slot("station-1/bench/clips/%d.mp4".formatted(i), in / 1000.0, (in + length) / 1000.0));
        }
        double media = slots.stream().mapToDouble(s -> s.outSeconds() - s.inSeconds() + 2 * ROLL_SECONDS).sum();

        // warm-up, not counted: the JIT needs a few hundred requests to the embedded S3 before the figures settle
        long warm = System.nanoTime();
        for (int i = 0; i < slots.size(); i++) {
            RecordingClips.Slot slot = slots.get(i);
            cutOne(manifest.key(), new RecordingClips.Slot("station-1/bench/warm-up.mp4", slot.inSeconds(), slot.outSeconds()), "warm-up");
        }
        say("warm-up round: %.2f s", seconds(warm));

        say("timed cuts from %s", Instant.now());
        List<Double> each = new ArrayList<>();
        List<Double> eachCpu = new ArrayList<>();
        double sequential = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < slots.size(); i++) {
                long one = System.nanoTime();
                long cpu = cpuNanos();
                cutOne(manifest.key(), slots.get(i), "seq-" + round + "-" + i);
                each.add(seconds(one));
                eachCpu.add((cpuNanos() - cpu) / 1e9);
            }
            sequential = Math.min(sequential, seconds(start));
            List<Double> thisRound = new ArrayList<>(each.subList(each.size() - slots.size(), each.size()));
            thisRound.sort(Double::compare);
            List<Double> roundCpu = new ArrayList<>(eachCpu.subList(eachCpu.size() - slots.size(), eachCpu.size()));
            roundCpu.sort(Double::compare);
            say("round %d: %.2f s, clip p50 %.3f s, CPU p50 %.3f s", round, seconds(start), thisRound.get(thisRound.size() / 2),
                    roundCpu.get(roundCpu.size() / 2));
        }
        each.sort(Double::compare);
        eachCpu.sort(Double::compare);

        long start = System.nanoTime();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                RecordingClips.Slot slot = slots.get(i);
                String job = "par-" + i;
                running.add(two.submit(() -> cutOne(manifest.key(), new RecordingClips.Slot(
                        slot.outputKey().replace("/clips/", "/clips-2/"), slot.inSeconds(), slot.outSeconds()), job)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            two.shutdownNow();
        }
        double parallel = seconds(start);
        say("timed cuts until %s", Instant.now());
        String loadAfter = load();

        String digest = check(slots, concatenated, manifest);
        List<Double> cli = new ArrayList<>();
        double cliTotal = reference(slots, concatenated, manifest, cli);
        cli.sort(Double::compare);
        Files.deleteIfExists(concatenated);

        say("load average before and after the timed cuts (1, 5, 15 min): %s / %s", loadBefore, loadAfter);
        print("recording_seconds", "%.0f", manifest.durationMillis() / 1000.0);
        print("recording_segments", "%d", manifest.segments().size());
        print("clips", "%d", clipCount);
        print("clips_media_s", "%.0f", media);
        print("clip_p50_s", "%.3f", each.get(each.size() / 2));
        print("clip_max_s", "%.3f", each.get(each.size() - 1));
        print("clip_cpu_p50_s", "%.3f", eachCpu.get(eachCpu.size() / 2));
        print("clips_sequential_s", "%.2f", sequential);
        print("clips_2_threads_s", "%.2f", parallel);
        print("reference_cli_clip_p50_s", "%.3f", cli.get(cli.size() / 2));
        print("reference_cli_clips_s", "%.2f", cliTotal);
        print("clips_sha256", "%s", digest);
    }

    private Object cutOne(String manifestKey, RecordingClips.Slot slot, String job) throws Exception {
        Path work = Files.createDirectories(dir.resolve("job-" + job));
        new RecordingClips(store, DOWNLOADS).cut(manifestKey, List.of(slot), ROLL_SECONDS, ROLL_SECONDS, work, ProgressListener.NONE);
        Files.delete(work); // the operation leaves its directory empty
        return null;
    }

    /**
     * Every clip checked after the timing: the same bytes from both passes, a playable MP4 with sound as long as the
     * slot with its roll (within a GOP). Returns the digest of all clips' SHA-256.
     */
    private String check(List<RecordingClips.Slot> slots, Path concatenated, RecordingManifest manifest) throws Exception {
        StringBuilder all = new StringBuilder();
        for (RecordingClips.Slot slot : slots) {
            StoredObject sequential = store.stat(slot.outputKey());
            StoredObject parallel = store.stat(slot.outputKey().replace("/clips/", "/clips-2/"));
            if (!sequential.sha256().equals(parallel.sha256())) {
                throw new IllegalStateException("Clip " + slot.outputKey() + " differs between the passes");
            }
            Path local = dir.resolve("check.mp4");
            store.download(slot.outputKey(), local);
            MediaInfo info = Probe.probe(local);
            double expected = slot.outSeconds() - slot.inSeconds() + 2 * ROLL_SECONDS;
            if (!info.hasAudio() || info.durationSeconds() < expected - 0.1 || info.durationSeconds() > expected + 2.2) {
                throw new IllegalStateException("Clip " + slot.outputKey() + ": " + info.summary() + ", expected about " + expected + " s");
            }
            Files.delete(local);
            all.append(sequential.sha256()).append('\n');
        }
        return Sha256.of(all.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** The ffmpeg command line cutting the same spans from the recording as one local file, one after the other. */
    private double reference(List<RecordingClips.Slot> slots, Path concatenated, RecordingManifest manifest, List<Double> each)
            throws Exception {
        double recordingStart = manifest.segments().get(0).streamStartMillis() / 1000.0;
        Path out = dir.resolve("reference.mp4");
        long start = System.nanoTime();
        for (RecordingClips.Slot slot : slots) {
            double in = slot.inSeconds() - ROLL_SECONDS;
            long one = System.nanoTime();
            Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", "%.3f".formatted(in - recordingStart),
                    "-i", concatenated.toString(), "-t", "%.3f".formatted(slot.outSeconds() + ROLL_SECONDS - in),
                    "-map", "0:v", "-map", "0:a", "-c", "copy", "-movflags", "+faststart", out.toString())
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("ffmpeg failed");
            }
            each.add(seconds(one));
        }
        double total = seconds(start);
        Files.deleteIfExists(out);
        return total;
    }

    /**
     * The live recorder's way: MPEG-TS segments starting at keyframes, at least 4 s long, timestamps in program time,
     * stored with their SHA-256 and indexed by a manifest. The segments are also concatenated into one local file.
     */
    private RecordingManifest record(Path unit, long recordingMillis, Path concatenated) throws Exception {
        Path segments = Files.createDirectories(dir.resolve("segments"));
        List<RecordingSegment> indexed = new ArrayList<>();
        try (Demuxer in = Demuxer.open(unit); OutputStream whole = Files.newOutputStream(concatenated)) {
            List<AVPacket> packets = new ArrayList<>();
            AVPacket read = av_packet_alloc();
            try {
                while (in.read(read)) {
                    int index = read.stream_index() == in.videoIndex() ? 0 : read.stream_index() == in.audioIndex() ? 1 : -1;
                    if (index >= 0) {
                        AVPacket copy = av_packet_clone(read);
                        copy.stream_index(index);
                        packets.add(copy);
                    }
                }
            } finally {
                av_packet_free(read);
            }
            AVRational[] base = {in.video().time_base(), in.audio().time_base()};
            long[] lastDts = {Long.MIN_VALUE, Long.MIN_VALUE};
            Muxer segment = null;
            Path file = null;
            long segmentStart = 0;
            long lastVideo = 0;
            int sequence = 0;
            try {
                loops:
                for (long loop = 0; ; loop++) {
                    for (AVPacket source : packets) {
                        int s = source.stream_index();
                        long shift = av_rescale_q(PROGRAM_START_MILLIS + loop * UNIT_MILLIS, MILLIS, base[s]);
                        long dts = (source.dts() != AV_NOPTS_VALUE ? source.dts() : source.pts()) + shift;
                        if (dts <= lastDts[s]) {
                            continue; // the AAC encoder's priming packet of the next loop overlaps this loop's last
                        }
                        long millis = av_rescale_q(dts, base[s], MILLIS);
                        boolean video = s == 0;
                        if (video && millis - PROGRAM_START_MILLIS >= recordingMillis) {
                            break loops;
                        }
                        if (video && (source.flags() & AV_PKT_FLAG_KEY) != 0 && (segment == null || millis - segmentStart >= SEGMENT_MILLIS)) {
                            if (segment != null) {
                                indexed.add(store(segment, file, ++sequence, segmentStart, lastVideo + 40 - segmentStart, whole));
                            }
                            file = segments.resolve("seg-%05d.ts".formatted(sequence + 1));
                            segment = Muxer.create(file, "mpegts");
                            segment.addCopyOf(in.video());
                            segment.addCopyOf(in.audio());
                            segment.writeHeader(Map.of());
                            segmentStart = millis;
                        }
                        if (segment == null) {
                            continue;
                        }
                        lastDts[s] = dts;
                        if (video) {
                            lastVideo = millis;
                        }
                        AVPacket packet = av_packet_clone(source);
                        try {
                            if (packet.pts() != AV_NOPTS_VALUE) {
                                packet.pts(packet.pts() + shift);
                            }
                            packet.dts(dts);
                            segment.write(packet);
                        } finally {
                            av_packet_free(packet);
                        }
                    }
                }
                indexed.add(store(segment, file, ++sequence, segmentStart, lastVideo + 40 - segmentStart, whole));
            } finally {
                if (segment != null) {
                    segment.close();
                }
                packets.forEach(p -> av_packet_free(p));
            }
        }
        RecordingManifest manifest = new RecordingManifest("station-1", "bench-clips", "20260501-200000", PREFIX + "manifest.json",
                Instant.now(), Instant.now(), recordingMillis, indexed);
        store.put(manifest.key(), new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsBytes(manifest), "application/json");
        return manifest;
    }

    private RecordingSegment store(Muxer segment, Path file, int sequence, long start, long duration, OutputStream whole)
            throws Exception {
        segment.finish();
        segment.close();
        String key = PREFIX + file.getFileName();
        StoredObject stored = store.put(key, file, "video/mp2t");
        Files.copy(file, whole);
        Files.delete(file);
        return new RecordingSegment("station-1", "bench-clips", "20260501-200000", sequence, key, start, duration,
                Instant.now(), stored.size(), stored.sha256());
    }

    /** CPU time of this JVM: the cut, the downloads and uploads, and the embedded S3 server answering them. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String load() throws Exception {
        String[] avg = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return avg[0] + " " + avg[1] + " " + avg[2];
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "# " + format + "%n", args);
    }

    static void print(String key, String format, Object value) {
        System.out.printf(Locale.ROOT, "%s=" + format + "%n", key, value);
    }
}
