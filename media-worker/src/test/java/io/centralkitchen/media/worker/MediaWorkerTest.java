package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.TestMedia;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StorageSettings;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker against a real engine over REST, with real S3: every topic, bad input, storage outage, a dying worker. */
class MediaWorkerTest extends WorkerTestBench {

    @Test
    void everyTopicDoesItsWorkAndStoresItsOutput() throws Exception {
        String mp4 = upload("station-1/raw/" + UUID.randomUUID() + ".mp4", TestMedia.small("mp4"));
        String flv = upload("station-1/raw/" + UUID.randomUUID() + ".flv", TestMedia.small("flv"));
        worker("w-all", 3, Duration.ofSeconds(30), store);

        ProcessInstance probe = start(MediaTopics.PROBE, Map.of("sourceKey", flv));
        ProcessInstance clip = start(MediaTopics.CLIP, Map.of("sourceKey", mp4, "inSeconds", 3.3, "outSeconds", 7.0));
        ProcessInstance smart = start(MediaTopics.SMART_CUT, Map.of("sourceKey", flv, "inSeconds", 3.3, "outSeconds", 7.0));
        ProcessInstance vertical = start(MediaTopics.TRANSCODE, Map.of("sourceKey", mp4, "profile", "tiny-vertical"));
        ProcessInstance cover = start(MediaTopics.COVER, Map.of("sourceKey", mp4, "fromSeconds", 1, "toSeconds", 9));
        ProcessInstance teaser = start(MediaTopics.TEASER, Map.of("teaser", """
                {"profile":"tiny-vertical","showLine":"12月1日 20:00 直播","fadeSeconds":0.4,
                 "parts":[{"sourceKey":"%s","inSeconds":1,"outSeconds":3,"title":"本地有机大米","price":"¥39.90"},
                          {"sourceKey":"%s","inSeconds":5,"outSeconds":7,"title":"高山绿茶","price":"¥128.00"}]}""".formatted(mp4, flv)));

        Map<String, Object> probed = awaitDone(probe);
        assertThat(probed).containsEntry("width", 320).containsEntry("videoCodec", "h264");
        assertThat((String) probed.get("mediaInfo")).contains("\"audioLayout\":\"stereo\"");

        Map<String, Object> clipped = awaitDone(clip);
        assertThat(clipped.get("outputKey")).isEqualTo("station-1/clips/" + clip.getBusinessKey() + "/work.mp4");
        assertThat((Double) clipped.get("clipStartSeconds")).isEqualTo(2.0);
        assertThat(ops.probe(download((String) clipped.get("outputKey"))).durationSeconds()).isBetween(4.9, 5.1);

        Map<String, Object> cut = awaitDone(smart);
        assertThat(ops.probe(download((String) cut.get("outputKey"))).durationSeconds()).isBetween(3.66, 3.74);

        Map<String, Object> rendition = awaitDone(vertical);
        assertThat(rendition).containsEntry("width", 180).containsEntry("height", 320);
        assertThat(store.exists((String) rendition.get("outputKey"))).isTrue();

        Map<String, Object> covered = awaitDone(cover);
        assertThat(store.stat((String) covered.get("outputKey")).contentType()).isEqualTo("image/jpeg");

        Map<String, Object> teased = awaitDone(teaser);
        assertThat((Double) teased.get("durationSeconds")).isBetween(3.55, 3.65); // 2 + 2 - 0.4
        assertThat(executions.values()).allMatch(n -> n.get() == 1);
    }

    @Test
    void badInputEndsInMediaInvalidWithAMessageAndKeepsTheSource() throws Exception {
        String text = "station-1/raw/" + UUID.randomUUID() + ".mp4";
        store.put(text, "not a video, a shopping list".getBytes(), "video/mp4");
        byte[] whole = Files.readAllBytes(TestMedia.small("flv"));
        String truncated = "station-1/raw/" + UUID.randomUUID() + ".flv";
        store.put(truncated, java.util.Arrays.copyOf(whole, whole.length / 2), "video/x-flv");
        String mp4 = upload("station-1/raw/" + UUID.randomUUID() + ".mp4", TestMedia.small("mp4"));
        String voice = upload("station-1/raw/" + UUID.randomUUID() + ".m4a", TestMedia.audioOnly());
        String corrupt = upload("station-1/raw/" + UUID.randomUUID() + ".flv", TestMedia.corruptHeader());
        worker("w-bad", 2, Duration.ofSeconds(30), store);

        Map<ProcessInstance, String> expectations = new HashMap<>();
        expectations.put(start(MediaTopics.PROBE, Map.of("sourceKey", text)), "not readable as media");
        expectations.put(start(MediaTopics.CLIP, Map.of("sourceKey", truncated, "inSeconds", 1, "outSeconds", 2)), "truncated");
        expectations.put(start(MediaTopics.SMART_CUT, Map.of("sourceKey", mp4, "inSeconds", 10, "outSeconds", 30)),
                "lies outside the media, which is 00:00:12.000 long");
        expectations.put(start(MediaTopics.CLIP, Map.of("sourceKey", "station-1/raw/missing.mp4", "inSeconds", 1,
                "outSeconds", 2)), "does not exist");
        expectations.put(start(MediaTopics.TRANSCODE, Map.of("sourceKey", mp4, "profile", "cinema-4k")), "Unknown profile 'cinema-4k'");
        expectations.put(start(MediaTopics.COVER, Map.of("sourceKey", voice, "atSeconds", 0.5)), "no video stream");
        expectations.put(start(MediaTopics.PROBE, Map.of("sourceKey", corrupt)), "it is corrupt, truncated");

        expectations.forEach((instance, message) -> {
            Task fix = await().atMost(Duration.ofSeconds(60)).until(() -> task(instance), t -> t != null);
            assertThat(fix.getTaskDefinitionKey()).as("%s", message).isEqualTo("fixInput");
            assertThat((String) runtimeService.getVariable(instance.getId(), "mediaError")).contains(message);
        });
        for (String source : new String[]{text, truncated, voice, corrupt}) {
            assertThat(store.exists(source)).as("source %s kept", source).isTrue();
        }
    }

    @Test
    void aStationsJobTouchesOnlyItsStationsObjects() throws Exception {
        String ofStation1 = upload("station-1/raw/" + UUID.randomUUID() + ".mp4", TestMedia.small("mp4"));
        String ofStation2 = upload("station-2/raw/" + UUID.randomUUID() + ".mp4", TestMedia.small("mp4"));
        worker("w-stations", 2, Duration.ofSeconds(30), store);

        ProcessInstance reads = startFor("station-2", MediaTopics.PROBE, Map.of("sourceKey", ofStation1));
        ProcessInstance writes = startFor("station-2", MediaTopics.CLIP, Map.of("sourceKey", ofStation2, "inSeconds", 1,
                "outSeconds", 2, "outputKey", ofStation1));
        for (ProcessInstance refused : List.of(reads, writes)) {
            Task fix = await().atMost(Duration.ofSeconds(60)).until(() -> task(refused), t -> t != null);
            assertThat(fix.getTaskDefinitionKey()).isEqualTo("fixInput");
            assertThat((String) runtimeService.getVariable(refused.getId(), "mediaError"))
                    .contains("not under the prefix of this task's station ('station-2/')");
        }
        assertThat(ops.probe(download(ofStation1)).durationSeconds()).as("station 1's object untouched").isGreaterThan(10);
        assertThat(awaitDone(startFor("station-2", MediaTopics.PROBE, Map.of("sourceKey", ofStation2)))).containsKey("width");
    }

    @Test
    void storageDownIsRetriedWithBackoffThenAnIncident() {
        MediaStore unreachable = MediaStore.connect(StorageSettings.of("http://127.0.0.1:9", "key", "secret-key",
                "central-kitchen", Path.of("target/unreachable-spool")));
        worker("w-no-store", 1, Duration.ofSeconds(30), unreachable, 2);

        ProcessInstance instance = start(MediaTopics.PROBE, Map.of("sourceKey", "station-1/raw/anything.mp4"));

        Incident incident = await().atMost(Duration.ofSeconds(60)).until(() -> runtimeService.createIncidentQuery()
                .processInstanceId(instance.getId()).singleResult(), i -> i != null);
        assertThat(incident.getIncidentMessage()).contains("Object store trouble").contains("unreachable");
        assertThat(historyService.createHistoricExternalTaskLogQuery().processInstanceId(instance.getId()).failureLog().count())
                .isEqualTo(2);
        unreachable.close();
    }

    @Test
    void aWorkerThatDiesMidTaskIsReplacedAndTheOutputWrittenOnce() throws Exception {
        Path longer = TestMedia.make("eight-seconds.mp4", "mp4", 8, 640, 360, 25, 50);
        String source = upload("station-1/raw/" + UUID.randomUUID() + ".mp4", longer);
        MediaWorker dying = worker("w-dying", 1, Duration.ofSeconds(3), store);

        ProcessInstance instance = start(MediaTopics.TRANSCODE, Map.of("sourceKey", source, "profile", "vertical-720x1280"));
        await().atMost(Duration.ofSeconds(60)).until(() -> dying.runningJobs().values().stream().anyMatch(j -> j.percent() >= 10));
        dying.abandon();
        MediaWorker second = worker("w-second", 1, Duration.ofSeconds(30), store);

        Map<String, Object> result = awaitDone(instance);
        assertThat(historyService.createHistoricExternalTaskLogQuery().processInstanceId(instance.getId()).successLog()
                .singleResult().getWorkerId()).isEqualTo("w-second");
        String outputKey = (String) result.get("outputKey");
        assertThat(store.list(outputKey.substring(0, outputKey.lastIndexOf('/') + 1))).hasSize(1);
        assertThat(second.runningJobs()).isEmpty();
    }

    @Test
    void aHeartbeatKeepsALongJobFromBeingTakenTwiceWhileTwoWorkersShareTheWork() throws Exception {
        Path longer = TestMedia.make("eight-seconds.mp4", "mp4", 8, 640, 360, 25, 50);
        String source = upload("station-1/raw/" + UUID.randomUUID() + ".mp4", longer);
        String mp4 = upload("station-1/raw/" + UUID.randomUUID() + ".mp4", TestMedia.small("mp4"));
        // locks of 2 s, extended every 0.5 s; the transcode takes longer than the lock
        worker("w-a", 2, Duration.ofSeconds(2), store);
        worker("w-b", 2, Duration.ofSeconds(2), store);

        List<ProcessInstance> instances = new ArrayList<>();
        instances.add(start(MediaTopics.TRANSCODE, Map.of("sourceKey", source, "profile", "vertical-720x1280")));
        for (int i = 0; i < 5; i++) {
            instances.add(start(MediaTopics.CLIP, Map.of("sourceKey", mp4, "inSeconds", i, "outSeconds", i + 3)));
        }

        instances.forEach(this::awaitDone);
        assertThat(executions).hasSize(6);
        assertThat(executions.values()).allMatch(n -> n.get() == 1);
        assertThat(instances).allMatch(i -> historyService.createHistoricExternalTaskLogQuery().failureLog()
                .processInstanceId(i.getId()).count() == 0);
    }
}
