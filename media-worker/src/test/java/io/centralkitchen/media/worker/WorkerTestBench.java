package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.MediaOperations;
import io.centralkitchen.media.ops.TestMedia;
import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker against a real engine over REST, with real S3: the engine, the store, workers and helpers of the worker tests. */
@SpringBootTest(classes = TestEngineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kitchen.data-dir=target/worker-test-data",
        "kitchen.media.worker.enabled=false",
        "kitchen.media.profiles.tiny-vertical.width=180",
        "kitchen.media.profiles.tiny-vertical.height=320",
        "kitchen.media.profiles.tiny-vertical.fit=crop",
        "spring.datasource.url=jdbc:h2:mem:media-worker-test;DB_CLOSE_DELAY=-1",
        "camunda.bpm.admin-user.id=" + TestEngineApplication.WORKER_USER,
        "camunda.bpm.admin-user.password=" + TestEngineApplication.WORKER_PASSWORD,
        "camunda.bpm.generic-properties.properties.history-time-to-live=P1D",
        "camunda.bpm.job-execution.enabled=false"})
abstract class WorkerTestBench {

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    MediaStore store;
    @Autowired
    MediaOperations ops;

    final List<MediaWorker> workers = new ArrayList<>();
    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    static boolean deployed;

    @BeforeAll
    static void media() {
        TestMedia.small("mp4");
        TestMedia.small("flv");
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(MediaWorker::abandon);
    }

    // ---------------------------------------------------------------- helpers

    MediaWorker worker(String id, int concurrency, Duration lock, MediaStore withStore) {
        return worker(id, concurrency, lock, withStore, 3);
    }

    MediaWorker worker(String id, int concurrency, Duration lock, MediaStore withStore, int retries) {
        return worker(settings(id, concurrency, lock, retries), withStore);
    }

    static WorkerSettings settings(String id, int concurrency, Duration lock, int retries) {
        return new WorkerSettings(id, concurrency, lock, lock.dividedBy(4), retries,
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5), MediaTopics.ALL,
                Path.of("target/worker-test-jobs/" + id));
    }

    MediaWorker worker(WorkerSettings settings, MediaStore withStore) {
        List<MediaTaskHandler> counted = MediaWorkerAutoConfiguration.handlers(ops).stream().map(this::counting).toList();
        MediaWorker worker = new MediaWorker(settings, withStore, counted);
        worker.start(new EngineConnection("http://127.0.0.1:" + port + "/engine-rest", TestEngineApplication.WORKER_USER,
                TestEngineApplication.WORKER_PASSWORD));
        workers.add(worker);
        return worker;
    }

    /** Counts how often each task's work ran to its end (a task done twice would count 2). */
    MediaTaskHandler counting(MediaTaskHandler handler) {
        return new MediaTaskHandler() {
            public String topic() {
                return handler.topic();
            }

            public String[] variables() {
                return handler.variables();
            }

            public Map<String, Object> handle(MediaJob job) {
                Map<String, Object> result = handler.handle(job);
                executions.computeIfAbsent(job.task().getId(), k -> new AtomicInteger()).incrementAndGet();
                return result;
            }
        };
    }

    synchronized void deploy() {
        if (deployed) {
            return;
        }
        for (String topic : MediaTopics.ALL) {
            String key = "media-" + topic.replace('.', '-');
            BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                    .startEvent()
                    .serviceTask("work").camundaExternalTask(topic)
                    .boundaryEvent("invalid").error("MEDIA_INVALID").userTask("fixInput").endEvent()
                    .moveToActivity("work").userTask("done").endEvent()
                    .done();
            repositoryService.createDeployment().addModelInstance(key + ".bpmn", model).deploy();
        }
        deployed = true;
    }

    ProcessInstance start(String topic, Map<String, Object> variables) {
        deploy();
        return runtimeService.startProcessInstanceByKey("media-" + topic.replace('.', '-'), "show-" + UUID.randomUUID(),
                variables);
    }

    final java.util.Set<String> deployedForStations = ConcurrentHashMap.newKeySet();

    /** The same one-task model deployed for a station (tenant): its external tasks carry the station. */
    ProcessInstance startFor(String station, String topic, Map<String, Object> variables) {
        String key = "media-" + topic.replace('.', '-') + "-of-" + station;
        if (deployedForStations.add(key)) {
            BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                    .startEvent()
                    .serviceTask("work").camundaExternalTask(topic)
                    .boundaryEvent("invalid").error("MEDIA_INVALID").userTask("fixInput").endEvent()
                    .moveToActivity("work").userTask("done").endEvent()
                    .done();
            repositoryService.createDeployment().tenantId(station).addModelInstance(key + ".bpmn", model).deploy();
        }
        return runtimeService.createProcessInstanceByKey(key).processDefinitionTenantId(station)
                .businessKey("show-" + UUID.randomUUID()).setVariables(variables).execute();
    }

    Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    Map<String, Object> awaitDone(ProcessInstance instance) {
        Task task = await().atMost(Duration.ofSeconds(120)).until(() -> task(instance), t -> t != null);
        assertThat(task.getTaskDefinitionKey()).as("mediaError: %s",
                runtimeService.getVariable(instance.getId(), "mediaError")).isEqualTo("done");
        return runtimeService.getVariables(instance.getId());
    }

    String upload(String key, Path file) {
        store.put(key, file, "video/mp4");
        return key;
    }

    Path download(String key) throws Exception {
        Path target = Files.createTempDirectory("out").resolve("file" + key.substring(key.lastIndexOf('.')));
        store.download(key, target);
        return target;
    }
}
