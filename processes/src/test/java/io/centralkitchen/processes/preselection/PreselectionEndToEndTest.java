package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.catalogue.Product;
import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.catalogue.SupplierQuality;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.preselection.PreselectionClient.Part;
import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.centralkitchen.processes.preselection.PreselectionClient.array;
import static io.centralkitchen.processes.preselection.PreselectionClient.evidenceJson;
import static io.centralkitchen.processes.preselection.PreselectionFixtures.EDITOR;
import static io.centralkitchen.processes.preselection.PreselectionFixtures.REVIEWER_1;
import static io.centralkitchen.processes.preselection.PreselectionFixtures.REVIEWER_2;
import static io.centralkitchen.processes.preselection.PreselectionFixtures.STATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole pre-selection as people do it: a supplier submits over REST with files, reviewers and an editor work
 * their tasks through the engine API as themselves, and the dossier ends complete and verifiable. Then the evidence
 * expires before a show date, the product goes back into review, and the unanswered request runs out.
 */
@KitchenTest
class PreselectionEndToEndTest {

    @org.springframework.beans.factory.annotation.Autowired
    Products products;

    private static final Pattern LINK = Pattern.compile("\\]\\((/api/preselection/evidence/[0-9]+/file)\\)");

    @LocalServerPort
    int port;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MediaStore mediaStore;
    @Autowired
    EvidenceRecheck evidenceRecheck;
    @Autowired
    EvidenceExpiryJob expiryJob;
    @Autowired
    SupplierQuality supplierQuality;
    @Autowired
    Dossier dossier;

    @BeforeEach
    void staff() {
        PreselectionFixtures.ensureStaff(identityService);
    }

    // what the scenario's steps hand on to the next
    long supplierId;
    PreselectionClient supplier;
    LocalDate inspectionValidUntil;
    byte[] businessPdf;
    byte[] foodPdf;
    byte[] inspectionPdf;
    long submissionId;
    long productId;
    JsonNode reReview;

    @Test
    void aProductSubmittedOverRestIsReviewedApprovedAndKeptAirworthy() throws Exception {
        givenASupplierWithItsDocuments();
        whenTheSupplierSubmitsWithoutTheInspectionReportAndSendsItLater();
        thenTwoDifferentReviewersSignTheQualityReview();
        thenAnEditorRewritesTheFlaggedClaimAndApprovesForAir();
        thenTheProductIsApprovedWithAVerifiedDossier();
        whenTheInspectionReportExpiresBeforeTheShowItGoesBackIntoReview();
        thenNobodyRenewsItAndTheReReviewIsRejected();
    }

    void givenASupplierWithItsDocuments() {
        String account = "supplier-" + UUID.randomUUID().toString().substring(0, 8);
        supplierId = PreselectionFixtures.registerSupplier(port, account, false);
        supplier = new PreselectionClient(port, account, PreselectionFixtures.PASSWORD);
        inspectionValidUntil = LocalDate.now().plusDays(30);
        businessPdf = PreselectionClient.pdf("business licence");
        foodPdf = PreselectionClient.pdf("food licence");
        inspectionPdf = PreselectionClient.pdf("inspection report");
    }

    void whenTheSupplierSubmitsWithoutTheInspectionReportAndSendsItLater() throws Exception {
        // The supplier submits without the inspection report: the submission waits for it and the supplier is told.
        TestHttp.Response submitted = supplier.submit(
                Part.json("product", "{\"name\":\"Hengshan black tea\",\"category\":\"FOOD\",\"price\":39.90,\"unit\":\"tin\","
                        + "\"stockOffered\":300,\"sellingPoints\":[\"国家级非遗工艺制作\",\"高山云雾茶园\"],\"scriptLines\":[\"来自衡山的红茶\"]}"),
                Part.json("evidence", array(evidenceJson("BUSINESS_LICENCE", "91430400MA4L000001", null, "business.pdf"),
                        evidenceJson("FOOD_LICENCE", "SC11243040000123", LocalDate.now().plusYears(3).toString(), "food.pdf"))),
                Part.file("files", "business.pdf", "application/pdf", businessPdf),
                Part.file("files", "food.pdf", "application/pdf", foodPdf));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        submissionId = submitted.json().path("submissionId").asLong();
        productId = submitted.json().path("productId").asLong();
        assertThat(submitted.json().path("status").asText()).isEqualTo("WAITING_FOR_EVIDENCE");
        assertThat(submitted.json().path("missingEvidence")).extracting(JsonNode::asText).containsExactly("INSPECTION_REPORT");
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where recipient_type = 'SUPPLIER' and recipient_ref = ?"
                + " and topic = 'preselection.evidence-requested'", Integer.class, String.valueOf(supplierId))).isEqualTo(1);

        TestHttp.Response added = supplier.addEvidence(submissionId,
                Part.json("evidence", array(evidenceJson("INSPECTION_REPORT", "HY-2026-0815", inspectionValidUntil.toString(), "inspection.pdf"))),
                Part.file("files", "inspection.pdf", "application/pdf", inspectionPdf));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("status").asText()).isEqualTo("IN_QUALITY_REVIEW");
    }

    void thenTwoDifferentReviewersSignTheQualityReview() throws Exception {
        // Two quality reviewers; the form carries links through the platform that work for the reviewers.
        List<Task> reviews = tasks(submissionId, "reviewQuality");
        assertThat(reviews).hasSize(2).extracting(Task::getName).as("each reviewer's task says which it is").containsExactlyInAnyOrder(
                "Review quality: Hengshan black tea — review 1 of 2", "Review quality: Hengshan black tea — review 2 of 2");
        String summary = (String) taskService.getVariableLocal(reviews.get(0).getId(), "evidenceSummary");
        assertThat(summary).contains("HY-2026-0815", "until **" + inspectionValidUntil + "**");
        assertThat(download(firstLink(summary))).isEqualTo(inspectionPdf);

        as(EDITOR, KitchenGroups.EDITORS, () -> assertThatThrownBy(() -> taskService.complete(reviews.get(0).getId()))
                .isInstanceOf(AuthorizationException.class));
        as(REVIEWER_1, KitchenGroups.QUALITY_REVIEWERS, () -> {
            taskService.claim(reviews.get(0).getId(), REVIEWER_1);
            taskService.complete(reviews.get(0).getId(), review("approve", "PASS", "Label matches the licence"));
        });
        // the same reviewer cannot take or sign the other review: refused in plain words before the engine is asked ...
        TestHttp reviewer1 = new TestHttp(port).as(REVIEWER_1, PreselectionFixtures.PASSWORD);
        TestHttp.Response claimAgain = reviewer1.postJson("/engine-rest/task/" + reviews.get(1).getId() + "/claim",
                Map.of("userId", REVIEWER_1));
        assertThat(claimAgain.status()).isEqualTo(400);
        assertThat(claimAgain.json().path("message").asText()).contains("You have signed a quality review of this product already")
                .doesNotContain("ENGINE-");
        // ... and the step itself still refuses it, whatever way the completion comes
        as(REVIEWER_1, KitchenGroups.QUALITY_REVIEWERS, () -> {
            taskService.claim(reviews.get(1).getId(), REVIEWER_1);
            assertThatThrownBy(() -> taskService.complete(reviews.get(1).getId(), review("approve", "PASS", "again")))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("already reviewed this product");
            taskService.claim(reviews.get(1).getId(), null);
        });
        as(REVIEWER_2, KitchenGroups.QUALITY_REVIEWERS, () -> {
            taskService.claim(reviews.get(1).getId(), REVIEWER_2);
            taskService.complete(reviews.get(1).getId(), review("approve", "PASS", "Sample tasted and tested"));
        });
    }

    void thenAnEditorRewritesTheFlaggedClaimAndApprovesForAir() throws Exception {
        // The claims check finds 国家级; an editor (not a reviewer) rewrites it.
        Task revise = tasks(submissionId, "reviseClaims").get(0);
        assertThat((String) taskService.getVariable(revise.getId(), "claimsHitSummary")).contains("**国家级**", "ABS-GUOJIAJI");
        assertThat(status(supplier, submissionId)).isEqualTo("IN_CLAIMS_REVIEW");
        as(REVIEWER_1, KitchenGroups.QUALITY_REVIEWERS, () -> assertThatThrownBy(() -> taskService.complete(revise.getId()))
                .isInstanceOf(AuthorizationException.class));
        as(EDITOR, KitchenGroups.EDITORS, () -> {
            taskService.claim(revise.getId(), EDITOR);
            taskService.complete(revise.getId(), Variables.putValue("sellingPoints", "非遗工艺制作\n高山云雾茶园"));
        });

        Task approve = tasks(submissionId, "approveForAir").get(0);
        assertThat((String) taskService.getVariableLocal(approve.getId(), "approvalSummary")).contains(REVIEWER_1, REVIEWER_2, "非遗工艺制作");
        as(EDITOR, KitchenGroups.EDITORS, () -> {
            taskService.claim(approve.getId(), EDITOR);
            taskService.complete(approve.getId(), Variables.putValue("editorDecision", "approve"));
        });
    }

    void thenTheProductIsApprovedWithAVerifiedDossier() throws Exception {
        // Approved, with the approved claims stored and a complete dossier whose files match their checksums.
        assertThat(status(supplier, submissionId)).isEqualTo("APPROVED");
        assertThat(products.require(productId).status()).isEqualTo(Product.APPROVED);
        assertThat(jdbc.queryForList("select claim_text from product_claim where product_id = ? and approved_by = ? order by source desc, position",
                String.class, productId, EDITOR)).containsExactly("非遗工艺制作", "高山云雾茶园", "来自衡山的红茶");
        Submission approved = dossier.requireSubmission(submissionId);
        assertThat(dossier.missingEvidence(approved, LocalDate.now())).isEmpty();
        List<EvidenceDocument> documents = dossier.evidenceFor(supplierId, productId);
        assertThat(documents).extracting(EvidenceDocument::type).contains(EvidenceType.BUSINESS_LICENCE, EvidenceType.FOOD_LICENCE,
                EvidenceType.INSPECTION_REPORT, EvidenceType.SAMPLE_TEST_RESULT);
        assertThat(documents).filteredOn(d -> d.type() == EvidenceType.SAMPLE_TEST_RESULT)
                .extracting(EvidenceDocument::recordedBy).containsExactlyInAnyOrder(REVIEWER_1, REVIEWER_2);
        Map<EvidenceType, byte[]> uploaded = Map.of(EvidenceType.BUSINESS_LICENCE, businessPdf, EvidenceType.FOOD_LICENCE, foodPdf,
                EvidenceType.INSPECTION_REPORT, inspectionPdf);
        for (EvidenceDocument document : documents.stream().filter(d -> d.objectKey() != null).toList()) {
            assertThat(document.objectKey()).startsWith(STATION + "/suppliers/" + supplierId + "/evidence/" + document.id() + "/");
            assertThat(mediaStore.verify(document.objectKey()).sha256()).isEqualTo(document.sha256()).isEqualTo(sha256(uploaded.get(document.type())));
        }
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(approved.processInstanceId())
                .activityId("productApproved").count()).isEqualTo(1);
    }

    void whenTheInspectionReportExpiresBeforeTheShowItGoesBackIntoReview() throws Exception {
        // The inspection report expires before the show: the product goes back into review, once.
        LocalDate showDate = inspectionValidUntil.plusDays(30);
        assertThat(evidenceRecheck.recheckEvidence(productId, inspectionValidUntil.minusDays(1))).isEqualTo(EvidenceRecheck.Outcome.VALID);
        assertThat(evidenceRecheck.recheckEvidence(productId, showDate)).isEqualTo(EvidenceRecheck.Outcome.RE_REVIEW_STARTED);
        assertThat(evidenceRecheck.recheckEvidence(productId, showDate)).isEqualTo(EvidenceRecheck.Outcome.ALREADY_IN_REVIEW);
        assertThat(products.require(productId).status()).isEqualTo(Product.IN_REVIEW);
        reReview = supplier.http().get("/api/preselection/submissions").json().get(0);
        assertThat(reReview.path("kind").asText()).isEqualTo(Submission.RE_REVIEW);
        assertThat(reReview.path("status").asText()).isEqualTo("WAITING_FOR_EVIDENCE");
        assertThat(reReview.path("missingEvidence")).extracting(JsonNode::asText).containsExactly("INSPECTION_REPORT");
    }

    void thenNobodyRenewsItAndTheReReviewIsRejected() throws Exception {
        // Nobody renews it: when the deadline passes, the re-review is rejected.
        String reReviewInstance = dossier.requireSubmission(reReview.path("submissionId").asLong()).processInstanceId();
        Job deadline = managementService.createJobQuery().processInstanceId(reReviewInstance).timers().singleResult();
        managementService.executeJob(deadline.getId());

        assertThat(status(supplier, reReview.path("submissionId").asLong())).isEqualTo("REJECTED");
        assertThat(products.require(productId).status()).isEqualTo(Product.REJECTED);
        assertThat(products.require(productId).statusReason()).contains("still missing: INSPECTION_REPORT");
    }

    @Test
    void aProductSuspendedByAfterSalesIsReReviewedByTheDailyCheckAndReadsTheLoweredScore() {
        String account = "supplier-" + UUID.randomUUID().toString().substring(0, 8);
        long supplierId = PreselectionFixtures.registerSupplier(port, account, true);
        PreselectionClient supplier = new PreselectionClient(port, account, PreselectionFixtures.PASSWORD);
        TestHttp.Response submitted = supplier.submit(
                Part.json("product", "{\"name\":\"Bamboo basket\",\"category\":\"GENERAL\",\"price\":58,\"unit\":\"piece\","
                        + "\"stockOffered\":40,\"sellingPoints\":[\"手工编织\"]}"),
                Part.json("evidence", array(evidenceJson("BUSINESS_LICENCE", "91430400MA4L000002", null, "business.pdf"))),
                Part.file("files", "business.pdf", "application/pdf", PreselectionClient.pdf("business licence")));
        long submissionId = submitted.json().path("submissionId").asLong();
        long productId = submitted.json().path("productId").asLong();
        Task review = tasks(submissionId, "reviewQuality").get(0);
        assertThat(review.getPriority()).as("public-welfare suppliers come first").isEqualTo(90);
        as(REVIEWER_1, KitchenGroups.QUALITY_REVIEWERS, () -> {
            taskService.claim(review.getId(), REVIEWER_1);
            taskService.complete(review.getId(), review("approve", "NOT_TESTED", null));
        });
        Task approve = tasks(submissionId, "approveForAir").get(0);
        as(EDITOR, KitchenGroups.EDITORS, () -> {
            taskService.claim(approve.getId(), EDITOR);
            taskService.complete(approve.getId(), Variables.putValue("editorDecision", "approve"));
        });
        assertThat(products.require(productId).status()).isEqualTo(Product.APPROVED);

        // After-sales: a severe case lowers the score to 30 and suspends the product; it is on next week's show.
        supplierQuality.record(STATION, supplierId, productId, -70, "Mouldy baskets delivered", "test-case:" + UUID.randomUUID());
        products.suspend(STATION, productId, "After-sales case: mould");
        products.setShowDate(productId, LocalDate.now().plusDays(7));

        expiryJob.runFor(LocalDate.now());

        Submission reReview = dossier.submissionsOfSupplier(supplierId).get(0);
        assertThat(reReview.kind()).isEqualTo(Submission.RE_REVIEW);
        assertThat(reReview.status()).isEqualTo(Submission.Status.REJECTED);
        assertThat(reReview.statusReason()).contains("Quality score below 40");
        assertThat(products.require(productId).status()).isEqualTo(Product.REJECTED);
    }

    // ---------------------------------------------------------------- helpers

    private List<Task> tasks(long submissionId, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey("submission-" + submissionId).taskDefinitionKey(key)
                .orderByTaskId().asc().list();
    }

    private void as(String user, String group, Runnable action) {
        identityService.setAuthentication(user, List.of(group), List.of(STATION));
        try {
            action.run();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static Map<String, Object> review(String decision, String sample, String comment) {
        return Variables.putValue("qualityDecision", decision).putValue("sampleResult", sample)
                .putValue("sampleReportNumber", "LAB-" + UUID.randomUUID().toString().substring(0, 6))
                .putValue("sampleLab", "Hengyang Food Inspection Institute").putValue("qualityComment", comment);
    }

    private static String status(PreselectionClient supplier, long submissionId) {
        return supplier.http().get("/api/preselection/submissions/" + submissionId).json().path("status").asText();
    }

    private static String firstLink(String markdown) {
        Matcher m = LINK.matcher(markdown);
        assertThat(m.find()).as("a download link in %s", markdown).isTrue();
        return m.group(1);
    }

    private byte[] download(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((REVIEWER_2 + ":"
                        + PreselectionFixtures.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
