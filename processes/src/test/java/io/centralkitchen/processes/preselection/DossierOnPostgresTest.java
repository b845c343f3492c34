package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.catalogue.ProductCategory;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.notification.Notification;
import io.centralkitchen.processes.notification.OutboxNotifier;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-selection schema (V10–V12) and the dossier's SQL on a real PostgreSQL server; the application tests run
 * the same code on H2.
 */
class DossierOnPostgresTest {

    static EmbeddedPostgres postgres;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).table("kitchen_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        jdbc.update("insert into station (id, name, created_at) values ('pg-station', 'PG Station', current_timestamp)");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aDossierIsRecordedAndItsMissingEvidenceComputed() {
        jdbc.update("insert into supplier (station_id, name, credit_code, account_user_id, created_at)"
                + " values ('pg-station', 'Tea Co-op', ?, 'pg-supplier', current_timestamp)", PreselectionClient.creditCode());
        long supplierId = jdbc.queryForObject("select id from supplier where account_user_id = 'pg-supplier'", Long.class);
        Dossier dossier = new Dossier(jdbc);
        Products products = new Products(jdbc, event -> { });

        long productId = products.insert("pg-station", supplierId, "Black tea", ProductCategory.FOOD, new BigDecimal("39.90"), "tin",
                100, List.of("高山云雾茶园"), List.of());
        long submissionId = dossier.insertSubmission("pg-station", supplierId, productId, Submission.FIRST_SUBMISSION, "pg-supplier", null);
        dossier.setEligibility(submissionId, List.of(EvidenceType.BUSINESS_LICENCE, EvidenceType.FOOD_LICENCE, EvidenceType.INSPECTION_REPORT), 50);
        long licence = dossier.insertEvidence("pg-station", supplierId, null, submissionId, EvidenceType.BUSINESS_LICENCE, "9143",
                "AMR", null, null, null, null, "pg-supplier");
        dossier.setEvidenceFile(licence, "pg-station/suppliers/" + supplierId + "/evidence/" + licence + "/b.pdf", "b.pdf",
                "application/pdf", 10, "ab".repeat(32));
        dossier.insertEvidence("pg-station", supplierId, productId, submissionId, EvidenceType.FOOD_LICENCE, "SC1", "AMR",
                LocalDate.now().minusYears(1), LocalDate.now().plusDays(10), null, null, "pg-supplier");

        Submission submission = dossier.requireSubmission(submissionId);
        assertThat(submission.requiredEvidence()).hasSize(3);
        assertThat(dossier.missingEvidence(submission, LocalDate.now())).containsExactly(EvidenceType.INSPECTION_REPORT);
        assertThat(dossier.missingEvidence(submission, LocalDate.now().plusDays(20)))
                .containsExactly(EvidenceType.FOOD_LICENCE, EvidenceType.INSPECTION_REPORT);
        assertThat(dossier.evidenceFor(supplierId, productId)).hasSize(2);
        assertThat(dossier.hasOpenSubmission(productId)).isTrue();

        dossier.setStatus(submissionId, Submission.Status.APPROVED, "ok");
        products.changeStatus(productId, Product.APPROVED, null);
        products.setShowDate(productId, LocalDate.now().plusDays(5));
        assertThat(dossier.lastApproved(productId)).isPresent();
        assertThat(products.scheduledOnOrAfter(LocalDate.now())).contains(productId);
        assertThat(dossier.submissionsOfStations(List.of("pg-station"), false)).extracting(Submission::id).containsExactly(submissionId);
        assertThat(products.switchStatus(productId, Product.APPROVED, Product.IN_REVIEW, "expiring")).isTrue();
        assertThat(products.switchStatus(productId, Product.APPROVED, Product.IN_REVIEW, "expiring")).isFalse();
        assertThat(products.require(productId).showDate()).isEqualTo(LocalDate.now().plusDays(5));
    }

    @Test
    void theShippedClaimsRulesCompileAndMatchOnPostgres() {
        ClaimsRules rules = new ClaimsRules(jdbc);

        assertThat(rules.active()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(rules.checker().check(ProductCategory.FOOD, List.of("最好的茶，能治疗失眠"), List.of(), Set.of()))
                .extracting(ClaimsChecker.Hit::ruleCode).containsExactly("ABS-ZUI", "MED-TREAT");
    }

    @Test
    void theOutboxRecordsANotificationOnce() {
        OutboxNotifier notifier = new OutboxNotifier(jdbc);
        Notification n = new Notification("pg-station", "SUPPLIER", "1", "preselection.evidence-requested", "subject", "body",
                "submission:1", "pg-dedup-1");

        assertThat(notifier.notify(n)).isTrue();
        assertThat(notifier.notify(n)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where dedup_key = 'pg-dedup-1' and sent_at is null",
                Integer.class)).isEqualTo(1);
    }
}
