package io.centralkitchen.processes.show.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages of issue 15 without a browser: who gets the control room (a producer of the show's station; another
 * station's producer "not found", a marketer refused, a stranger sent to the login), the control room's event stream,
 * and the live room's public facts — nothing beyond title, air time, phase and the product on air.
 */
@KitchenTest
class RoomPagesTest {

    static final String PASSWORD = "room-pages-pass";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String showId = "pages-" + run;

    @BeforeEach
    void aPlannedShowAndItsPeople() {
        user("pages-producer", "station-1", KitchenGroups.PRODUCERS);
        user("pages-marketer", "station-1", KitchenGroups.MARKETERS);
        user("pages-other", "radio-two", KitchenGroups.PRODUCERS);
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, created_by,"
                + " created_at, updated_at) values (?, 'station-1', ?, ?, 'PLANNED', 'TEST_PATTERN', 'NONE', 'pages-producer',"
                + " current_timestamp, current_timestamp)", showId, "Pages " + run, Timestamp.from(Instant.now().plus(Duration.ofDays(1))));
    }

    @Test
    void theControlRoomIsForProducersOfTheShowsStation() {
        String path = "/shows/" + showId + "/control";
        TestHttp.Response stranger = new TestHttp(port).get(path);
        assertThat(stranger.status()).as("sent to the login page").isEqualTo(302);
        TestHttp.Response mine = new TestHttp(port).as("pages-producer", PASSWORD).get(path);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).contains("data-show=\"" + showId + "\"").contains("Pages " + run).doesNotContain("<script>");
        assertThat(new TestHttp(port).as("pages-marketer", PASSWORD).get(path).status()).isEqualTo(403);
        TestHttp.Response other = new TestHttp(port).as("pages-other", PASSWORD).get(path);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("Pages " + run);

        assertThat(new TestHttp(port).as("pages-producer", PASSWORD).get("/shows").body()).contains(showId);
        assertThat(new TestHttp(port).as("pages-other", PASSWORD).get("/shows").body()).doesNotContain(showId);
    }

    @Test
    void theEventStreamTellsTheShowAtOnce() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/shows/" + showId + "/live/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("pages-producer:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> event = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty() && !event.isEmpty()) {
                    break;
                }
                event.add(line);
            }
        }
        assertThat(event).contains("event:show");
        JsonNode show = TestHttp.JSON.readTree(event.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow()
                .substring(5));
        assertThat(show.path("state").asText()).isEqualTo("PLANNED");
        assertThat(show.path("live").asBoolean()).isFalse();
        assertThat(new TestHttp(port).as("pages-producer", PASSWORD).get("/v3/api-docs").body())
                .as("documented in OpenAPI").contains("/api/shows/{showId}/live/events");
    }

    @Test
    void theLiveRoomKnowsPublicFactsOnly() {
        TestHttp viewer = new TestHttp(port);
        TestHttp.Response now = viewer.get("/live/" + showId + "/now.json");
        assertThat(now.status()).isEqualTo(200);
        List<String> fields = new ArrayList<>();
        now.json().fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("showId", "title", "airTime", "phase", "playing");
        assertThat(now.json().path("phase").asText()).isEqualTo("UPCOMING");
        assertThat(now.body()).doesNotContain("station-1").doesNotContain("pages-producer");
        TestHttp.Response page = viewer.get("/live/" + showId + "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Pages " + run).contains("id=\"countdown\"");
    }

    private void user(String id, String station, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, group);
            identityService.createTenantUserMembership(station, id);
        }
    }
}
