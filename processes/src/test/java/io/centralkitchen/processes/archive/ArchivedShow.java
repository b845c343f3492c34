package io.centralkitchen.processes.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.aftersales.AfterSalesCases;
import io.centralkitchen.processes.catalogue.SupplierQuality;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.preselection.PreselectionClient;
import io.centralkitchen.processes.preselection.PreselectionClient.Part;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StoredObject;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A station's show with everything the archive keeps: a product through pre-selection (dossier, eligibility and a quality
 * review by the platform's own steps), a planned show (its rundown), a case and a supplier-score change (the platform's
 * repositories), and what the live show and clipping record (segments, manifest, clip, review, cue and publication
 * answers), fed to the archive log as those steps do.
 */
final class ArchivedShow {

    private final TestHttp http;
    private final JdbcTemplate jdbc;
    private final TaskService taskService;
    private final MediaStore store;
    private final ArchiveLog archive;
    private final DemoCatalogue catalogue;
    private final String station;
    private final String showId;
    private final String tag;
    private final int port;

    long submittedProduct;
    long reviewId;
    String segmentKey;
    String segmentSha256;
    String caseRef;

    ArchivedShow(int port, JdbcTemplate jdbc, TaskService taskService, MediaStore store, ArchiveLog archive,
                 DemoCatalogue catalogue, String station, String showId, String tag) {
        this.port = port;
        this.http = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD);
        this.jdbc = jdbc;
        this.taskService = taskService;
        this.store = store;
        this.archive = archive;
        this.catalogue = catalogue;
        this.station = station;
        this.showId = showId;
        this.tag = tag;
    }

    void preselectAndReview(String password, String reviewer) {
        String account = "archive-supplier-" + tag;
        TestHttp.Response registered = http.postJson("/api/preselection/suppliers", Map.of("stationId", station, "name",
                "Co-op " + tag, "creditCode", PreselectionClient.creditCode(), "county", "Hengshan", "accountUserId", account,
                "accountPassword", password));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String future = LocalDate.now().plusYears(2).toString();
        TestHttp.Response submitted = new PreselectionClient(port, account, password).submit(
                Part.json("product", "{\"name\":\"Tea\",\"category\":\"FOOD\",\"price\":39.90,\"unit\":\"tin\",\"stockOffered\":50}"),
                Part.json("evidence", PreselectionClient.array(
                        PreselectionClient.evidenceJson("BUSINESS_LICENCE", "91430400MA4L000001", null, "business.pdf"),
                        PreselectionClient.evidenceJson("FOOD_LICENCE", "SC11243040000123", future, "food.pdf"),
                        PreselectionClient.evidenceJson("INSPECTION_REPORT", "HY-2026-0815", future, "inspection.pdf"))),
                Part.file("files", "business.pdf", "application/pdf", PreselectionClient.pdf("business")),
                Part.file("files", "food.pdf", "application/pdf", PreselectionClient.pdf("food")),
                Part.file("files", "inspection.pdf", "application/pdf", PreselectionClient.pdf("inspection")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        JsonNode answer = submitted.json();
        submittedProduct = answer.path("productId").asLong();
        long submissionId = answer.path("submissionId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> !reviewTasks(submissionId).isEmpty());
        Task review = reviewTasks(submissionId).get(0);
        TestHttp signer = new TestHttp(port).as(reviewer, password);
        assertThat(signer.postJson("/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", reviewer)).status()).isEqualTo(204);
        TestHttp.Response completed = signer.postJson("/engine-rest/task/" + review.getId() + "/complete", Map.of("variables", Map.of(
                "qualityDecision", Map.of("value", "approve"), "sampleResult", Map.of("value", "PASS"),
                "sampleReportNumber", Map.of("value", "LAB-" + tag), "qualityComment", Map.of("value", "Tin sealed, tea dry"))));
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        reviewId = jdbc.queryForObject("select id from quality_review where submission_id = ?", Long.class, submissionId);
        ArchiveSubject product = ArchiveSubject.product(submittedProduct);
        archive.document(station, product, "CLAIMS_FINDINGS", Map.of("submissionId", submissionId, "hits", List.of(), "cleared", true),
                "editor-" + tag);
        archive.document(station, product, "APPROVAL_FOR_AIR", Map.of("submissionId", submissionId, "sellingPoints",
                List.of("Spring harvest"), "approvedBy", "editor-" + tag), "editor-" + tag);
    }

    void planRecordAndSell(AfterSalesCases cases, SupplierQuality supplierQuality) throws Exception {
        long product = catalogue.seed(station, "Archive co-op " + tag, "Hengshan", DemoCatalogue.HARVEST.subList(0, 1),
                Path.of("target/test-data/archive")).get(0);
        TestHttp.Response planned = http.postJson("/api/shows", Map.of("id", showId, "stationId", station, "title", "Harvest " + tag,
                "airTime", Instant.now().plus(2, ChronoUnit.DAYS).toString(), "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(Map.of("id", "website", "preset", "website")), "slots", List.of(Map.of("productId", product))));
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        ArchiveSubject show = ArchiveSubject.show(showId);
        archive.link(station, show, ArchiveSubject.product(submittedProduct), "producer-" + tag);
        record(show);
        caseRef = "douyin:complaint:c-" + tag;
        long supplier = jdbc.queryForObject("select supplier_id from product where id = ?", Long.class, product);
        long caseId = cases.open(new AfterSalesCases.NewCase(station, caseRef, "douyin", "COMPLAINT", "t-" + tag, "o-" + tag, product,
                supplier, "QUALITY", "The tea arrived damp", new BigDecimal("39.90")));
        cases.resolved(caseId, "REFUND", "Refunded in full", new BigDecimal("39.90"), true, false);
        supplierQuality.record(station, supplier, product, -5, "Confirmed quality complaint " + caseRef, "archive-test:" + tag);
    }

    /** What the live show, the clipping and the platforms leave: segments and manifest, a clip, its review, the answers. */
    private void record(ArchiveSubject show) {
        String prefix = station + "/shows/" + showId + "/";
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] content = new byte[4096];
            ThreadLocalRandom.current().nextBytes(content);
            StoredObject segment = store.put(prefix + "recording/r1/segment-" + i + ".ts", content, "video/mp2t");
            archive.object(station, show, "RECORDING_SEGMENT", segment, "system");
            segments.add(segment.key());
        }
        segmentKey = segments.get(1);
        segmentSha256 = store.stat(segmentKey).sha256();
        StoredObject manifest = store.put(prefix + "recording/r1/manifest.json", ("{\"segments\":" + segments.size() + "}")
                .getBytes(StandardCharsets.UTF_8), "application/json");
        archive.object(station, show, "RECORDING_MANIFEST", manifest, "system");
        StoredObject clip = store.put(prefix + "clips/1/copy.mp4", new byte[2048], "video/mp4");
        archive.object(station, show, "CLIP", clip, "system");
        archive.document(station, show, "CLIP_REVIEW", Map.of("clipId", 1, "decision", "approve"), "marketer-" + tag);
        archive.document(station, show, "COMMERCE_CUE", Map.of("platform", "douyin", "state", "SENT", "answer", "cue-1"), null);
        archive.document(station, show, "CLIP_PUBLICATION", Map.of("platform", "douyin", "state", "SENT", "answer", "clip-1"), null);
    }

    /** Puts a deleted log entry back as it was. */
    void reinsert(Map<String, Object> row) {
        Map<String, Object> columns = new LinkedHashMap<>(row);
        String names = String.join(", ", columns.keySet());
        String marks = String.join(", ", columns.keySet().stream().map(c -> "?").toList());
        jdbc.update("insert into archive_entry (" + names + ") values (" + marks + ")", columns.values().toArray());
    }

    private List<Task> reviewTasks(long submissionId) {
        return taskService.createTaskQuery().processInstanceBusinessKey("submission-" + submissionId)
                .taskDefinitionKey("reviewQuality").list();
    }
}
