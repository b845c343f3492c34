package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.TestMedia;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker's limits: a job over its wall-clock limit, bad input refused alike by probe and transcode. */
class MediaWorkerLimitsTest extends WorkerTestBench {

    @Test
    void aJobOverItsWallClockLimitEndsInAnIncidentNamingTheLimit() {
        Path longer = TestMedia.make("eight-seconds.mp4", "mp4", 8, 640, 360, 25, 50);
        String source = upload("station-1/raw/" + UUID.randomUUID() + ".mp4", longer);
        // a 1 s limit for transcodes only; the transcode of 8 s to 720x1280 takes several seconds on this machine
        MediaWorker worker = worker(settings("w-limit", 1, Duration.ofSeconds(30), 3)
                .withMaxJobDurations(Map.of(MediaTopics.TRANSCODE, Duration.ofSeconds(1))), store);

        ProcessInstance instance = start(MediaTopics.TRANSCODE, Map.of("sourceKey", source, "profile", "vertical-720x1280"));

        Incident incident = await().atMost(Duration.ofSeconds(60)).until(() -> runtimeService.createIncidentQuery()
                .processInstanceId(instance.getId()).singleResult(), i -> i != null);
        assertThat(incident.getIncidentMessage()).contains("wall-clock limit of 1 s").contains("media.transcode");
        assertThat(historyService.createHistoricExternalTaskLogQuery().processInstanceId(instance.getId()).failureLog()
                .count()).as("no retries").isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> worker.runningJobs().isEmpty());
        assertThat(executions).as("the work was stopped, not finished").isEmpty();
        assertThat(task(instance)).isNull();
    }

    @Test
    void probeAndTranscodeRefuseAPictureNamedMp4AlikeNamingTheUpload() throws Exception {
        Path picture = Files.createTempDirectory("picture").resolve("product-video.mp4");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", picture.toFile());
        String key = upload("station-1/raw/" + UUID.randomUUID() + "-product-video.mp4", picture);
        worker("w-agree", 2, Duration.ofSeconds(30), store);

        ProcessInstance probe = start(MediaTopics.PROBE, Map.of("sourceKey", key));
        ProcessInstance transcode = start(MediaTopics.TRANSCODE, Map.of("sourceKey", key, "profile", "tiny-vertical"));

        List<String> messages = new ArrayList<>();
        for (ProcessInstance instance : List.of(probe, transcode)) {
            Task fix = await().atMost(Duration.ofSeconds(60)).until(() -> task(instance), t -> t != null);
            assertThat(fix.getTaskDefinitionKey()).isEqualTo("fixInput");
            messages.add((String) runtimeService.getVariable(instance.getId(), "mediaError"));
        }
        assertThat(messages.get(0)).isEqualTo(messages.get(1)).contains(key.substring(key.lastIndexOf('/') + 1))
                .contains("is not a video but").doesNotContain("rendition").doesNotContain("job-");
    }
}
