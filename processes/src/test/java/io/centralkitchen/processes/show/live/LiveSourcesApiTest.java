package io.centralkitchen.processes.show.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A show planned with two named sources (rehearsal: two test patterns) on the whole platform: the producers' API lists
 * them with their state and previews, cuts between them, and every cut is a CUT marker on the program timeline; plans
 * with bad sources are refused naming the field; other stations' producers and non-producers get nothing.
 */
@KitchenTest
class LiveSourcesApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aProducerCutsBetweenSourcesAndEachCutIsAMarker() {
        user("sources-sam", KitchenGroups.PRODUCERS, "station-1");
        user("sources-bo", KitchenGroups.PRODUCERS, "radio-two");
        user("sources-eli", KitchenGroups.EDITORS, "station-1");
        TestHttp producer = new TestHttp(port).as("sources-sam", "sources-sam-password");
        String show = "api-sources-" + System.nanoTime() % 100000;
        plan(show, true);
        assertThat(producer.postJson("/api/shows/" + show + "/live/start", Map.of()).status()).isEqualTo(201);
        String base = "/api/shows/" + show + "/live";

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode sources = producer.get(base + "/sources").json();
            return sources.size() == 2 && StreamSupport.stream(sources.spliterator(), false).allMatch(s -> s.path("connected").asBoolean());
        });
        JsonNode sources = producer.get(base + "/sources").json();
        assertThat(sources.get(0).path("name").asText()).isEqualTo("studio");
        assertThat(sources.get(1).path("name").asText()).isEqualTo("field");
        assertThat(sources.get(1).path("backup").asBoolean()).isTrue();
        assertThat(sources.get(0).path("width").asInt()).isEqualTo(640);
        String onAir = StreamSupport.stream(sources.spliterator(), false).filter(s -> s.path("onAir").asBoolean())
                .map(s -> s.path("name").asText()).findFirst().orElseThrow();
        String other = onAir.equals("studio") ? "field" : "studio";
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.get(base + "/sources/" + other + "/preview.jpg").status() == 200);
        TestHttp.Response preview = producer.get(base + "/sources/" + other + "/preview.jpg");
        assertThat(preview.body()).isNotEmpty();

        TestHttp.Response cut = producer.postJson(base + "/cut", Map.of("source", other));
        assertThat(cut.status()).as(cut.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> other.equals(producer.get(base + "/stats").json().path("source").asText()));
        await().atMost(Duration.ofSeconds(10)).until(() -> cutMarkers(producer, base).stream().anyMatch(m ->
                m.path("label").asText().equals(other + " (producer)") && m.path("createdBy").asText().equals("sources-sam")));
        JsonNode marker = cutMarkers(producer, base).stream().filter(m -> m.path("label").asText().startsWith(other)).findFirst().orElseThrow();
        assertThat(marker.path("streamMillis").asLong()).isPositive();

        assertThat(producer.postJson(base + "/cut", Map.of("source", "backpack")).status()).isEqualTo(404);
        TestHttp.Response noName = producer.postJson(base + "/cut", Map.of("source", "../../x"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("field").asText()).isEqualTo("source");
        assertThat(producer.get(base + "/sources/" + other + "/preview.jpg?maxWidth=100000").status()).isEqualTo(400);
        assertThat(new TestHttp(port).as("sources-bo", "sources-bo-password").postJson(base + "/cut", Map.of("source", onAir)).status())
                .as("another station's producer").isEqualTo(404);
        assertThat(new TestHttp(port).as("sources-bo", "sources-bo-password").get(base + "/sources").status()).isEqualTo(404);
        assertThat(new TestHttp(port).as("sources-eli", "sources-eli-password").postJson(base + "/cut", Map.of("source", onAir)).status())
                .isEqualTo(403);

        assertThat(producer.postJson(base + "/cut/slate", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> cutMarkers(producer, base).stream()
                .anyMatch(m -> m.path("label").asText().equals("slate (producer)")));
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.get(base + "/stats").json().path("state").asText().equals("SLATE"));
        TestHttp.Response stopped = producer.postJson(base + "/stop", Map.of());
        assertThat(stopped.status()).isEqualTo(200);

        String single = show + "-one";
        plan(single, false);
        assertThat(producer.postJson("/api/shows/" + single + "/live/start", Map.of()).status()).isEqualTo(201);
        TestHttp.Response notSwitched = producer.postJson("/api/shows/" + single + "/live/cut", Map.of("source", "studio"));
        assertThat(notSwitched.status()).isEqualTo(409);
        assertThat(notSwitched.json().path("message").asText()).contains("single source");
        assertThat(producer.get("/api/shows/" + single + "/live/sources").json().get(0).path("name").asText()).isEqualTo("studio");
        producer.postJson("/api/shows/" + single + "/live/stop", Map.of());
    }

    @Test
    void plansWithBadSourcesAreRefusedNamingTheField() {
        user("sources-sam", KitchenGroups.PRODUCERS, "station-1");
        TestHttp producer = new TestHttp(port).as("sources-sam", "sources-sam-password");
        refused(producer, List.of(source("studio", "TEST_PATTERN", null, false), source("studio", "TEST_PATTERN", null, false)),
                "sources[1].name", "appears twice");
        refused(producer, List.of(source("studio", "PUBLISH", "no-such-secret", false)), "sources[0].keySecretId", "has no secret");
        refused(producer, List.of(source("studio", "TEST_PATTERN", null, true), source("field", "TEST_PATTERN", null, true)),
                "sources[1].backup", "Only one");
        refused(producer, List.of(source("field", "SRT", "x", false)), "sources[0].mode", "SRT");
        refused(producer, List.of(source("Slate!", "TEST_PATTERN", null, false)), "sources[0].name", "not valid");
        refused(producer, java.util.Collections.nCopies(7, source("a", "TEST_PATTERN", null, false)), "sources", "at most 6");
    }

    private void refused(TestHttp producer, List<Map<String, Object>> sources, String field, String message) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("stationId", "station-1");
        plan.put("title", "Sources check");
        plan.put("airTime", Instant.now().plus(Duration.ofDays(1)).toString());
        plan.put("sources", sources);
        TestHttp.Response answer = producer.postJson("/api/shows", plan);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).isEqualTo(field);
        assertThat(answer.json().path("message").asText()).contains(message);
    }

    private static Map<String, Object> source(String name, String mode, String secret, boolean backup) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("mode", mode);
        s.put("keySecretId", secret);
        s.put("backup", backup);
        return s;
    }

    private static List<JsonNode> cutMarkers(TestHttp producer, String base) {
        return StreamSupport.stream(producer.get(base + "/markers").json().spliterator(), false)
                .filter(m -> m.path("kind").asText().equals("CUT")).toList();
    }

    /** A show as the planner leaves it: with two named sources (the field unit the backup), or its single ingest. */
    private void plan(String show, boolean twoSources) {
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, created_by,"
                + " created_at, updated_at) values (?, 'station-1', 'Sources rehearsal', current_timestamp, 'PLANNED',"
                + " 'TEST_PATTERN', 'NONE', 'sam', current_timestamp, current_timestamp)", show);
        jdbc.update("insert into show_destination (show_id, destination_id, preset) values (?, 'website', 'website')", show);
        if (twoSources) {
            jdbc.update("insert into show_source (show_id, position, name, mode, backup) values (?, 0, 'studio', 'TEST_PATTERN', false)", show);
            jdbc.update("insert into show_source (show_id, position, name, mode, backup) values (?, 1, 'field', 'TEST_PATTERN', true)", show);
        }
    }

    private void user(String id, String group, String station) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setPassword(id + "-password");
        identityService.saveUser(user);
        identityService.createMembership(id, group);
        identityService.createTenantUserMembership(station, id);
    }
}
