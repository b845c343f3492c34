import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import io.centralkitchen.media.ffmpeg.SignalPlayer;
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
import io.centralkitchen.media.rtmp.RtmpSink;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a passthrough destination costs in CPU next to an encoded one, in the same run (issue 13):
 * {@code passthrough_cpu_per_destination_pct} = ((cpu(N passthrough) − baseline) / N) ÷ (cpu(1 encoded) − baseline)
 * × 100, goal ≤ 10.
 * <p>
 * This JVM runs only the live engine (LiveEngine, in-process, as a live worker does): one show with {@code PUBLISH}
 * ingest. The outside world — the studio (the engine's test pattern, 1280x720 25 fps H.264 ~3 Mbit/s + AAC 48 kHz,
 * published over RTMP in real time) and the platforms (RTMP receivers that take what comes) — runs in a child JVM, so
 * the process CPU time measured here ({@code OperatingSystemMXBean#getProcessCpuTime}, all threads, x264's native ones
 * included) is the engine's alone. Windows of {@code bench.cpu.seconds} (default 20), each after 5 s of settling, on
 * the same show: the show with no destination (baseline), with N ({@code bench.passthrough}, default 8) destinations
 * of a preset the feed satisfies (1280x720, 4000 kbit/s cap, 48 kHz: packets copied, no encoder), with 1 destination
 * of a distinct profile (1280x720, 3000 kbit/s, 44.1 kHz audio: decoded and re-encoded, x264 low latency), and the
 * baseline again; the baseline used is the mean of both. The test pattern costs x264 little, so the encoded
 * destination is a cheap one and the ratio errs on the high side.
 * <p>
 * Args: none (the bench), or {@code outside <ingestUrl> <port>...} (the child: studio and receivers).
 */
public class PassthroughCpuBench {

    static final long WINDOW_MILLIS = Long.getLong("bench.cpu.seconds", 20) * 1000;
    static final long SETTLE_MILLIS = 5_000;
    static final int PASSTHROUGH = Integer.getInteger("bench.passthrough", 8);
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    public static void main(String[] args) throws Exception {
        FFmpegRuntime.init();
        if (args.length > 0 && "outside".equals(args[0])) {
            outside(args);
            return;
        }
        Path dir = Path.of(System.getProperty("bench.dir", "bench/out/passthrough-cpu")).toAbsolutePath();
        Files.createDirectories(dir);
        String loadStart = load();
        Map<String, PlatformPreset> presets = new LinkedHashMap<>();
        presets.put("copy", new PlatformPreset("copy", "the feed as it is", Protocol.RTMP,
                new OutputProfile(1280, 720, 4000, 2, "aac", 48000, 128, "crop")));
        presets.put("encoded", new PlatformPreset("encoded", "re-encoded", Protocol.RTMP,
                new OutputProfile(1280, 720, 3000, 2, "aac", 44100, 128, "crop")));
        Map<String, String> secrets = new HashMap<>();
        secrets.put("studio", "cpu-studio-key-0123456789");
        List<String> ports = new ArrayList<>();
        for (int i = 0; i <= PASSTHROUGH; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports.add(String.valueOf(s.getLocalPort()));
            }
            secrets.put("out-" + i, "rtmp://127.0.0.1:" + ports.get(i) + "/live/out-" + i + "-key-0123456789");
        }
        LiveEngine engine = new LiveEngine(LiveSettings.defaults(dir.resolve("hls")), presets, new LiveSecrets(secrets),
                null, dir.resolve("work"), "127.0.0.1", 0, "live", "127.0.0.1");
        Process outside = null;
        try {
            LiveShow show = engine.start(new ShowSpec("station-1", "cpu", "Passthrough CPU",
                    new IngestSpec(IngestSpec.Mode.PUBLISH, "studio", null), List.of(), false));
            String ingest = "rtmp://127.0.0.1:" + engine.ingestPort().orElseThrow() + "/live/" + secrets.get("studio");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    System.getProperty("bench.source", "bench/java/PassthroughCpuBench.java"), "outside", ingest));
            command.addAll(ports);
            outside = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("outside.log").toFile()).start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!"LIVE".equals(show.stats().state())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("The studio did not go live within 60 s (see " + dir.resolve("outside.log") + ")");
                }
                Thread.sleep(200);
            }
            say("machine: %d cores; window %d s; load %s", Runtime.getRuntime().availableProcessors(),
                    WINDOW_MILLIS / 1000, loadStart);
            Window baseline = measure(show, "baseline (no destination)");
            for (int i = 0; i < PASSTHROUGH; i++) {
                show.addDestination(new DestinationSpec("pass-" + i, "copy", "out-" + i));
            }
            Window copied = measure(show, PASSTHROUGH + " passthrough destinations");
            for (int i = 0; i < PASSTHROUGH; i++) {
                show.removeDestination("pass-" + i);
            }
            show.addDestination(new DestinationSpec("enc", "encoded", "out-" + PASSTHROUGH));
            Window encoded = measure(show, "1 encoded destination");
            show.removeDestination("enc");
            Window baselineEnd = measure(show, "baseline again");
            if (copied.encoders != 0 || copied.sending != PASSTHROUGH) {
                throw new IllegalStateException("The passthrough step was not " + PASSTHROUGH + " copies sending: "
                        + copied.encoders + " encoders, " + copied.sending + " destinations sending");
            }
            if (encoded.encoders != 1 || encoded.sending != 1) {
                throw new IllegalStateException("The encoded step was not one encoder sending: " + encoded.encoders
                        + " encoders, " + encoded.sending + " destinations sending");
            }
            double base = (baseline.pct + baselineEnd.pct) / 2;
            double perCopy = (copied.pct - base) / PASSTHROUGH;
            double perEncoded = encoded.pct - base;
            engine.stop("cpu");
            System.out.printf("cpu_machine_cores=%d%ncpu_window_seconds=%d%ncpu_passthrough_destinations=%d%n",
                    Runtime.getRuntime().availableProcessors(), WINDOW_MILLIS / 1000, PASSTHROUGH);
            System.out.printf("cpu_load_average_start=%s%ncpu_load_average_end=%s%n", loadStart, load());
            System.out.printf("cpu_baseline_pct=%.1f%ncpu_baseline_end_pct=%.1f%n", baseline.pct, baselineEnd.pct);
            System.out.printf("cpu_passthrough_all_pct=%.1f%ncpu_encoded_pct=%.1f%n", copied.pct, encoded.pct);
            System.out.printf("cpu_per_passthrough_destination_pct_of_core=%.2f%ncpu_per_encoded_destination_pct_of_core=%.1f%n",
                    perCopy, perEncoded);
            System.out.printf("passthrough_cpu_per_destination_pct=%.1f%n", perCopy / perEncoded * 100);
        } finally {
            engine.close();
            if (outside != null) {
                outside.destroy();
            }
        }
    }

    /** One window's process CPU, as a percentage of one core, and what the show was doing in it. */
    record Window(double pct, int encoders, int sending) {
    }

    static Window measure(LiveShow show, String what) throws Exception {
        Thread.sleep(SETTLE_MILLIS); // connected, encoder warm, the last step's teardown over
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ShowStats before = show.stats();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Thread.sleep(WINDOW_MILLIS);
        double pct = 100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
        ShowStats after = show.stats();
        Map<String, Long> sentBefore = new HashMap<>();
        Map<String, Long> droppedBefore = new HashMap<>();
        before.destinations().forEach(d -> {
            sentBefore.put(d.id(), d.packetsSent());
            droppedBefore.put(d.id(), d.droppedPackets());
        });
        int sending = 0;
        long dropped = 0;
        for (DestinationStats d : after.destinations()) {
            if (d.packetsSent() - sentBefore.getOrDefault(d.id(), 0L) >= WINDOW_MILLIS / 1000 * 25) { // a picture a frame
                sending++;
            }
            dropped += d.droppedPackets() - droppedBefore.getOrDefault(d.id(), 0L);
        }
        say("%s: process CPU %.1f %% of a core; %d encoders, %d destinations sending, %d packets dropped in the window, "
                        + "%d encoder frames dropped; load %s", what, pct, after.encoders(), sending, dropped,
                after.encoderDroppedFrames() - before.encoderDroppedFrames(), load());
        return new Window(pct, after.encoders(), sending);
    }

    /** The child JVM: RTMP receivers on the given ports, and the studio publishing to the engine until stdin closes. */
    static void outside(String[] args) throws Exception {
        List<RtmpSink> sinks = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sinks.add(new RtmpSink("platform " + args[i], Integer.parseInt(args[i]), null, RtmpSink::discard, TIMEOUT));
        }
        try (SignalPlayer studio = SyntheticSignal.publishTimecoded(args[1], 1280, 720, 3_000_000, "passthrough cpu")) {
            while (System.in.read() >= 0) {
                // until the bench ends (or dies): its end of the pipe closes
            }
        } finally {
            sinks.forEach(RtmpSink::close);
        }
        System.exit(0);
    }

    static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).strip().replace(' ', '/');
    }

    static void say(String format, Object... args) {
        System.out.printf("# " + format + "%n", args);
    }
}
