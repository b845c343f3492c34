import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.media.live.DestinationSpec;
import io.centralkitchen.media.live.DestinationStats;
import io.centralkitchen.media.live.IngestSpec;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveSecrets;
import io.centralkitchen.media.live.LiveSettings;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.media.live.OutputProfile;
import io.centralkitchen.media.live.PlatformPreset;
import io.centralkitchen.media.live.Protocol;
import io.centralkitchen.media.live.ShowSpec;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.media.rtmp.RtmpIngestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one live worker carries in real time without drops, on this machine (issue 18):
 * <ul>
 * <li>{@code max_encoded_destinations_720p}: destinations sharing one 1280x720 encoded profile (x264 veryfast, low
 * latency), the feed 1280x720 decoded once;</li>
 * <li>{@code max_profiles_720p}: distinct 1280x720 profiles (a bitrate each), one destination each — one encoder each;</li>
 * <li>{@code max_passthrough_destinations}: destinations of a profile the feed matches (copied, no encoder).</li>
 * </ul>
 * A 1280x720 25 fps H.264 + AAC studio feed (camera-like content, see {@link #writeCameraLike}; 64 s looped by packet
 * copy) is published over RTMP into
 * the engine's ingest <b>at real time</b> (paced by its timestamps) from this JVM; the destinations push to an RTMP
 * server in this JVM that takes what comes. For each kind, one show goes on air and destinations are added live one
 * step at a time; each step is held {@code bench.hold.seconds} (default 20; the issue asks 60 — shortened so the three
 * kinds fit one run on a shared machine) and passes when nothing was dropped during the hold: no encoder frame dropped
 * (an encoder short of CPU drops frames), no destination packet dropped, and no destination's stream fell more than 2 s
 * further behind program time. The figure is the last step that passed.
 */
public class CapacityBench {

    static final long HOLD_MILLIS = Long.getLong("bench.hold.seconds", 20) * 1000;
    static final Duration UNIT = Duration.ofMillis(ShowClipsBench.UNIT_MILLIS); // loops seamlessly (see there)

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "bench/out/capacity")).toAbsolutePath();
        Files.createDirectories(dir);
        Path unit = dir.resolve("studio-720p.mp4");
        if ("pattern".equals(System.getProperty("bench.content", "camera"))) {
            SyntheticSignal.writeFile(unit, "mp4", UNIT, 1280, 720, 25, 50, "Central Kitchen capacity");
        } else {
            writeCameraLike(unit);
        }
        Map<String, AtomicLong> received = new HashMap<>();
        try (RtmpIngestServer sink = new RtmpIngestServer("127.0.0.1", 0, "live", (app, key, remote, refusal) -> {
            AtomicLong bytes = received.computeIfAbsent(key, k -> new AtomicLong());
            return new RtmpIngestServer.Publication() {
                public void write(byte[] flv, int offset, int length) {
                    bytes.addAndGet(length);
                }

                public void end() {
                }

                public String describe() {
                    return "bench sink " + key;
                }
            };
        }, Duration.ofSeconds(30), 512)) {
            Map<String, PlatformPreset> presets = new LinkedHashMap<>();
            presets.put("copy", new PlatformPreset("copy", "feed as it is", Protocol.RTMP,
                    new OutputProfile(1280, 720, 20000, 2, "aac", 48000, 128, "crop")));
            for (int i = 0; i < 16; i++) {
                presets.put("enc-" + i, new PlatformPreset("enc-" + i, "encoded", Protocol.RTMP,
                        new OutputProfile(1280, 720, 2500 + 10 * i, 2, "aac", 48000, 128, "crop")));
            }
            Map<String, String> secrets = new HashMap<>();
            secrets.put("studio", "capacity-studio-key-0123456789");
            for (int i = 0; i < 256; i++) {
                secrets.put("out-" + i, "rtmp://127.0.0.1:" + sink.port() + "/live/out-" + i + "-key-0123456789");
            }
            say("machine: %d cores; hold %d s per step; load %s", Runtime.getRuntime().availableProcessors(),
                    HOLD_MILLIS / 1000, Files.readString(Path.of("/proc/loadavg")).strip());
            int encoded = ramp(dir, unit, presets, secrets, i -> "enc-0", 24, "encoded 720p destinations sharing one encoder");
            int profiles = ramp(dir, unit, presets, secrets, i -> "enc-" + i, 8, "distinct 720p profiles");
            int passthrough = ramp(dir, unit, presets, secrets, i -> "copy", 128, "passthrough destinations");
            System.out.printf("machine_cores=%d%nhold_seconds=%d%n", Runtime.getRuntime().availableProcessors(), HOLD_MILLIS / 1000);
            System.out.printf("load_average_end=%s%n", Files.readString(Path.of("/proc/loadavg")).strip().replace(' ', '/'));
            System.out.printf("max_encoded_destinations_720p=%d%nmax_profiles_720p=%d%nmax_passthrough_destinations=%d%n",
                    encoded, profiles, passthrough);
        }
    }

    /**
     * A studio feed x264 finds as hard as a camera's: a detailed picture (thousands of coloured shapes) panning a few
     * pixels a frame, with grain that changes every frame — the test pattern (flat bars, one moving box) costs an
     * encoder next to nothing and would overstate the capacity several times. 1280x720 25 fps, 4 Mbit/s, keyframe
     * every 2 s, with the test pattern's AAC tone.
     */
    static void writeCameraLike(Path file) throws Exception {
        java.util.Random random = new java.util.Random(18);
        java.awt.image.BufferedImage scene = new java.awt.image.BufferedImage(2560, 1440, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = scene.createGraphics();
        for (int i = 0; i < 6000; i++) {
            g.setColor(new java.awt.Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int w = 8 + random.nextInt(120);
            int h = 8 + random.nextInt(120);
            if (i % 2 == 0) {
                g.fillOval(random.nextInt(2560), random.nextInt(1440), w, h);
            } else {
                g.fillRect(random.nextInt(2560), random.nextInt(1440), w, h);
            }
        }
        java.awt.image.BufferedImage[] grain = new java.awt.image.BufferedImage[8];
        for (int k = 0; k < grain.length; k++) {
            grain[k] = new java.awt.image.BufferedImage(1280, 720, java.awt.image.BufferedImage.TYPE_INT_ARGB);
            int[] px = new int[1280 * 720];
            for (int i = 0; i < px.length; i++) {
                int v = random.nextBoolean() ? 255 : 0;
                px[i] = (random.nextInt(28) << 24) | (v << 16) | (v << 8) | v;
            }
            grain[k].setRGB(0, 0, 1280, 720, px, 0, 1280);
        }
        java.awt.image.BufferedImage canvas = new java.awt.image.BufferedImage(1280, 720, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D c = canvas.createGraphics();
        try (SyntheticSignal sound = new SyntheticSignal(1280, 720, 25, 48000, 2, 440, "capacity");
             org.bytedeco.javacv.FFmpegFrameRecorder recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(), 1280, 720, 2);
             org.bytedeco.javacv.Java2DFrameConverter converter = new org.bytedeco.javacv.Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264);
            recorder.setFrameRate(25);
            recorder.setGopSize(50);
            recorder.setVideoOption("preset", "veryfast");
            recorder.setVideoOption("sc_threshold", "0");
            recorder.setVideoBitrate(4_000_000);
            recorder.setAudioCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(48000);
            recorder.setAudioChannels(2);
            recorder.setAudioBitrate(128_000);
            recorder.start();
            long frames = UNIT.toMillis() * 25 / 1000;
            for (int i = 0; i < frames; i++) {
                // a slow pan there and back (the loop's end meets its start), and the grain of a camera
                double phase = Math.sin(2 * Math.PI * i / frames);
                int x = (int) (640 + 600 * phase);
                int y = (int) (360 + 300 * Math.sin(4 * Math.PI * i / frames));
                c.drawImage(scene, -x, -y, null);
                c.drawImage(grain[i % grain.length], 0, 0, null);
                org.bytedeco.javacv.Frame frame = converter.convert(canvas);
                frame.timestamp = i * 40_000L;
                recorder.record(frame);
                sound.nextVideo();
                recorder.record(sound.nextAudio());
            }
            recorder.stop();
        }
    }

    /** One show; destinations added one step at a time (1, 2, 3, 4, 6, 8, 12, 16, ...) until a step drops. */
    static int ramp(Path dir, Path unit, Map<String, PlatformPreset> presets, Map<String, String> secrets,
                    java.util.function.IntFunction<String> preset, int max, String what) throws Exception {
        LiveEngine engine = new LiveEngine(LiveSettings.defaults(dir.resolve("hls")), presets, new LiveSecrets(secrets), null,
                dir.resolve("work"), "127.0.0.1", 0, "live", "127.0.0.1");
        int passed = 0;
        try {
            LiveShow show = engine.start(new ShowSpec("station-1", "capacity", "Capacity",
                    new IngestSpec(IngestSpec.Mode.PUBLISH, "studio", null), List.of(), false));
            String url = "rtmp://127.0.0.1:" + engine.ingestPort().orElseThrow() + "/live/" + secrets.get("studio");
            try (ShowClipsBench.StudioFeed feed = new ShowClipsBench.StudioFeed(unit, url)) {
                Thread publisher = new Thread(() -> {
                    long start = System.nanoTime();
                    try {
                        feed.publish(Long.MAX_VALUE / 2, (feedMillis, keyframe) -> {
                            long ahead = feedMillis - (System.nanoTime() - start) / 1_000_000;
                            if (ahead > 0) {
                                Thread.sleep(ahead);
                            }
                        });
                    } catch (Exception e) {
                        // the show ended
                    }
                }, "bench-studio");
                publisher.setDaemon(true);
                publisher.start();
                long deadline = System.currentTimeMillis() + 30_000;
                while (!"LIVE".equals(show.stats().state()) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                int n = 0;
                for (int step : steps(max)) {
                    while (n < step) {
                        show.addDestination(new DestinationSpec("d-" + n, preset.apply(n), "out-" + n));
                        n++;
                    }
                    Thread.sleep(5_000); // connected, encoders warm
                    String trouble = hold(show);
                    say("%s: %d — %s (load %s)", what, step, trouble == null ? "no drops" : trouble,
                            Files.readString(Path.of("/proc/loadavg")).strip());
                    if (trouble != null) {
                        break;
                    }
                    passed = step;
                }
                engine.stop("capacity");
                publisher.join(10_000);
            }
        } finally {
            engine.close();
        }
        return passed;
    }

    /** Holds the current step; what was dropped or fell behind during it, null when nothing. */
    static String hold(LiveShow show) throws InterruptedException {
        ShowStats before = show.stats();
        Map<String, Long> offset = new HashMap<>(); // program time - the destination's last timestamp, at the start
        before.destinations().forEach(d -> offset.put(d.id(), before.programMillis() - d.lastTimestampMillis()));
        long since = System.currentTimeMillis();
        long worstLag = 0; // how much further behind program time a destination fell during the hold
        while (System.currentTimeMillis() - since < HOLD_MILLIS) {
            Thread.sleep(500);
            ShowStats now = show.stats();
            for (DestinationStats d : now.destinations()) {
                Long start = offset.get(d.id());
                if (start != null) {
                    worstLag = Math.max(worstLag, now.programMillis() - d.lastTimestampMillis() - start);
                }
            }
        }
        ShowStats after = show.stats();
        long encoderDrops = after.encoderDroppedFrames() - before.encoderDroppedFrames();
        long packetDrops = sum(after) - sum(before);
        List<String> trouble = new ArrayList<>();
        if (encoderDrops > 0) {
            trouble.add(encoderDrops + " encoder frames dropped");
        }
        if (packetDrops > 0) {
            trouble.add(packetDrops + " destination packets dropped");
        }
        if (worstLag > 2_000) {
            trouble.add("a destination fell " + worstLag + " ms further behind program time");
        }
        if (!"LIVE".equals(after.state())) {
            trouble.add("program " + after.state());
        }
        return trouble.isEmpty() ? null : String.join(", ", trouble);
    }

    static long sum(ShowStats stats) {
        return stats.destinations().stream().mapToLong(DestinationStats::droppedPackets).sum();
    }

    static List<Integer> steps(int max) {
        List<Integer> steps = new ArrayList<>();
        for (int s : new int[]{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128}) {
            if (s <= max) {
                steps.add(s);
            }
        }
        return steps;
    }

    static void say(String format, Object... args) {
        System.out.printf("# " + format + "%n", args);
    }
}
