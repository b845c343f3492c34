package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveCapacity;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live worker's capacity through the platform (issue 18): a show the worker cannot carry is a pre-flight problem
 * (the show process's "Pre-flight failed" task shows it) and a 409 naming what it needs and what is free when a
 * producer puts it on air; {@code GET /api/live/stats} reports capacity and load, the caller's shows by name.
 */
@KitchenTest
class LiveCapacityApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identityService;
    @Autowired
    LiveEngine engine;
    @Autowired
    ShowLive showLive;
    @Autowired
    Shows shows;

    @Test
    void aShowTheWorkerCannotCarryIsRefusedWithWhatItNeedsAndWhatIsFree() {
        user("cara", KitchenGroups.PRODUCERS);
        TestHttp producer = new TestHttp(port).as("cara", "cara-password");
        String show = "capacity-" + System.nanoTime() % 100000;
        plan(show);
        LiveCapacity before = engine.capacity();
        try {
            engine.capacity(new LiveCapacity(0.3, 0.25, 0.05)); // less than one small show

            assertThat(showLive.preflight(shows.require(show))).anyMatch(p -> p.contains("cannot carry show '" + show + "'"));
            TestHttp.Response refused = producer.postJson("/api/shows/" + show + "/live/start", Map.of());
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().path("message").asText()).contains("cannot carry show '" + show + "'")
                    .contains("are free").contains("kitchen.live.capacity.units");
            assertThat(engine.show(show)).isEmpty();

            engine.capacity(new LiveCapacity(8, 0.25, 0.05));
            assertThat(producer.postJson("/api/shows/" + show + "/live/start", Map.of()).status()).isEqualTo(201);
            TestHttp.Response stats = producer.get("/api/live/stats");
            assertThat(stats.status()).as(stats.body()).isEqualTo(200);
            assertThat(stats.json().path("capacityUnits").asDouble()).isEqualTo(8.0);
            double units = stats.json().path("yourShowUnits").path(show).asDouble();
            assertThat(units).as("one show, one 640x360 encoder, one destination").isEqualTo(0.55);
            assertThat(stats.json().path("loadUnits").asDouble()).isGreaterThanOrEqualTo(units);
            assertThat(stats.json().path("freeUnits").asDouble()).isLessThanOrEqualTo(8 - units);
            assertThat(producer.postJson("/api/shows/" + show + "/live/stop", Map.of()).status()).isEqualTo(200);
            assertThat(producer.get("/api/live/stats").json().path("yourShowUnits").has(show)).isFalse();
        } finally {
            engine.capacity(before);
            engine.show(show).ifPresent(s -> engine.stop(show));
        }
    }

    private void plan(String show) {
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, created_by,"
                + " created_at, updated_at) values (?, 'station-1', 'Capacity rehearsal', current_timestamp, 'PLANNED', 'TEST_PATTERN',"
                + " 'NONE', 'cara', current_timestamp, current_timestamp)", show);
        jdbc.update("insert into show_destination (show_id, destination_id, preset) values (?, 'website', 'test-web')", show);
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
