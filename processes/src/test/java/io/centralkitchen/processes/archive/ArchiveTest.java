package io.centralkitchen.processes.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.aftersales.AfterSalesCases;
import io.centralkitchen.processes.archive.verify.Checkpoint;
import io.centralkitchen.processes.archive.verify.PackVerifier;
import io.centralkitchen.processes.catalogue.SupplierQuality;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.station.StationService;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.RetainedObjectException;
import io.centralkitchen.storage.StoredObject;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The archive of a station, end to end: pre-selection, a show plan, a case and a supplier-score change recorded by the
 * platform's own steps, the recording, clip and platform answers fed to the log as the live show records them; the
 * show's evidence pack holds every kind and verifies OK offline. Then a byte flipped in a stored segment, an edited
 * quality-review row and a deleted log entry are each named by the verifier and by the platform's own check; an
 * archived object cannot be deleted; another station cannot have the pack.
 */
@KitchenTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveTest {

    static final String A = "archive-a";
    static final String B = "radio-two";
    static final Set<String> EVERY_KIND = Set.of("DOSSIER_FILE", "EVIDENCE_DATA", "ELIGIBILITY", "QC_REVIEW", "CLAIMS_FINDINGS",
            "APPROVAL_FOR_AIR", "RUNDOWN", "LINK", "RECORDING_SEGMENT", "RECORDING_MANIFEST", "CLIP", "CLIP_REVIEW",
            "COMMERCE_CUE", "CLIP_PUBLICATION", "CASE_OPENED", "CASE_OUTCOME", "SUPPLIER_SCORE_CHANGE");

    @LocalServerPort
    int port;
    @Autowired
    StationService stations;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MediaStore store;
    @Autowired
    ArchiveLog archive;
    @Autowired
    DemoCatalogue catalogue;
    @Autowired
    AfterSalesCases cases;
    @Autowired
    SupplierQuality supplierQuality;

    final String tag = UUID.randomUUID().toString().substring(0, 6);
    final String showId = "archive-show-" + tag;
    final String password = "archive-test-pass";
    ArchivedShow fixture;
    PackClient packs;

    @BeforeAll
    void aStationWithAShowOnRecord() throws Exception {
        stations.register(A, "Archive Station A");
        user("compliance-a-" + tag, A, KitchenGroups.COMPLIANCE);
        user("compliance-b-" + tag, B, KitchenGroups.COMPLIANCE);
        user("producer-a-" + tag, A, KitchenGroups.PRODUCERS);
        user("reviewer-a-" + tag, A, KitchenGroups.QUALITY_REVIEWERS);
        packs = new PackClient(port, password);
        fixture = new ArchivedShow(port, jdbc, taskService, store, archive, catalogue, A, showId, tag);
        fixture.preselectAndReview(password, "reviewer-a-" + tag);
        fixture.planRecordAndSell(cases, supplierQuality);
    }

    @Test
    @Order(1)
    void theShowsPackHoldsEveryKindOfArtefactAndVerifiesOk() throws Exception {
        Path pack = packs.download(compliance("a"), A, showId);
        assertThat(PackVerifier.verify(pack, publicKey()).message()).startsWith("OK");
        JsonNode manifest = PackClient.manifest(pack);
        Set<String> kinds = new TreeSet<>();
        manifest.path("entries").forEach(e -> kinds.add(e.path("kind").asText()));
        assertThat(kinds).containsAll(EVERY_KIND);
        assertThat(manifest.path("subjects").toString()).contains("PRODUCT:" + fixture.submittedProduct, "CASE:" + fixture.caseRef);
        assertThat(packs.check(compliance("a"), A).path("intact").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void anotherStationOrAnotherGroupCannotHaveThePack() {
        assertThat(packs.status(compliance("b"), "/api/stations/" + A + "/archive/shows/" + showId + "/pack")).isEqualTo(404);
        assertThat(packs.status(compliance("b"), "/api/stations/" + A + "/archive/check")).isEqualTo(404);
        assertThat(packs.status(compliance("b"), "/api/stations/" + B + "/archive/shows/" + showId + "/pack"))
                .as("the show is not in B's archive").isEqualTo(404);
        assertThat(packs.status("producer-a-" + tag, "/api/stations/" + A + "/archive/shows/" + showId + "/pack")).isEqualTo(403);
    }

    @Test
    @Order(3)
    void aByteFlippedInAStoredSegmentIsNamed() throws Exception {
        Path file = Path.of("target/test-data/shared/objects", store.bucket(), fixture.segmentKey);
        byte[] original = Files.readAllBytes(file);
        byte[] flipped = original.clone();
        flipped[1000] ^= 0x01;
        Files.write(file, flipped);
        try {
            assertNamed(fixture.segmentKey);
        } finally {
            Files.write(file, original);
        }
        assertThat(PackVerifier.verify(packs.download(compliance("a"), A, showId), publicKey()).ok()).isTrue();
    }

    @Test
    @Order(4)
    void anEditedReviewRowIsNamed() throws Exception {
        String before = jdbc.queryForObject("select comment_text from quality_review where id = ?", String.class, fixture.reviewId);
        jdbc.update("update quality_review set comment_text = 'approved, all fine' where id = ?", fixture.reviewId);
        try {
            assertNamed("quality_review#" + fixture.reviewId);
        } finally {
            jdbc.update("update quality_review set comment_text = ? where id = ?", before, fixture.reviewId);
        }
        assertThat(PackVerifier.verify(packs.download(compliance("a"), A, showId), publicKey()).ok()).isTrue();
    }

    @Test
    @Order(5)
    void aDeletedLogEntryIsNamed() throws Exception {
        Map<String, Object> cue = jdbc.queryForMap("select * from archive_entry where station_id = ? and subject_id = ?"
                + " and kind = 'COMMERCE_CUE'", A, showId);
        jdbc.update("delete from archive_entry where id = ?", cue.get("ID"));
        try {
            assertNamed("log entry #" + cue.get("LEAF_INDEX") + " ");
        } finally {
            fixture.reinsert(cue);
        }
        assertThat(PackVerifier.verify(packs.download(compliance("a"), A, showId), publicKey()).ok()).isTrue();
    }

    @Test
    @Order(6)
    void anArchivedObjectCannotBeDeletedOrOverwrittenBeforeItsRetentionDate() {
        assertThatThrownBy(() -> store.delete(fixture.segmentKey)).isInstanceOf(RetainedObjectException.class)
                .hasMessageContaining(fixture.segmentKey).hasMessageContaining("retained until")
                .satisfies(e -> assertThat(((RetainedObjectException) e).retainUntil())
                        .isAfter(Instant.now().plus(3 * 365 - 1, ChronoUnit.DAYS)));
        assertThatThrownBy(() -> store.put(fixture.segmentKey, new byte[]{0}, "video/mp2t"))
                .as("writing over it is refused as well").isInstanceOf(RetainedObjectException.class);
        assertThat(store.verify(fixture.segmentKey).sha256()).isEqualTo(fixture.segmentSha256);
        StoredObject scratch = store.put(A + "/scratch/" + tag + ".bin", new byte[]{1, 2, 3}, "application/octet-stream");
        store.delete(scratch.key());
        assertThat(store.exists(scratch.key())).as("objects outside the archive are deleted as before").isFalse();
        JsonNode health = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD).get("/actuator/health").json()
                .path("components").path("archive");
        assertThat(health.path("details").path("objectLock").asBoolean()).isFalse();
        assertThat(health.path("details").path("retentionEnforcedBy").asText()).contains("delete guard only");
        assertThat(health.path("details").path("retention").asText()).isEqualTo("P3Y");
    }

    private void assertNamed(String name) throws Exception {
        PackVerifier.Result result = PackVerifier.verify(packs.download(compliance("a"), A, showId), publicKey());
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains(name);
        JsonNode report = packs.check(compliance("a"), A);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("problems").toString()).contains(name);
        JsonNode health = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD).get("/actuator/health").json();
        assertThat(health.path("components").path("archive").path("details").path("integrity").path(A).asText()).contains(name);
    }

    private PublicKey publicKey() {
        TestHttp.Response pem = new TestHttp(port).as(compliance("a"), password).get("/api/archive/public-key");
        assertThat(pem.status()).isEqualTo(200);
        return Checkpoint.publicKey(pem.body());
    }

    private String compliance(String station) {
        return "compliance-" + station + "-" + tag;
    }

    private void user(String id, String station, String group) {
        User user = identityService.newUser(id);
        user.setPassword(password);
        identityService.saveUser(user);
        identityService.createMembership(id, group);
        identityService.createTenantUserMembership(station, id);
    }
}
