package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.preselection.PreselectionClient.Part;
import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import static io.centralkitchen.processes.preselection.PreselectionClient.array;
import static io.centralkitchen.processes.preselection.PreselectionClient.evidenceJson;
import static io.centralkitchen.processes.preselection.PreselectionClient.pdf;
import static org.assertj.core.api.Assertions.assertThat;

/** The supplier submission API over HTTP: what it accepts, what it refuses, and that a refusal stores nothing. */
@KitchenTest
class SubmissionApiTest {

    static final String FUTURE = LocalDate.now().plusYears(2).toString();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MediaStore mediaStore;
    @Autowired
    IdentityService identityService;

    String account;
    long supplierId;
    PreselectionClient supplier;

    @BeforeEach
    void aSupplierWithAnAccount() {
        account = "supplier-" + UUID.randomUUID().toString().substring(0, 8);
        supplierId = PreselectionFixtures.registerSupplier(port, account, false);
        supplier = new PreselectionClient(port, account, PreselectionFixtures.PASSWORD);
    }

    @Test
    void aCompleteSubmissionGetsAnIdAndAStatusThatTheSupplierCanPoll() {
        TestHttp.Response submitted = supplier.submit(product("FOOD", "39.90"), completeFoodEvidence(),
                licenceFile("business.pdf"), licenceFile("food.pdf"), licenceFile("inspection.pdf"),
                Part.file("media", "tin.png", "image/png", PreselectionClient.png()));

        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        JsonNode body = submitted.json();
        long submissionId = body.path("submissionId").asLong();
        assertThat(body.path("status").asText()).isEqualTo("IN_QUALITY_REVIEW");
        assertThat(body.path("requiredEvidence")).extracting(JsonNode::asText)
                .containsExactly("BUSINESS_LICENCE", "FOOD_LICENCE", "INSPECTION_REPORT");
        assertThat(body.path("evidence")).hasSize(3).allSatisfy(e -> assertThat(e.path("sha256").asText()).hasSize(64));

        JsonNode polled = supplier.http().get("/api/preselection/submissions/" + submissionId).json();
        assertThat(polled.path("status").asText()).isEqualTo("IN_QUALITY_REVIEW");
        assertThat(supplier.http().get("/api/preselection/submissions").json()).extracting(s -> s.path("submissionId").asLong())
                .containsExactly(submissionId);
        assertThat(jdbc.queryForObject("select count(*) from product_media where product_id = ?", Integer.class,
                body.path("productId").asLong())).isEqualTo(1);

        String otherAccount = "supplier-" + UUID.randomUUID().toString().substring(0, 8);
        PreselectionFixtures.registerSupplier(port, otherAccount, false);
        TestHttp other = new TestHttp(port).as(otherAccount, PreselectionFixtures.PASSWORD);
        assertThat(other.get("/api/preselection/submissions/" + submissionId).status()).isEqualTo(404);
        assertThat(other.get("/api/preselection/submissions").json()).isEmpty();
        // Supplier accounts have no rights in the engine itself.
        assertThat(supplier.http().get("/engine-rest/task").json()).isEmpty();
    }

    @Test
    void anUnknownCategoryIsRefusedAndNothingIsStored() {
        TestHttp.Response refused = supplier.submit(product("CAVIAR", "39.90"), completeFoodEvidence(),
                licenceFile("business.pdf"), licenceFile("food.pdf"), licenceFile("inspection.pdf"));

        assertRefused(refused, "product.category", "Unknown category 'CAVIAR'");
    }

    @Test
    void aNegativePriceIsRefusedAndNothingIsStored() {
        TestHttp.Response refused = supplier.submit(product("FOOD", "-1.50"), completeFoodEvidence(),
                licenceFile("business.pdf"), licenceFile("food.pdf"), licenceFile("inspection.pdf"));

        assertRefused(refused, "product.price", "Price must not be negative, got -1.50");
    }

    @Test
    void aPriceThatIsNoNumberIsRefusedWithItsField() {
        TestHttp.Response refused = supplier.submit(Part.json("product", productJson("FOOD", "\"cheap\"")));

        assertRefused(refused, "product.price", "not valid JSON for this API at 'product.price'");
    }

    @Test
    void aFileThatIsNotPdfJpegOrPngIsRefusedByItsContentWhateverItClaims() {
        TestHttp.Response refused = supplier.submit(product("FOOD", "39.90"), completeFoodEvidence(),
                licenceFile("business.pdf"), licenceFile("food.pdf"),
                Part.file("files", "inspection.pdf", "application/pdf", "MZ\u0090 pretending to be a PDF".getBytes(StandardCharsets.UTF_8)));

        assertRefused(refused, "files[inspection.pdf]", "File 'inspection.pdf' is not a PDF, JPEG or PNG file (checked by its content)");
    }

    @Test
    void anOversizedFileIsRefusedAndNothingIsStored() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);

        TestHttp.Response refused = supplier.submit(product("FOOD", "39.90"), completeFoodEvidence(),
                licenceFile("business.pdf"), licenceFile("food.pdf"), Part.file("files", "inspection.pdf", "application/pdf", big));

        assertRefused(refused, "files[inspection.pdf]", "is 10485761 bytes, larger than the 10485760 bytes allowed");
    }

    @Test
    void evidenceThatHasAlreadyExpiredIsRefusedAndNothingIsStored() {
        String yesterday = LocalDate.now().minusDays(1).toString();
        TestHttp.Response refused = supplier.submit(product("FOOD", "39.90"),
                Part.json("evidence", array(evidenceJson("BUSINESS_LICENCE", "91430400MA4L000001", null, "business.pdf"),
                        evidenceJson("FOOD_LICENCE", "SC11243040000123", yesterday, "food.pdf"))),
                licenceFile("business.pdf"), licenceFile("food.pdf"));

        assertRefused(refused, "evidence[1].validUntil", "FOOD_LICENCE SC11243040000123 expired on " + yesterday);
    }

    @Test
    void aFileNoEvidenceItemDescribesIsRefused() {
        TestHttp.Response refused = supplier.submit(product("GENERAL", "10"),
                Part.json("evidence", array(evidenceJson("BUSINESS_LICENCE", "91430400MA4L000001", null, "business.pdf"))),
                licenceFile("business.pdf"), licenceFile("stray.pdf"));

        assertRefused(refused, "files[stray.pdf]", "is not described by any evidence item");
    }

    /**
     * A write that fails after the files were uploaded (here: the station has no models, so the process cannot start)
     * rolls back the rows and deletes the objects.
     */
    @Test
    void aFailureAfterTheUploadsLeavesNeitherRowsNorObjects() {
        String station = "no-models-" + UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("insert into station (id, name, created_at) values (?, 'Station without models', current_timestamp)", station);
        jdbc.update("insert into supplier (station_id, name, credit_code, created_at) values (?, 'Orphan Supplier', ?, current_timestamp)",
                station, PreselectionClient.creditCode());
        long orphan = jdbc.queryForObject("select id from supplier where station_id = ?", Long.class, station);
        PreselectionClient admin = new PreselectionClient(port, "admin", KitchenTest.ADMIN_PASSWORD);

        TestHttp.Response failed = admin.submit(Part.json("product", productJson("GENERAL", "10").replace("{", "{\"supplierId\":" + orphan + ",")),
                Part.json("evidence", array(evidenceJson("BUSINESS_LICENCE", "91430400MA4L000001", null, "business.pdf"))),
                licenceFile("business.pdf"));

        assertThat(failed.status()).as(failed.body()).isGreaterThanOrEqualTo(400);
        assertNothingStored(station, orphan);
    }

    @Test
    void theApiIsDocumentedWithOpenApi() {
        assertThat(new TestHttp(port).get("/v3/api-docs").status()).as("documented for signed-in users only").isEqualTo(401);
        JsonNode docs = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD).get("/v3/api-docs").json();

        assertThat(docs.path("paths").has("/api/preselection/submissions")).as(docs.toString()).isTrue();
        assertThat(docs.path("paths").has("/api/preselection/submissions/{submissionId}/evidence")).isTrue();
        assertThat(new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD).get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(docs.path("components").path("schemas").has("ProductForm")).as(docs.path("components").toString() + docs.path("paths").path("/api/preselection/submissions").toString()).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private void assertRefused(TestHttp.Response refused, String field, String message) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo(field);
        assertThat(refused.json().path("message").asText()).contains(message);
        assertNothingStored(PreselectionFixtures.STATION, supplierId);
    }

    private void assertNothingStored(String station, long supplier) {
        for (String table : new String[]{"product", "preselection_submission", "evidence_document"}) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where supplier_id = ?", Integer.class, supplier))
                    .as("rows in %s", table).isZero();
        }
        assertThat(mediaStore.list(io.centralkitchen.storage.StationKeys.supplier(station, supplier))).as("objects of the supplier").isEmpty();
    }

    static Part product(String category, String price) {
        return Part.json("product", productJson(category, price));
    }

    static String productJson(String category, String price) {
        return "{\"name\":\"Hengshan black tea 250 g\",\"category\":\"" + category + "\",\"price\":" + price
                + ",\"unit\":\"tin\",\"stockOffered\":500,\"sellingPoints\":[\"高山云雾茶园\",\"香气浓郁\"],"
                + "\"scriptLines\":[\"来自衡山的红茶\"]}";
    }

    static Part completeFoodEvidence() {
        return Part.json("evidence", array(evidenceJson("BUSINESS_LICENCE", "91430400MA4L000001", null, "business.pdf"),
                evidenceJson("FOOD_LICENCE", "SC11243040000123", FUTURE, "food.pdf"),
                evidenceJson("INSPECTION_REPORT", "HY-2026-0815", FUTURE, "inspection.pdf")));
    }

    static Part licenceFile(String name) {
        return Part.file("files", name, "application/pdf", pdf(name));
    }
}
