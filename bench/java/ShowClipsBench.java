import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.media.rtmp.RtmpIngestServer;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.media.ops.ProgressListener;
import io.centralkitchen.media.worker.MediaTopics;
import io.centralkitchen.media.worker.MediaWorker;
import io.centralkitchen.media.worker.MediaWorkerProperties;
import io.centralkitchen.media.recording.RecordingClips;
import io.centralkitchen.processes.CentralKitchenApplication;
import io.centralkitchen.processes.catalogue.ProductCategory;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowPlan;
import io.centralkitchen.processes.show.ShowProcesses;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowService;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.storage.MediaStore;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

/**
 * show_end_to_clips_s: seconds from the producer ending a 2-hour show with 20 product slots to all 20 instant clips
 * stored, on the platform application started in this JVM on its embedded default (H2 file database, S3Proxy storage,
 * the in-process media worker with its default two job slots, default pre- and post-roll).
 * <p>
 * Real: the show is planned through {@link ShowService#create} (20 approved products, one RTMP destination); its
 * {@code show} process reaches air time (the air-time timer is executed at once) and {@code live-show} runs its
 * pre-flight and starts the simulcast on the live engine. The studio feed is <b>published over RTMP to the engine's
 * ingest</b>, which records it as on air: 4-second MPEG-TS segments uploaded and indexed while live, the manifest
 * written when the show ends. Each product goes on air through {@link ShowService#startSlot} (what the producer's
 * REST call runs; the marker is the engine's program time) and the show is ended through {@link ShowService#end}.
 * From the end call on, everything is the product: end-simulcast stops the show and seals the recording,
 * highlight-clipping plans the 20 clips and the media worker cuts each ({@code media.recording-clip}) out of the
 * stored segments and stores it, while renditions and covers of the clips already cut queue up on the same worker.
 * <p>
 * Synthetic: the studio feed is 64 s of test pattern (SyntheticSignal: 640x360, 25 fps, keyframe every 2 s,
 * ~460 kbit/s H.264 + 128 kbit/s AAC) published again and again by packet copy with shifted timestamps, for 2 hours
 * of program time, faster than real time: the engine takes a published feed at the pace it arrives. The publisher
 * stops at each slot's planned start until the engine has taken everything sent (so the marker falls there) and
 * waits whenever the recording's uploads fall behind (so the end finds the recording as a live show leaves it). Slots
 * are 3 to 8 minutes long (seeded), after a warm-up talk; the last runs to the end. Not done: the warm-up's teaser
 * (this worker leaves media.teaser alone; the air-time timer cancels the warm-up). The destination is an RTMP sink in
 * this JVM that takes the feed as it is (no encoding; it may drop packets arriving faster than real time).
 * <p>
 * The clock starts at the end call and stops when the last clip is stored (see {@link #measure}). Then,
 * with the renditions stopped, the references: the same 20 clips cut one after the other by {@link RecordingClips}
 * (what each recording-clip task runs: download, cut, upload) from the same stored recording, without the engine (its
 * JVM is warm by then, the product's was not); and the recording concatenated into one local file with the clips'
 * spans ({@code show/recording.ts}, {@code show/clips.txt}) for bench/engine to cut with the ffmpeg command line.
 */
public class ShowClipsBench {

    static final String STATION = "station-1";
    static final int SLOTS = Integer.getInteger("bench.slots", 20);
    static final long RECORDING_MILLIS = Long.getLong("bench.recording.seconds", 7200) * 1000;
    static final long UNIT_MILLIS = 64_000; // 1600 pictures, 3000 AAC frames: both streams loop seamlessly
    static final long SEGMENT_MILLIS = 4_000; // the live engine's default segment length
    static final Duration POLL = Duration.ofMillis(50);
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("bench.show.timeout.seconds", 1200));
    static final AVRational MILLIS = av_make_q(1, 1000);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "bench/out/engine")).toAbsolutePath();
        Path work = Files.createDirectories(dir.resolve("show"));
        long t = System.nanoTime();
        Path unit = work.resolve("studio-64s.mp4");
        SyntheticSignal.writeFile(unit, "mp4", Duration.ofMillis(UNIT_MILLIS), 640, 360, 25, 50, "Central Kitchen bench");
        say("studio feed: %d s of test pattern encoded in %.1f s (%d kB), looped to %d s by packet copy", UNIT_MILLIS / 1000,
                seconds(t), Files.size(unit) / 1000, RECORDING_MILLIS / 1000);

        AtomicLong platformBytes = new AtomicLong();
        String ingestKey = "bench-" + UUID.randomUUID();
        try (RtmpIngestServer platform = new RtmpIngestServer("127.0.0.1", 0, "live", (app, key, remote, refusal) ->
                new RtmpIngestServer.Publication() {
                    public void write(byte[] flv, int offset, int length) {
                        platformBytes.addAndGet(length);
                    }

                    public void end() {
                    }

                    public String describe() {
                        return "bench platform";
                    }
                }, Duration.ofSeconds(30), 4);
             ConfigurableApplicationContext app = new SpringApplicationBuilder(CentralKitchenApplication.class).run(
                     "--server.port=0", "--kitchen.data-dir=" + dir.resolve("show-data"), "--kitchen.admin.password=bench-admin",
                     "--logging.level.root=warn", "--kitchen.live.ingest.bind=127.0.0.1", "--kitchen.live.ingest.port=0",
                     "--kitchen.live.secrets.benchingest=" + ingestKey,
                     "--kitchen.live.secrets.benchsink=rtmp://127.0.0.1:" + platform.port() + "/live/bench-platform",
                     // a platform preset the feed matches, so the destination gets the feed copied, as in ShowTestSettings
                     "--kitchen.live.presets.bench-sd.platform=Bench platform", "--kitchen.live.presets.bench-sd.width=640",
                     "--kitchen.live.presets.bench-sd.height=360", "--kitchen.live.presets.bench-sd.video-bitrate-kbps=1000",
                     "--kitchen.live.presets.bench-sd.keyframe-seconds=2", "--kitchen.live.presets.bench-sd.audio-sample-rate=48000",
                     "--kitchen.media.worker.topics=" + String.join(",", MediaTopics.ALL.stream()
                             .filter(topic -> !topic.equals(MediaTopics.TEASER)).toList()))) {
            new ShowClipsBench(app, work).run(unit);
            say("the platform received %d MB of the feed", platformBytes.get() / 1_000_000);
        }
    }

    private final ConfigurableApplicationContext app;
    private final Path work;
    private final ShowService showService;
    private final Shows shows;
    private final ShowClips clips;
    private final LiveEngine live;
    private final MediaStore store;

    ShowClipsBench(ConfigurableApplicationContext app, Path work) {
        this.app = app;
        this.work = work;
        this.showService = app.getBean(ShowService.class);
        this.shows = app.getBean(Shows.class);
        this.clips = app.getBean(ShowClips.class);
        this.live = app.getBean(LiveEngine.class);
        this.store = app.getBean(MediaStore.class);
    }

    /**
     * Two shows one after the other, the same in all but one setting: first with every clip cut after the end (the
     * old way, kitchen.show.clips-while-live=false), then with the clips cut as slots close. The references use the
     * second show's recording.
     */
    void run(Path unit) throws Exception {
        ShowProperties properties = app.getBean(ShowProperties.class);
        properties.setClipsWhileLive(false);
        Show old = show(unit);
        Measured afterEnd = measure(old.id());
        properties.setClipsWhileLive(true);
        Show show = show(unit);
        Measured whileLive = measure(show.id());
        references(show.id(), afterEnd, whileLive);
    }

    /** A 2-hour show published, its products put on air, recorded; ready to be ended. */
    Show show(Path unit) throws Exception {
        long t = System.nanoTime();
        String showId = "bench-show-" + UUID.randomUUID().toString().substring(0, 6);
        List<ShowPlan.Slot> rundown = new ArrayList<>();
        List<DemoCatalogue.Item> items = new ArrayList<>();
        for (int i = 1; i <= SLOTS; i++) {
            items.add(new DemoCatalogue.Item("Bench product " + i, ProductCategory.FOOD, (19 + i) + ".90", "box"));
        }
        for (long productId : app.getBean(DemoCatalogue.class).seed(STATION, "Bench Co-op " + showId, "Hengshan", items, work.resolve("catalogue-" + showId))) {
            rundown.add(new ShowPlan.Slot(productId, 300, null, null));
        }
        Show show = showService.create(new ShowPlan(showId, STATION, "Benchmark show", Instant.now().plus(Duration.ofHours(1))
                .toString(), List.of("Bench host"), new ShowPlan.Ingest("PUBLISH", "benchingest"),
                List.of(new ShowPlan.Destination("platform", "bench-sd", "benchsink", null, null)), rundown), "bench-producer").show();
        ManagementService management = app.getBean(ManagementService.class);
        TaskService tasks = app.getBean(TaskService.class);
        Job airTime = await("the air-time timer", Duration.ofSeconds(60), () -> management.createJobQuery()
                .processInstanceId(show.processInstanceId()).activityId("air-time").singleResult());
        management.executeJob(airTime.getId());
        LiveShow onAir = await("the show to go live", Duration.ofSeconds(90), () -> tasks.createTaskQuery()
                .processInstanceBusinessKey(showId).taskDefinitionKey(ShowProcesses.ON_AIR_TASK).count() == 1
                ? live.show(showId).orElse(null) : null);
        say("show %s with %d approved products planned and live in %.1f s", showId, SLOTS, seconds(t));

        long[] marks = slotMarks();
        t = System.nanoTime();
        String url = "rtmp://127.0.0.1:" + live.ingestPort().orElseThrow() + "/live/" + live.secrets().resolve("benchingest");
        try (StudioFeed feed = new StudioFeed(unit, url)) {
            int[] next = {0};
            long[] onAirAt = new long[SLOTS];
            feed.publish(RECORDING_MILLIS, (feedMillis, keyframe) -> {
                if (next[0] < marks.length && feedMillis >= marks[next[0]]) {
                    awaitConsumed(onAir);
                    onAirAt[next[0]] = showService.startSlot(shows.require(showId), next[0] + 1, "bench-producer").programMillis();
                    next[0]++;
                }
                // a live show's uploads keep up with the feed: wait for them rather than leave a backlog to the end
                while (keyframe && feedMillis / SEGMENT_MILLIS - onAir.stats().recordedSegments() > 6) {
                    Thread.sleep(5);
                }
            });
            awaitConsumed(onAir);
            awaitUploads(onAir, RECORDING_MILLIS / SEGMENT_MILLIS - 1); // the last segment is written when the show ends
            ShowStats stats = onAir.stats();
            long drift = 0; // program time runs on from the slate's: compare the markers' spacing with the plan's
            for (int i = 1; i < SLOTS; i++) {
                drift = Math.max(drift, Math.abs(onAirAt[i] - onAirAt[0] - (marks[i] - marks[0])));
            }
            say("%d s feed published and recorded in %.1f s: program at %.1f s, %d segments stored, %d packets dropped,"
                    + " program %s; %d markers, %d ms at most from the plan", RECORDING_MILLIS / 1000, seconds(t),
                    stats.programMillis() / 1000.0, stats.recordedSegments(), stats.recordingDroppedPackets(), stats.state(),
                    SLOTS, drift);
        }
        return show;
    }

    /** Program time (of the feed) at which each slot goes on air: 3 to 8 minutes each, the last to the end. */
    static long[] slotMarks() {
        Random random = new Random(20260501);
        long[] lengths = new long[SLOTS];
        long sum = 0;
        for (int i = 0; i < SLOTS; i++) {
            lengths[i] = (180 + random.nextInt(301)) * 1000L * RECORDING_MILLIS / 7_200_000;
            sum += lengths[i];
        }
        long intro = RECORDING_MILLIS - sum;
        if (intro < 30_000) {
            throw new IllegalStateException("The slots do not fit the recording");
        }
        long[] marks = new long[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            marks[i] = intro;
            intro += lengths[i];
        }
        return marks;
    }

    /**
     * When, in seconds after the end call, the recording was sealed and the instant clips were stored (a clip stored
     * before the end counts 0), and how many were cut while the show went on.
     */
    record Measured(double sealed, double firstClip, double allClips, long endSimulcastFailures, long cutWhileLive) {
    }

    /**
     * Ends the show and waits for its 20 clips to be recorded on their slots (the show_clip table, polled). A clip's
     * time is its recording-clip task's completion in the engine's history (ms): the worker stores the clip, then
     * reports the task done — so it is the time the clip was stored plus one REST call. Storage is checked last.
     * (Polling storage itself costs more: a listing takes S3Proxy tens of milliseconds of CPU.)
     */
    private Measured measure(String showId) throws Exception {
        ShowProperties roll = app.getBean(ShowProperties.class);
        long pre = roll.getPreRoll().toMillis();
        long post = roll.getPostRoll().toMillis();
        long end = System.currentTimeMillis();
        showService.end(shows.require(showId));
        await("the instant clips", TIMEOUT, () -> clips.ofShow(showId).stream().filter(c -> c.cutFrom(pre, post)).count() >= SLOTS);
        HistoryService history = app.getBean(HistoryService.class);
        List<Double> times = new ArrayList<>();
        long whileLive = 0;
        for (var instance : history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(showId)
                .processDefinitionKeyIn(ShowProcesses.HIGHLIGHT_CLIPPING, ShowProcesses.SLOT_CLIP).list()) {
            for (var log : history.createHistoricExternalTaskLogQuery().processInstanceId(instance.getId())
                    .topicName(MediaTopics.RECORDING_CLIP).successLog().list()) {
                times.add(Math.max(0, (log.getTimestamp().getTime() - end) / 1000.0));
                whileLive += log.getTimestamp().getTime() < end ? 1 : 0;
            }
        }
        times.sort(Double::compare);
        if (times.size() != SLOTS) {
            throw new IllegalStateException(times.size() + " recording-clip tasks completed for " + SLOTS + " clips");
        }
        for (ShowClips.ShowClip clip : clips.ofShow(showId)) {
            if (store.stat(clip.copyKey()).size() == 0) {
                throw new IllegalStateException("Clip " + clip.copyKey() + " is empty");
            }
        }
        MediaWorker worker = app.getBean(MediaWorker.class);
        say("clips stored at %s s after the end (%d while live); %d media jobs still running (renditions, covers) are"
                + " stopped now", times.stream().map(v -> String.format("%.1f", v)).toList(), whileLive, worker.runningJobs().size());
        // the renditions would take the CPU from what follows: their instance goes, the jobs running finish
        RuntimeService runtime = app.getBean(RuntimeService.class);
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(showId).list()
                .forEach(p -> runtime.deleteProcessInstanceIfExists(p.getId(), "benchmark done", true, true, true, true));
        await("the renditions to stop", Duration.ofSeconds(300), () -> worker.runningJobs().isEmpty());
        long failures = history.createHistoricJobLogQuery().failureLog().activityIdIn("end-simulcast")
                .processDefinitionKey(ShowProcesses.LIVE_SHOW).count();
        double sealed = (shows.require(showId).liveEndedAt().toEpochMilli() - end) / 1000.0;
        return new Measured(sealed, times.get(0), times.get(times.size() - 1), failures, whileLive);
    }

    /**
     * The references, then every figure: the clips cut by the recording-clip operation one after the other (no
     * engine), and the recording as one local file with the clips' spans for the ffmpeg command line (bench/engine).
     */
    private void references(String showId, Measured afterEnd, Measured measured) throws Exception {
        app.getBean(MediaWorker.class).abandon(); // nothing else runs on the worker from here
        Show show = shows.require(showId);
        List<ShowClips.ShowClip> cut = clips.ofShow(showId);
        ShowProperties roll = app.getBean(ShowProperties.class);
        double pre = roll.getPreRoll().toMillis() / 1000.0;
        double post = roll.getPostRoll().toMillis() / 1000.0;
        RecordingClips operation = new RecordingClips(store, 4);
        List<Double> each = new ArrayList<>();
        long direct = System.nanoTime();
        for (ShowClips.ShowClip clip : cut) {
            Path jobDir = Files.createDirectories(work.resolve("direct-" + clip.id()));
            String key = STATION + "/bench/direct/" + clip.id() + ".mp4";
            long one = System.nanoTime();
            operation.cut(show.manifestKey(), List.of(new RecordingClips.Slot(key, clip.inMillis() / 1000.0,
                    clip.outMillis() / 1000.0)), pre, post, jobDir, ProgressListener.NONE);
            each.add(seconds(one));
            store.delete(key); // a few ms, counted in the total
            Files.delete(jobDir);
        }
        double directTotal = seconds(direct);
        each.sort(Double::compare);

        RecordingManifest manifest = operation.manifest(show.manifestKey());
        long bytes = writeConcatenated(manifest, work.resolve("recording.ts"));
        double start = manifest.segments().get(0).streamStartMillis() / 1000.0;
        StringBuilder spans = new StringBuilder();
        for (ShowClips.ShowClip clip : cut) {
            double in = Math.max(0, clip.inMillis() / 1000.0 - pre);
            spans.append(String.format("%.3f %.3f%n", Math.max(0, in - start), clip.outMillis() / 1000.0 + post - in));
        }
        Files.writeString(work.resolve("clips.txt"), spans);

        System.out.printf("slots=%d%nrecording_seconds=%.0f%nrecording_segments=%d%nrecording_mb=%d%n", cut.size(),
                manifest.durationMillis() / 1000.0, manifest.segments().size(), bytes / 1_000_000);
        System.out.printf("clips_total_media_s=%.0f%nworker_concurrency=%d%n",
                cut.stream().mapToLong(ShowClips.ShowClip::durationMillis).sum() / 1000.0,
                app.getBean(MediaWorkerProperties.class).getConcurrency());
        System.out.printf("clip_cut_directly_p50_s=%.2f%nclip_cut_directly_max_s=%.2f%nclips_cut_directly_s=%.2f%n",
                each.get(each.size() / 2), each.get(each.size() - 1), directTotal);
        System.out.printf("end_simulcast_failed_attempts=%d%nshow_end_to_recording_sealed_s=%.2f%n",
                measured.endSimulcastFailures(), measured.sealed());
        System.out.printf("show_end_to_first_clip_s=%.2f%n", measured.firstClip());
        System.out.printf("clips_cut_while_live=%d%n", measured.cutWhileLive());
        System.out.printf("show_end_to_clips_after_end_s=%.2f%n", afterEnd.allClips());
        System.out.printf("show_end_to_clips_s=%.2f%n", measured.allClips());
    }

    /** The segments one after the other in one MPEG-TS file (a byte copy: the segments are MPEG-TS). */
    private long writeConcatenated(RecordingManifest manifest, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (RecordingSegment segment : manifest.segments().stream()
                    .sorted((a, b) -> Integer.compare(a.sequence(), b.sequence())).toList()) {
                try (InputStream in = store.get(segment.key())) {
                    in.transferTo(out);
                }
            }
        }
        return Files.size(file);
    }

    /** Waits until the recording has {@code expected} segments stored, or stores no more for 2 s. */
    private static void awaitUploads(LiveShow show, long expected) throws InterruptedException {
        int last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() - since < 2_000_000_000L) {
            int now = show.stats().recordedSegments();
            if (now >= expected) {
                return;
            }
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
            Thread.sleep(10);
        }
    }

    /** Waits until the engine has taken everything published so far (its program time stands still). */
    private static void awaitConsumed(LiveShow show) throws InterruptedException {
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() - since < 200_000_000L) {
            long now = show.programMillis();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
            Thread.sleep(10);
        }
    }

    interface FeedListener {
        /** Before each video packet at {@code feedMillis} is sent. */
        void beforeVideo(long feedMillis, boolean keyframe) throws Exception;
    }

    /**
     * A studio encoder publishing over RTMP: the unit file's packets (held in memory) again and again, timestamps
     * shifted by the unit's length each time, as fast as the engine takes them.
     */
    static final class StudioFeed implements AutoCloseable {
        private final List<AVPacket> packets = new ArrayList<>();
        private final AVRational[] base = new AVRational[2];
        private final long[] lastDts = {Long.MIN_VALUE, Long.MIN_VALUE};
        private AVFormatContext out = new AVFormatContext(null);

        StudioFeed(Path unit, String url) {
            FFmpegException.check(avformat_alloc_output_context2(out, null, "flv", url), "Cannot create the studio feed");
            try {
                open(unit, url);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private void open(Path unit, String url) {
            try (Demuxer in = Demuxer.open(unit)) {
                AVStream[] sources = {in.video(), in.audio()};
                for (int i = 0; i < 2; i++) {
                    AVStream stream = avformat_new_stream(out, null);
                    FFmpegException.check(avcodec_parameters_copy(stream.codecpar(), sources[i].codecpar()), "Cannot copy parameters");
                    stream.codecpar().codec_tag(0);
                    base[i] = av_make_q(sources[i].time_base().num(), sources[i].time_base().den());
                }
                AVPacket read = av_packet_alloc();
                try {
                    while (in.read(read)) {
                        int index = read.stream_index() == in.videoIndex() ? 0 : read.stream_index() == in.audioIndex() ? 1 : -1;
                        if (index >= 0) {
                            AVPacket copy = av_packet_clone(read);
                            copy.stream_index(index);
                            packets.add(copy);
                        }
                        av_packet_unref(read);
                    }
                } finally {
                    av_packet_free(read);
                }
            }
            AVIOContext io = new AVIOContext(null);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "rw_timeout", "10000000", 0);
            try {
                FFmpegException.check(avio_open2(io, url, AVIO_FLAG_WRITE, null, options), "Cannot connect to the ingest");
            } finally {
                av_dict_free(options);
            }
            out.pb(io);
            FFmpegException.check(avformat_write_header(out, (AVDictionary) null), "Cannot start the studio feed");
        }

        /** Publishes feed time [0, endMillis). */
        void publish(long endMillis, FeedListener listener) throws Exception {
            for (long loop = 0; ; loop++) {
                for (AVPacket source : packets) {
                    int s = source.stream_index();
                    long shift = av_rescale_q(loop * UNIT_MILLIS, MILLIS, base[s]);
                    long ts = source.dts() != AV_NOPTS_VALUE ? source.dts() : source.pts();
                    long millis = av_rescale_q(ts + shift, base[s], MILLIS);
                    if (millis >= endMillis) {
                        if (s == 0) {
                            return;
                        }
                        continue;
                    }
                    if (s == 0) {
                        listener.beforeVideo(millis, (source.flags() & AV_PKT_FLAG_KEY) != 0);
                    }
                    AVPacket packet = av_packet_clone(source);
                    try {
                        if (packet.pts() != AV_NOPTS_VALUE) {
                            packet.pts(packet.pts() + shift);
                        }
                        if (packet.dts() != AV_NOPTS_VALUE) {
                            packet.dts(packet.dts() + shift);
                        }
                        av_packet_rescale_ts(packet, base[s], out.streams(s).time_base());
                        packet.pos(-1);
                        // the AAC encoder's priming packet of the next loop overlaps the last one of this loop
                        if (packet.dts() < lastDts[s]) {
                            continue;
                        }
                        lastDts[s] = packet.dts();
                        FFmpegException.check(av_interleaved_write_frame(out, packet), "Cannot publish the studio feed");
                    } finally {
                        av_packet_free(packet);
                    }
                }
            }
        }

        @Override
        public void close() {
            if (out == null) {
                return;
            }
            if (out.pb() != null && !out.pb().isNull()) {
                av_write_trailer(out); // the ingest may have gone with the show: errors do not matter any more
                avio_closep(out.pb());
            }
            avformat_free_context(out);
            out = null;
            packets.forEach(p -> av_packet_free(p));
            packets.clear();
        }
    }

    static <T> T await(String what, Duration timeout, java.util.function.Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T v = value.get();
            if (v != null && !Boolean.FALSE.equals(v)) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void say(String format, Object... args) {
        System.out.printf("# " + format + "%n", args);
    }
}
