package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.TestMedia;
import io.centralkitchen.storage.EmbeddedS3Server;
import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged worker, {@code java -jar target/media-worker.jar}, configured only by environment variables, against a
 * real engine (REST, HTTP Basic) and a real S3 endpoint.
 */
class StandaloneWorkerIT {

    static final Path JAR = Path.of("target/media-worker.jar");
    static ConfigurableApplicationContext engine;

    @BeforeAll
    static void startEngine() {
        engine = new SpringApplicationBuilder(TestEngineApplication.class).properties(
                "server.port=0",
                "kitchen.data-dir=target/standalone-it-data",
                "kitchen.media.worker.enabled=false",
                "spring.datasource.url=jdbc:h2:mem:standalone-it;DB_CLOSE_DELAY=-1",
                "camunda.bpm.admin-user.id=" + TestEngineApplication.WORKER_USER,
                "camunda.bpm.admin-user.password=" + TestEngineApplication.WORKER_PASSWORD,
                "camunda.bpm.generic-properties.properties.history-time-to-live=P1D").run();
        engine.getBean(RepositoryService.class).createDeployment().addModelInstance("clip.bpmn",
                Bpmn.createExecutableProcess("standalone-clip").camundaHistoryTimeToLive(1).startEvent()
                        .serviceTask("work").camundaExternalTask(MediaTopics.CLIP)
                        .userTask("done").endEvent().done()).deploy();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void thePackagedWorkerCutsAClipForTheEngine() throws Exception {
        MediaStore store = engine.getBean(MediaStore.class);
        EmbeddedS3Server s3 = engine.getBean(EmbeddedS3Server.class);
        String source = "station-1/raw/" + UUID.randomUUID() + ".mp4";
        store.put(source, TestMedia.small("mp4"), "video/mp4");
        String port = engine.getEnvironment().getProperty("local.server.port");

        Process worker = launch(Map.of(
                "KITCHEN_MEDIA_WORKER_ENGINE_REST_URL", "http://127.0.0.1:" + port + "/engine-rest",
                "KITCHEN_MEDIA_WORKER_USER", TestEngineApplication.WORKER_USER,
                "KITCHEN_MEDIA_WORKER_PASSWORD", TestEngineApplication.WORKER_PASSWORD,
                "KITCHEN_MEDIA_WORKER_WORKER_ID", "standalone-1",
                "KITCHEN_STORAGE_ENDPOINT", s3.endpoint(),
                "KITCHEN_STORAGE_ACCESS_KEY", s3.accessKey(),
                "KITCHEN_STORAGE_SECRET_KEY", s3.secretKey()), "standalone-worker.log");
        try {
            ProcessInstance instance = engine.getBean(RuntimeService.class).startProcessInstanceByKey("standalone-clip",
                    "show-" + UUID.randomUUID(), Map.of("sourceKey", source, "inSeconds", 4.0, "outSeconds", 6.0));

            TaskService tasks = engine.getBean(TaskService.class);
            Task done = await().atMost(Duration.ofSeconds(120)).until(() -> tasks.createTaskQuery()
                    .processInstanceId(instance.getId()).singleResult(), t -> t != null);
            assertThat(done.getTaskDefinitionKey()).isEqualTo("done");
            String outputKey = (String) engine.getBean(RuntimeService.class).getVariable(instance.getId(), "outputKey");
            assertThat(store.exists(outputKey)).isTrue();
            String log = Files.readString(Path.of("target/standalone-worker.log"));
            assertThat(log).contains("polling").doesNotContain(TestEngineApplication.WORKER_PASSWORD)
                    .doesNotContain(s3.secretKey());
        } finally {
            worker.destroy(); // SIGTERM: the worker stops polling and exits
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("worker exits on SIGTERM").isTrue();
        }
    }

    @Test
    void withoutConfigurationItSaysWhatToSet() throws Exception {
        Process worker = launch(Map.of(), "standalone-unconfigured.log");

        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isNotZero();
        assertThat(Files.readString(Path.of("target/standalone-unconfigured.log")))
                .contains("KITCHEN_MEDIA_WORKER_ENGINE_REST_URL").contains("KITCHEN_STORAGE_ENDPOINT");
    }

    private static Process launch(Map<String, String> env, String logName) throws Exception {
        assertThat(JAR).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m",
                "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
                        System.getProperty("user.home") + "/.javacpp/cache"),
                "-jar", JAR.toString()));
        builder.environment().keySet().removeIf(k -> k.startsWith("KITCHEN_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(new File("target/" + logName));
        return builder.start();
    }
}
