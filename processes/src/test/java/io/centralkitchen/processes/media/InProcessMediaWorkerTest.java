package io.centralkitchen.processes.media;

import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.media.worker.MediaWorker;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The application's own media worker takes media jobs from its own /engine-rest as a technical user. */
@KitchenTest
class InProcessMediaWorkerTest {

    @LocalServerPort
    int port;
    @Autowired
    MediaStore store;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    MediaWorker worker;

    @TempDir
    Path dir;

    @Test
    void completesAMediaJobOfEachStation() throws Exception {
        Path video = dir.resolve("upload.mp4");
        SyntheticSignal.writeFile(video, "mp4", Duration.ofSeconds(2), 320, 180, 25, 25, "in-process");
        for (String station : new String[]{"station-1", "radio-two"}) {
            String key = station + "/uploads/" + UUID.randomUUID() + ".mp4";
            store.put(key, video, "video/mp4");

            ProcessInstance instance = start(station, key);

            Task review = awaitTask(instance);
            assertThat(review.getTaskDefinitionKey()).isEqualTo("review");
            assertThat(runtimeService.getVariable(instance.getId(), "width")).isEqualTo(320);
            assertThat(runtimeService.getVariable(instance.getId(), "videoCodec")).isEqualTo("h264");
        }
        assertThat(worker.isRunning()).isTrue();
    }

    @Test
    void badInputReachesTheMediaInvalidPath() {
        String key = "station-1/uploads/" + UUID.randomUUID() + ".mp4";
        store.put(key, "this is a price list, not a video".getBytes(), "video/mp4");

        ProcessInstance instance = start("station-1", key);

        Task replace = awaitTask(instance);
        assertThat(replace.getTaskDefinitionKey()).isEqualTo("replace");
        assertThat((String) runtimeService.getVariable(instance.getId(), "mediaError")).contains("not readable as media");
        assertThat(store.exists(key)).as("the source is kept").isTrue();
    }

    @Test
    void theWorkerAccountIsATechnicalUserOfEveryStationWithoutFurtherRights() {
        String user = "media-worker";
        assertThat(identityService.createUserQuery().userId(user).memberOfTenant("station-1").count()).isEqualTo(1);
        assertThat(identityService.createUserQuery().userId(user).memberOfTenant("radio-two").count()).isEqualTo(1);
        assertThat(identityService.createGroupQuery().groupMember(user).list()).extracting(g -> g.getId())
                .as("the workers' group only").containsExactly("media-workers");
        assertThat(authorizationService.isUserAuthorized(user, null, Permissions.UPDATE_INSTANCE, Resources.PROCESS_DEFINITION,
                "highlight-clipping")).as("processes with media work").isTrue();
        assertThat(authorizationService.isUserAuthorized(user, null, Permissions.UPDATE_INSTANCE, Resources.PROCESS_DEFINITION,
                "after-sales-case")).as("no other process").isFalse();
        assertThat(authorizationService.isUserAuthorized(user, null, Permissions.READ_INSTANCE, Resources.PROCESS_DEFINITION,
                "show")).isFalse();
        assertThat(authorizationService.isUserAuthorized(user, null, Permissions.ACCESS, Resources.APPLICATION, "tasklist")).isFalse();
        assertThat(authorizationService.isUserAuthorized(user, null, Permissions.CREATE, Resources.USER)).isFalse();

        TestHttp admin = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD);
        String created = admin.postJson("/api/stations", Map.of("id", "media-later", "name", "Added later")).body();
        assertThat(created).contains("media-later");
        assertThat(identityService.createUserQuery().userId(user).memberOfTenant("media-later").count())
                .as("joins stations added at run time").isEqualTo(1);
    }

    private ProcessInstance start(String station, String key) {
        return runtimeService.createProcessInstanceByKey("media-probe-check").processDefinitionTenantId(station)
                .businessKey("upload-" + UUID.randomUUID()).setVariable("sourceKey", key).execute();
    }

    private Task awaitTask(ProcessInstance instance) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult(), t -> t != null);
    }
}
