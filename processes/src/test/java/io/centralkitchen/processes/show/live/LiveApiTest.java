package io.centralkitchen.processes.show.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The producers' live API and public HLS playback, on the whole platform (rehearsal feed: the test pattern). */
@KitchenTest
@ExtendWith(OutputCaptureExtension.class)
class LiveApiTest {

    static final String PUSH_KEY = "kitchen-test-push-key-a1b2";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    io.centralkitchen.storage.MediaStore store;

    @Test
    void aProducerGoesLiveMarksProductsAndTheWebsitePlaysHls(CapturedOutput output) {
        user("pia", KitchenGroups.PRODUCERS);
        user("ed", KitchenGroups.EDITORS);
        TestHttp producer = new TestHttp(port).as("pia", "pia-password");
        String show = "api-live-" + System.nanoTime() % 100000;
        TestHttp.Response notPlanned = producer.postJson("/api/shows/" + show + "/live/start", Map.of("stationId", "station-1",
                "ingest", Map.of("mode", "TEST_PATTERN")));
        assertThat(notPlanned.status()).as("the live engine runs planned shows only").isEqualTo(404);
        plan(show, "station-1");

        TestHttp.Response unplanned = producer.postJson("/api/shows/" + show + "/live/start", Map.of("stationId", "station-1",
                "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(Map.of("id", "douyin-main", "preset", "douyin", "secretId", "nope"))));
        assertThat(unplanned.status()).as("one way on air: as planned").isEqualTo(400);
        assertThat(unplanned.json().path("message").asText()).contains("planned with the show");
        assertThat(new TestHttp(port).as("ed", "ed-password").postJson("/api/shows/" + show + "/live/start",
                Map.of("stationId", "station-1", "ingest", Map.of("mode", "TEST_PATTERN"))).status()).isEqualTo(403);

        TestHttp.Response noStation = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD).postJson(
                "/api/shows/" + show + "/live/start", Map.of("stationId", "no-such-station", "ingest", Map.of("mode", "TEST_PATTERN")));
        assertThat(noStation.status()).isEqualTo(400);
        assertThat(noStation.json().path("field").asText()).isEqualTo("stationId");

        TestHttp.Response started = producer.postJson("/api/shows/" + show + "/live/start", Map.of("stationId", "station-1"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.body()).doesNotContain(PUSH_KEY).contains("rtmp://127.0.0.1:9/…/****a1b2");
        assertThat(destination(started.json(), "website").path("target").asText()).isEqualTo("/live/" + show + "/index.m3u8");

        TestHttp viewer = new TestHttp(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> viewer.get("/live/" + show + "/index.m3u8").status() == 200
                && viewer.get("/live/" + show + "/index.m3u8").body().contains(".ts"));
        String playlist = viewer.get("/live/" + show + "/index.m3u8").body();
        String segment = playlist.lines().filter(l -> l.endsWith(".ts")).findFirst().orElseThrow();
        assertThat(viewer.get("/live/" + show + "/" + segment.substring(segment.lastIndexOf('/') + 1)).status()).isEqualTo(200);
        assertThat(viewer.get("/live/" + show + "/..%2F..%2Fsecrets").status()).isIn(400, 404);
        await("the owner copies its HLS to the store, for every node to serve").atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject("select count(*) from live_lease where show_id = ?", Integer.class, show) == 1
                        && store.exists(io.centralkitchen.processes.show.live.cluster.HlsMirror.key("station-1", show, "index.m3u8")));

        TestHttp.Response marker = producer.postJson("/api/shows/" + show + "/live/markers",
                Map.of("kind", "PRODUCT_ON_AIR", "productId", 42, "label", "Navel oranges"));
        assertThat(marker.status()).isEqualTo(201);
        assertThat(marker.json().path("streamMillis").asLong()).isPositive();
        TestHttp.Response badMarker = producer.postJson("/api/shows/" + show + "/live/markers", Map.of("kind", "LUNCH"));
        assertThat(badMarker.status()).isEqualTo(400);
        assertThat(badMarker.json().path("field").asText()).isEqualTo("kind");
        assertThat(producer.get("/api/shows/" + show + "/live/markers").json().get(0).path("productId").asLong()).isEqualTo(42);
        JsonNode stats = producer.get("/api/shows/" + show + "/live/stats").json();
        assertThat(destination(stats, "website").path("state").asText()).isEqualTo("LIVE");
        await().atMost(Duration.ofSeconds(20)).until(() -> destination(producer.get("/api/shows/" + show + "/live/stats").json(), "unreachable").path("lastError").asText().contains("Connection refused"));
        TestHttp.Response failing = producer.get("/api/shows/" + show + "/live/stats");
        assertThat(failing.body()).doesNotContain(PUSH_KEY);
        assertThat(destination(failing.json(), "unreachable").path("state").asText()).isIn("RECONNECTING", "CONNECTING");
        // (Spring Boot tests do not export to Prometheus; the gauges behind /actuator/prometheus are these)
        assertThat(meters.get("kitchen.live.destination.state").tags("show", show, "destination", "website").gauge().value())
                .isEqualTo(1.0);
        assertThat(meters.get("kitchen.live.destination.reconnects").tags("show", show, "destination", "unreachable").gauge())
                .isNotNull();
        assertThat(meters.get("kitchen.live.encoders").tags("show", show).gauge().value()).as("two distinct profiles").isEqualTo(2.0);
        assertThat(new TestHttp(port).get("/api/shows/" + show + "/live/stats").status()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from live_recording_segment where show_id = ?", Integer.class, show) >= 1);
        JsonNode stopped = producer.postJson("/api/shows/" + show + "/live/stop", Map.of()).json();
        assertThat(stopped.path("recorded").asBoolean()).isTrue();
        assertThat(stopped.path("manifestKey").asText()).startsWith("station-1/shows/" + show + "/recording/");
        assertThat(jdbc.queryForObject("select count(*) from live_session where show_id = ? and manifest_key is not null",
                Integer.class, show)).isEqualTo(1);
        assertThat(producer.get("/api/shows/" + show + "/live/stats").status()).isEqualTo(404);
        assertThat(viewer.get("/live/" + show + "/index.m3u8").status()).as("played while on air only").isEqualTo(404);
        long markedAt = marker.json().path("streamMillis").asLong();
        JsonNode clipSource = producer.get("/api/shows/" + show + "/live/recording?fromMillis=" + markedAt
                + "&toMillis=" + markedAt).json();
        assertThat(clipSource).hasSize(1);
        assertThat(clipSource.get(0).path("streamStartMillis").asLong()).isLessThanOrEqualTo(markedAt);
        assertThat(clipSource.get(0).path("streamStartMillis").asLong() + clipSource.get(0).path("durationMillis").asLong())
                .isGreaterThan(markedAt);
        assertThat(clipSource.get(0).path("sha256").asText()).hasSize(64);
        assertThat(output.getAll()).contains("unreachable").doesNotContain(PUSH_KEY);
    }

    private static JsonNode destination(JsonNode stats, String id) {
        for (JsonNode d : stats.path("destinations")) {
            if (d.path("id").asText().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no destination " + id + " in " + stats);
    }

    /** A show as the planner leaves it (the show process is not needed to drive the live API). */
    private void plan(String show, String station) {
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, created_by,"
                + " created_at, updated_at) values (?, ?, 'API rehearsal', current_timestamp, 'PLANNED', 'TEST_PATTERN', 'NONE',"
                + " 'pia', current_timestamp, current_timestamp)", show, station);
        jdbc.update("insert into show_destination (show_id, destination_id, preset) values (?, 'website', 'website')", show);
        jdbc.update("insert into show_destination (show_id, destination_id, preset, secret_id) values (?, 'unreachable',"
                + " 'custom-rtmp', 'test-push')", show);
    }

    private void user(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setPassword(id + "-password");
        identityService.saveUser(user);
        identityService.createMembership(id, group);
        identityService.createTenantUserMembership("station-1", id);
    }
}
