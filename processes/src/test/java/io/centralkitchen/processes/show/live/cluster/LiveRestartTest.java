package io.centralkitchen.processes.show.live.cluster;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.show.ShowTestSettings;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.show.live.RecordingIndex;
import io.centralkitchen.processes.station.StationLiveSecrets;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default (one JVM, its own live worker) killed mid-show and restarted: the worker's media and loops stop
 * at once and its lease runs out; while the show is off air the producers get an alarm task and their commands wait;
 * the restarted worker takes the show over (a higher token), streams to the platforms again, continues the recording
 * under the same id after the last segment (the gap noted, nothing overwritten), applies the waiting command, and the
 * alarm closes when the program is back; the show ends with one recording of every segment.
 */
@KitchenTest
class LiveRestartTest {

    static final String STATION = "station-1";
    static final String PASSWORD = "restart-pass";

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
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;
    @Autowired
    DemoCatalogue catalogue;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aKilledWorkersShowIsTakenOverAndItsRecordingGoesOn() throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000);
        String id = "restart-" + run;
        user("restart-producer");
        TestHttp producer = new TestHttp(port).as("restart-producer", PASSWORD);
        List<Long> products = catalogue.seed(STATION, "Restart Co-op " + run, "Youxian", DemoCatalogue.HARVEST.subList(0, 2),
                Path.of(System.getProperty("java.io.tmpdir"), "restart-catalogue"));
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("id", id);
        plan.put("stationId", STATION);
        plan.put("title", "Restart show " + run);
        plan.put("airTime", Instant.now().plus(Duration.ofDays(1)).toString());
        plan.put("ingest", Map.of("mode", "TEST_PATTERN"));
        plan.put("destinations", List.of(Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin"),
                Map.of("id", "bili", "preset", "test-sd", "secretId", "showbilibili")));
        plan.put("slots", List.of(Map.of("productId", products.get(0)), Map.of("productId", products.get(1))));
        TestHttp.Response planned = producer.postJson("/api/shows", plan);
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        ProcessInstance show = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey("show").singleResult();
        await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery().processInstanceId(show.getId())
                .activityId("air-time").count() == 1);
        managementService.executeJob(managementService.createJobQuery().processInstanceId(show.getId())
                .activityId("air-time").singleResult().getId());
        await().atMost(Duration.ofSeconds(60)).until(() -> worker.owns(id)
                && cluster.stats(id).filter(s -> "LIVE".equals(s.state())).isPresent());
        await().atMost(Duration.ofSeconds(60)).until(() -> segments(id).size() >= 2);
        assertThat(producer.postJson("/api/shows/" + id + "/slots/1/on-air", Map.of()).status()).isEqualTo(200);
        long firstToken = leases.find(id).orElseThrow().token();

        LiveWorker restarted = null;
        try {
            worker.crash(); // kill -9: media and heartbeats stop, the lease is left to run out
            await().atMost(Duration.ofSeconds(20)).until(() -> !leases.find(id).orElseThrow().held(Instant.now()));
            List<RecordingSegment> before = segments(id); // (the killed run's last partial segment included, in this JVM)
            Task offAir = await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
                    .processInstanceBusinessKey(id).taskDefinitionKey("ingest-lost-task").singleResult(), t -> t != null);
            assertThat(String.valueOf(runtimeService.getVariable(offAir.getExecutionId(), "ingestDetail"))).contains("OFF AIR");
            TestHttp.Response removed = producer.delete("/api/shows/" + id + "/live/destinations/bili");
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            assertThat(removed.json().path("state").asText()).as("nobody runs the show: the command waits").isEqualTo("PENDING");
            TestHttp.Response nextWhileOff = producer.postJson("/api/shows/" + id + "/slots/2/on-air", Map.of());
            assertThat(nextWhileOff.status()).isEqualTo(409);
            assertThat(nextWhileOff.json().path("message").asText()).contains("off air");
            assertThat(leases.find(id).orElseThrow().owner()).isEqualTo(worker.id());

            long douyinBefore = ShowTestSettings.douyinIngest().videoPackets();
            String restartedId = worker.id() + "-restarted";
            LiveWorker.Settings s = worker.settings();
            restarted = new LiveWorker(new LiveWorker.Settings(restartedId, s.pool(), s.slots(), s.lease(), s.heartbeat(),
                    s.commandPoll(), s.statusEvery()), leases, workers, commands, statuses,
                    new EngineRunner(engine, shows, secrets, index, gaps, commands, ownership, restartedId)).start();
            LiveWorker now = restarted;
            await().atMost(Duration.ofSeconds(15)).until(() -> now.owns(id));
            assertThat(leases.find(id).orElseThrow().token()).isGreaterThan(firstToken);
            await().atMost(Duration.ofSeconds(20)).until(() -> ShowTestSettings.douyinIngest().videoPackets() > douyinBefore + 50);
            await().atMost(Duration.ofSeconds(10)).until(() -> commands.find(removed.json().path("commandId").asLong())
                    .map(c -> LiveCommands.APPLIED.equals(c.state())).orElse(false));
            assertThat(cluster.stats(id).orElseThrow().destinations()).extracting(d -> d.id()).containsExactly("douyin-main");

            // the same recording goes on after its last segment; nothing before is touched; the gap is noted
            int last = before.get(before.size() - 1).sequence();
            await().atMost(Duration.ofSeconds(60)).until(() -> segments(id).size() >= before.size() + 2);
            List<RecordingSegment> after = segments(id);
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(after.subList(before.size(), after.size())).allSatisfy(seg -> {
                assertThat(seg.recordingId()).isEqualTo(before.get(0).recordingId());
                assertThat(seg.sequence()).isGreaterThan(last);
                assertThat(seg.key()).contains("-t" + leases.find(id).orElseThrow().token());
                assertThat(seg.streamStartMillis()).isGreaterThan(before.get(before.size() - 1).streamStartMillis());
            });
            assertThat(gaps.of(STATION, id)).singleElement().satisfies(g -> {
                assertThat(g.afterSequence()).isEqualTo(last);
                assertThat(g.resumedAt()).isAfter(g.lostAt());
            });

            // the producers' view tells the truth: the alarm closes with the program back, the show is live, next works
            await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(id)
                    .taskDefinitionKey("ingest-lost-task").count() == 0);
            assertThat(jdbc.queryForObject("select state from kitchen_show where id = ?", String.class, id)).isEqualTo("LIVE");
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("on-air").count()).isEqualTo(1);
            TestHttp.Response next = producer.postJson("/api/shows/" + id + "/slots/2/on-air", Map.of());
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            assertThat(next.json().path("programMillis").asLong()).isGreaterThan(before.get(before.size() - 1).streamStartMillis());

            assertThat(producer.postJson("/api/shows/" + id + "/end", Map.of()).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "select manifest_key from kitchen_show where id = ?", String.class, id) != null);
            assertThat(now.owns(id)).isFalse();
            assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(id)
                    .taskDefinitionKey("ingest-lost-task").count()).isEqualTo(1);
        } finally {
            if (restarted != null) {
                restarted.close();
            }
            cluster.end(STATION, id); // (when the test failed before the show's end) nobody runs it again
            worker.start();
        }
    }

    private List<RecordingSegment> segments(String showId) {
        return index.latestRecording(STATION, showId).map(r -> index.segments(STATION, showId, r)).orElse(List.of());
    }

    private void user(String id) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, KitchenGroups.PRODUCERS);
            identityService.createTenantUserMembership(STATION, id);
        }
    }
}
