import io.centralkitchen.media.live.DestinationSpec;
import io.centralkitchen.media.live.IngestSpec;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveSecrets;
import io.centralkitchen.media.live.LiveSettings;
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
 * receiving RTMP servers are ffmpeg CLI processes (run.sh), so only the engine's work counts in this JVM.
 * Args: ingestPort seconds receiverPort1..4
 */
public class SimulcastBench {
    public static void main(String[] args) throws Exception {
        int ingestPort = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Map<String, String> secrets = new HashMap<>();
        secrets.put("studio", "bench-ingest-key-0001");
        for (int i = 1; i <= 4; i++) {
            secrets.put("d" + i, "rtmp://127.0.0.1:" + args[1 + i] + "/live/bench-" + i);
        }
        OutputProfile profile = new OutputProfile(960, 540, 1500, 2, "aac", 44100, 128, "crop");
        LiveEngine engine = new LiveEngine(LiveSettings.defaults(Path.of("target/bench-hls")),
                Map.of("p", new PlatformPreset("p", "bench", Protocol.RTMP, profile)), new LiveSecrets(secrets), null,
                Path.of("target/bench"), "127.0.0.1", ingestPort, "live", "127.0.0.1");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] cpu = new double[2];
        int[] fanouts = {1, 4};
        for (int run = 0; run < 2; run++) {
            List<DestinationSpec> destinations = new ArrayList<>();
            for (int i = 1; i <= fanouts[run]; i++) {
                destinations.add(new DestinationSpec("d" + i, "p", "d" + i));
            }
            engine.start(new ShowSpec("bench", "bench-" + run, "bench", new IngestSpec(IngestSpec.Mode.PUBLISH, "studio", null),
                    destinations, false));
            System.out.println("READY " + run); // run.sh starts the publisher now
            System.out.flush();
            long until = System.nanoTime() + 60_000_000_000L;
            while (!engine.show("bench-" + run).orElseThrow().stats().state().equals("LIVE") && System.nanoTime() < until) {
                Thread.onSpinWait();
                Thread.yield();
            }
            long warm = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < warm) {
                Thread.sleep(200); // benchmark warm-up (not a test)
            }
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            cpu[run] = (os.getProcessCpuTime() - c0) / 1e9;
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf("fanout=%d cpu_seconds=%.2f wall_seconds=%.1f destinations=%s%n", fanouts[run], cpu[run], wall,
                    engine.show("bench-" + run).orElseThrow().stats().destinations().stream().map(d -> d.state() + "/" + d.fps()).toList());
            engine.stop("bench-" + run);
            System.out.println("DONE " + run);
            System.out.flush();
        }
        engine.close();
        System.out.printf("engine_cpu_seconds_1=%.2f%nengine_cpu_seconds_4=%.2f%nfanout_cpu_ratio_4_vs_1=%.3f%n",
                cpu[0], cpu[1], cpu[1] / cpu[0]);
        System.exit(0);
    }
}
