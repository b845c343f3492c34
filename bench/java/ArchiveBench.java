import io.centralkitchen.processes.CentralKitchenApplication;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.EvidencePacks;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StoredObject;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * pack_build_s: seconds to build the evidence pack of a 2-hour show with 20 product slots — the dimensions of
 * bench/engine's show: 1800 recording segments of 4 s at ~650 kbit/s (video + AAC), its manifest, 20 instant clips
 * and their renditions and covers, per product 3 dossier files, eligibility, two QC reviews, claims findings and the
 * approval, the rundown and its links, 3 commerce cues and 2 publications per slot. The archive is filled through the
 * platform's ArchiveLog (objects in the embedded S3 store, entries in H2) as the steps do; the content of the objects is
 * random bytes of the real sizes (hashing and packing do not look at the content). The pack is built by the same
 * EvidencePacks the REST endpoint uses, checkpoint included. Writes the pack and the public key for the verifier run.
 */
public class ArchiveBench {

    static final int SLOTS = 20;
    static final int SEGMENTS = 7200 / 4;
    static final int SEGMENT_BYTES = 650_000 / 8 * 4;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "bench/out/archive")).toAbsolutePath();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CentralKitchenApplication.class)
                .run("--server.port=0", "--kitchen.data-dir=" + dir.resolve("platform-data"), "--kitchen.admin.password=bench-admin",
                        "--kitchen.media.worker.enabled=false", "--logging.level.root=warn")) {
            String station = "station-1";
            String show = "bench-archive-show";
            long filling = System.nanoTime();
            fill(app.getBean(MediaStore.class), app.getBean(ArchiveLog.class), station, show);
            System.out.printf("# archive filled in %.1f s%n", (System.nanoTime() - filling) / 1e9);
            Path pack = dir.resolve("pack.zip");
            long start = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(pack)) {
                app.getBean(EvidencePacks.class).write(station, ArchiveSubject.show(show), "bench", out);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Files.writeString(dir.resolve("public-key.pem"), publicKey(pack));
            System.out.printf("machine=%s%n", System.getProperty("bench.machine", "unknown"));
            System.out.printf("pack_bytes=%d%n", Files.size(pack));
            System.out.printf("pack_build_s=%.2f%n", seconds);
        }
    }

    private static void fill(MediaStore store, ArchiveLog archive, String station, String show) throws Exception {
        ArchiveSubject subject = ArchiveSubject.show(show);
        String prefix = station + "/shows/" + show + "/";
        List<Map<String, Object>> slots = new ArrayList<>();
        for (int p = 1; p <= SLOTS; p++) {
            ArchiveSubject product = ArchiveSubject.product(p);
            for (int f = 1; f <= 3; f++) {
                archive.object(station, product, "DOSSIER_FILE", store.put(station + "/suppliers/1/evidence/" + p + "-" + f + ".pdf",
                        random(120_000, p * 10L + f), "application/pdf"), "supplier");
            }
            archive.document(station, product, "ELIGIBILITY", Map.of("required", List.of("FOOD_LICENCE", "INSPECTION_REPORT")), null);
            archive.document(station, product, "QC_REVIEW", Map.of("reviewer", "qc-1", "decision", "APPROVE", "sample", "PASS"), "qc-1");
            archive.document(station, product, "QC_REVIEW", Map.of("reviewer", "qc-2", "decision", "APPROVE", "sample", "PASS"), "qc-2");
            archive.document(station, product, "CLAIMS_FINDINGS", Map.of("hits", List.of(), "cleared", true), null);
            archive.document(station, product, "APPROVAL_FOR_AIR", Map.of("sellingPoints", List.of("point " + p)), "editor");
            archive.link(station, subject, product, "producer");
            slots.add(Map.of("position", p, "productId", p));
        }
        archive.document(station, subject, "RUNDOWN", Map.of("showId", show, "slots", slots), "producer");
        ExecutorService uploads = Executors.newFixedThreadPool(4);
        List<Future<StoredObject>> segments = new ArrayList<>();
        for (int i = 0; i < SEGMENTS; i++) {
            int n = i;
            segments.add(uploads.submit(() -> store.put(prefix + "recording/r1/seg-" + String.format("%05d", n) + ".ts",
                    random(SEGMENT_BYTES, n), "video/mp2t")));
        }
        for (Future<StoredObject> s : segments) {
            archive.object(station, subject, "RECORDING_SEGMENT", s.get(), null);
        }
        uploads.shutdown();
        archive.object(station, subject, "RECORDING_MANIFEST", store.put(prefix + "recording/r1/manifest.json",
                random(400_000, -1), "application/json"), null);
        for (int c = 1; c <= SLOTS; c++) {
            archive.object(station, subject, "CLIP", store.put(prefix + "clips/" + c + "/copy.mp4", random(2_400_000, -c), "video/mp4"), null);
            archive.object(station, subject, "CLIP_RENDITION", store.put(prefix + "clips/" + c + "/vertical.mp4",
                    random(3_000_000, -100 - c), "video/mp4"), null);
            archive.object(station, subject, "CLIP_COVER", store.put(prefix + "clips/" + c + "/cover.jpg", random(60_000, -200 - c),
                    "image/jpeg"), null);
            for (String cue : List.of("STOP_FLASH_SALE", "PIN_PRODUCT", "START_FLASH_SALE")) {
                archive.document(station, subject, "COMMERCE_CUE", Map.of("slot", c, "cue", cue, "state", "SENT"), null);
            }
            archive.document(station, subject, "CLIP_PUBLICATION", Map.of("clip", c, "platform", "douyin", "state", "SENT"), null);
            archive.document(station, subject, "CLIP_PUBLICATION", Map.of("clip", c, "platform", "bilibili", "state", "SENT"), null);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static String publicKey(Path pack) throws Exception {
        try (var zip = new java.util.zip.ZipFile(pack.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("public-key.pem")).readAllBytes());
        }
    }
}
