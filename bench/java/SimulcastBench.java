import io.centralkitchen.media.live.DestinationSpec;
import io.centralkitchen.media.live.IngestSpec;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveSecrets;
import io.centralkitchen.media.live.LiveSettings;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.media.live.OutputProfile;
import io.centralkitchen.media.live.PlatformPreset;
import io.centralkitchen.media.live.Protocol;
import io.centralkitchen.media.live.ShowSpec;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Process CPU of the live engine for one feed sent to 1 and to 4 destinations sharing one profile. The feed and the
 * receiving RTMP servers are ffmpeg CLI processes (run.sh), so only the engine's work counts in this JVM. One show
 * stays on air; destinations 2-4 are added and removed live between measurement windows (1, 4, 1, 4, ...), so the
 * pairs see the same feed and similar background load; the median of the pair ratios is reported.
 * Args: ingestPort secondsPerWindow pairs receiverPort1..4
 */
public class SimulcastBench {
    public static void main(String[] args) throws Exception {
        int ingestPort = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int pairs = Integer.parseInt(args[2]);
        Map<String, String> secrets = new HashMap<>();
        secrets.put("studio", "bench-ingest-key-0001");
        for (int i = 1; i <= 4; i++) {
            secrets.put("d" + i, "rtmp://127.0.0.1:" + args[2 + i] + "/live/bench-" + i);
        }
        OutputProfile profile = new OutputProfile(960, 540, 1500, 2, "aac", 44100, 128, "crop");
        LiveEngine engine = new LiveEngine(LiveSettings.defaults(Path.of("target/bench-hls")),
                Map.of("p", new PlatformPreset("p", "bench", Protocol.RTMP, profile)), new LiveSecrets(secrets), null,
                Path.of("target/bench"), "127.0.0.1", ingestPort, "live", "127.0.0.1");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        LiveShow show = engine.start(new ShowSpec("bench", "bench", "bench",
                new IngestSpec(IngestSpec.Mode.PUBLISH, "studio", null), List.of(new DestinationSpec("d1", "p", "d1")), false));
        System.out.println("READY"); // run.sh starts the publisher now
        System.out.flush();
        waitUntil(() -> show.stats().state().equals("LIVE") && allLive(show), 60);
        pause(5); // JIT and encoder warm-up
        List<Double> ratios = new ArrayList<>();
        double sum1 = 0;
        double sum4 = 0;
        for (int pair = 0; pair < pairs; pair++) {
            double one = window(os, seconds, show, "fanout=1");
            for (int i = 2; i <= 4; i++) {
                show.addDestination(new DestinationSpec("d" + i, "p", "d" + i));
            }
            waitUntil(() -> allLive(show) && show.stats().destinations().stream().allMatch(d -> d.packetsSent() > 100), 60);
            pause(2);
            double four = window(os, seconds, show, "fanout=4");
            for (int i = 2; i <= 4; i++) {
                show.removeDestination("d" + i);
            }
            pause(2);
            ratios.add(four / one);
            sum1 += one;
            sum4 += four;
        }
        engine.stop("bench");
        System.out.println("DONE");
        engine.close();
        List<Double> sorted = ratios.stream().sorted().toList();
        System.out.printf("pair_ratios=%s%n", ratios.stream().map(r -> String.format("%.3f", r)).toList());
        System.out.printf("engine_cpu_seconds_1=%.2f%nengine_cpu_seconds_4=%.2f%nwindow_seconds=%d%n",
                sum1 / pairs, sum4 / pairs, seconds);
        System.out.printf("fanout_cpu_ratio_4_vs_1=%.3f%n", sorted.get(sorted.size() / 2));
        System.exit(0);
    }

    static double window(com.sun.management.OperatingSystemMXBean os, int seconds, LiveShow show, String label)
            throws InterruptedException {
        long c0 = os.getProcessCpuTime();
        pause(seconds);
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        System.out.printf("%s cpu_seconds=%.2f destinations=%s encoder_dropped=%d rss_mib=%d%n", label, cpu,
                show.stats().destinations().stream().map(d -> d.state() + "/" + d.fps() + "fps").toList(),
                show.stats().encoderDroppedFrames(), rssMib());
        Runtime rt = Runtime.getRuntime();
        System.gc(); // only to tell collectable memory from a leak in this figure
        System.out.printf("  heap_used_mib=%d javacpp_tracked_mib=%d rss_after_gc_mib=%d%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20, org.bytedeco.javacpp.Pointer.totalBytes() >> 20, rssMib());
        return cpu;
    }

    /** Resident memory: native buffers (packets, frames) show up here, not in the Java heap. */
    static long rssMib() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    static boolean allLive(LiveShow show) {
        return show.stats().destinations().stream().allMatch(d -> d.state().equals("LIVE"));
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("bench: condition not met within " + seconds + " s");
            }
            Thread.sleep(100); // polling in a benchmark driver
        }
    }

    static void pause(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L); // measurement window of a benchmark, not a test
    }
}
