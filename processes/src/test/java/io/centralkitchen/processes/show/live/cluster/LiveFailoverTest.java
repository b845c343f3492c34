package io.centralkitchen.processes.show.live.cluster;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.show.ShowTestSettings;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.show.live.RecordingIndex;
import io.centralkitchen.processes.station.StationLiveSecrets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failover between two live workers with real media: the owner of a live show dies (kill -9: media and heartbeats stop
 * at once); within 15 s the standby owns the show with a higher token, within 20 s the platform's receiver gets media
 * again. Prints {@code failover_owner_s} and {@code failover_media_back_s} (bench/live-failover).
 */
@KitchenTest
class LiveFailoverTest {

    @LocalServerPort
    int port;
    @Autowired
    LiveWorker worker;
    @Autowired
    LiveEngine engine;
    @Autowired
    Shows shows;
    @Autowired
    StationLiveSecrets secrets;
    @Autowired
    RecordingIndex index;
    @Autowired
    RecordingGaps gaps;
    @Autowired
    LiveLeases leases;
    @Autowired
    LiveWorkers workers;
    @Autowired
    LiveCommands commands;
    @Autowired
    LiveStatuses statuses;
    @Autowired
    LiveCluster cluster;
    @Autowired
    LiveOwnership ownership;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theStandbyTakesAKilledOwnersShowWithinSecondsAndThePlatformGetsMediaAgain() {
        String show = "failover-" + System.nanoTime() % 1_000_000;
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, created_by,"
                + " created_at, updated_at) values (?, 'station-1', 'Failover', current_timestamp, 'PLANNED', 'TEST_PATTERN',"
                + " 'NONE', 'admin', current_timestamp, current_timestamp)", show);
        jdbc.update("insert into show_destination (show_id, destination_id, preset, secret_id) values (?, 'douyin-main',"
                + " 'test-sd', 'showdouyin')", show);
        TestHttp admin = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD);
        assertThat(admin.postJson("/api/shows/" + show + "/live/start", Map.of()).status()).isEqualTo(201);
        assertThat(worker.owns(show)).isTrue();
        long onAir = ShowTestSettings.douyinIngest().videoPackets();
        await().atMost(Duration.ofSeconds(30)).until(() -> ShowTestSettings.douyinIngest().videoPackets() > onAir + 50);

        String standbyId = worker.id() + "-standby";
        LiveWorker.Settings s = worker.settings();
        LiveWorker standby = new LiveWorker(new LiveWorker.Settings(standbyId, s.pool(), s.slots(), s.lease(), s.heartbeat(),
                s.commandPoll(), s.statusEvery()), leases, workers, commands, statuses,
                new EngineRunner(engine, shows, secrets, index, gaps, commands, ownership, standbyId)).start();
        try {
            long token = leases.find(show).orElseThrow().token();
            long killedAt = System.nanoTime();
            worker.crash();
            long afterKill = ShowTestSettings.douyinIngest().videoPackets();
            await().atMost(Duration.ofSeconds(15)).until(() -> standby.owns(show));
            double ownerSeconds = (System.nanoTime() - killedAt) / 1e9;
            assertThat(leases.find(show).orElseThrow().token()).isGreaterThan(token);
            await().atMost(Duration.ofSeconds(20)).until(() -> ShowTestSettings.douyinIngest().videoPackets() > afterKill + 25);
            double mediaSeconds = (System.nanoTime() - killedAt) / 1e9;
            assertThat(mediaSeconds).isLessThan(20);
            System.out.printf("failover_owner_s=%.1f%nfailover_media_back_s=%.1f%n", ownerSeconds, mediaSeconds);

            assertThat(admin.postJson("/api/shows/" + show + "/live/stop", Map.of()).status()).isEqualTo(200);
            assertThat(standby.owns(show)).isFalse();
        } finally {
            standby.close();
            cluster.end("station-1", show);
            worker.start();
        }
    }
}
