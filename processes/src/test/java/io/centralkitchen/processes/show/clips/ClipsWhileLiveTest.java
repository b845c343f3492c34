package io.centralkitchen.processes.show.clips;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.ops.ProgressListener;
import io.centralkitchen.media.recording.RecordingClips;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowClips.ShowClip;
import io.centralkitchen.processes.show.ShowProcesses;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clips as slots close (issue 18), live from the test pattern: when the second product goes on air, the first one's
 * clip is cut while the show goes on (slot-clip) — byte for byte the clip cut from the sealed recording after the end;
 * a producer's correction of the second slot (it went off air earlier than the third product came) makes the end cut
 * that clip again with the corrected span; at the end only the last slot (and the corrected one) are cut.
 */
@KitchenTest
class ClipsWhileLiveTest {

    static final String STATION = "station-1";
    static final String PASSWORD = "clips-live-pass";
    static final long ROLL_MILLIS = 1000; // ShowTestSettings: one-second pre- and post-roll

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    LiveEngine live;
    @Autowired
    MediaStore store;
    @Autowired
    DemoCatalogue catalogue;
    @Autowired
    ShowClips clips;
    @Autowired
    Shows shows;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String showId = "clips-live-" + run;

    @Test
    void aClosedSlotIsClippedWhileTheShowGoesOnAndACorrectionIsCutAgainAtTheEnd() throws Exception {
        // given a planned show, live from the test pattern
        user("clips-producer", KitchenGroups.PRODUCERS);
        TestHttp producer = new TestHttp(port).as("clips-producer", PASSWORD);
        List<Long> products = catalogue.seed(STATION, "Clip Co-op " + run, "Hengshan", DemoCatalogue.HARVEST,
                Path.of(System.getProperty("java.io.tmpdir"), "clips-live-catalogue"));
        TestHttp.Response planned = producer.postJson("/api/shows", Map.of("id", showId, "stationId", STATION,
                "title", "Clips while live " + run, "airTime", Instant.now().plus(Duration.ofDays(2)).toString(),
                "hosts", List.of("Li Na"), "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin")),
                "slots", List.of(Map.of("productId", products.get(0)), Map.of("productId", products.get(1)),
                        Map.of("productId", products.get(2)))));
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        fireAirTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> live.show(showId).map(s -> "LIVE".equals(s.stats().state())).orElse(false));

        // when the second product goes on air, the first one's clip is cut while the show goes on
        long[] onAir = new long[3];
        awaitProgram(3_000);
        onAir[0] = onAir(producer, 1);
        awaitProgram(onAir[0] + 8_000);
        onAir[1] = onAir(producer, 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> clip(products.get(0)) != null && clip(products.get(0)).copyKey() != null);
        assertThat(live.show(showId)).as("still on air").isPresent();
        ShowClip first = clip(products.get(0));
        assertThat(first.inMillis()).isEqualTo(onAir[0]);
        assertThat(first.outMillis()).isEqualTo(onAir[1]);
        assertThat(first.cutFromMillis()).isEqualTo(onAir[0] - ROLL_MILLIS);
        assertThat(first.cutToMillis()).isEqualTo(onAir[1] + ROLL_MILLIS);
        assertThat(first.copyKey()).endsWith("/copy-live.mp4");

        // and the producer corrects the second slot once the third is on air: it went off air 5 s after it started
        awaitProgram(onAir[1] + 8_000);
        onAir[2] = onAir(producer, 3);
        long offAir = onAir[1] + 5_000;
        TestHttp.Response correction = producer.postJson("/api/shows/" + showId + "/live/markers", Map.of("kind", "PRODUCT_OFF_AIR",
                "productId", products.get(1), "programMillis", offAir));
        assertThat(correction.status()).as(correction.body()).isEqualTo(201);
        assertThat(producer.postJson("/api/shows/" + showId + "/live/markers", Map.of("kind", "HIGHLIGHT", "programMillis", -1))
                .body()).contains("programMillis");
        awaitProgram(onAir[2] + 5_000);
        assertThat(producer.postJson("/api/shows/" + showId + "/end", Map.of()).status()).isEqualTo(202);

        // then at the end the corrected slot and the last one are cut; the first is not cut again
        await().atMost(Duration.ofSeconds(120)).until(() -> products.stream().map(this::clip)
                .allMatch(c -> c != null && c.copyKey() != null && c.cutFrom(ROLL_MILLIS, ROLL_MILLIS)));
        ShowClip second = clip(products.get(1));
        assertThat(second.outMillis()).as("the correction").isEqualTo(offAir);
        assertThat(second.cutToMillis()).isEqualTo(offAir + ROLL_MILLIS);
        assertThat(second.copyKey()).endsWith("/copy.mp4");
        assertThat(second.durationMillis()).isBetween(offAir - onAir[1], offAir - onAir[1] + 2 * ROLL_MILLIS + 1_500);
        assertThat(clip(products.get(0)).copyKey()).endsWith("/copy-live.mp4");
        String clipping = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(showId)
                .processDefinitionKey(ShowProcesses.HIGHLIGHT_CLIPPING).singleResult().getId();
        assertThat(historyService.createHistoricExternalTaskLogQuery().processInstanceId(clipping).topicName("media.recording-clip")
                .successLog().count()).as("cut after the end: the corrected slot and the last").isEqualTo(2);

        // and the clip cut while live is the one cut from the sealed recording after the end, byte for byte
        Path work = Files.createTempDirectory("clips-live-");
        String afterEnd = ShowClips.key(STATION, showId, first.id(), "after-end.mp4");
        new RecordingClips(store, 2).cut(shows.require(showId).manifestKey(), List.of(new RecordingClips.Slot(afterEnd,
                first.inMillis() / 1000.0, first.outMillis() / 1000.0)), ROLL_MILLIS / 1000.0, ROLL_MILLIS / 1000.0, work, ProgressListener.NONE);
        assertThat(sha256(first.copyKey())).isEqualTo(sha256(afterEnd));
    }

    ShowClip clip(long productId) {
        return clips.ofShow(showId).stream().filter(c -> c.productId() == productId && !c.highlight()).findFirst().orElse(null);
    }

    long onAir(TestHttp producer, int position) {
        TestHttp.Response started = producer.postJson("/api/shows/" + showId + "/slots/" + position + "/on-air", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return started.json().path("programMillis").asLong();
    }

    String sha256(String key) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = store.get(key)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    void fireAirTime() {
        String show = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(showId)
                .processDefinitionKey(ShowProcesses.SHOW).singleResult().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> airTime(show) != null);
        managementService.executeJob(airTime(show).getId());
    }

    Job airTime(String instanceId) {
        return managementService.createJobQuery().processInstanceId(instanceId).activityId("air-time").timers().singleResult();
    }

    void awaitProgram(long millis) {
        await().atMost(Duration.ofMillis(millis + 30_000)).until(() -> live.show(showId).orElseThrow().programMillis() >= millis);
    }

    void user(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, group);
            identityService.createTenantUserMembership(STATION, id);
        }
    }
}
