import io.centralkitchen.processes.CentralKitchenApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * process_instances_per_s: instances of a three-step model (service task, user task completed through the API, end)
 * started and finished per second on the platform's engine (H2 file database, history full, authorization and
 * tenant checks on, station tenant), and the same on a bare Camunda engine (H2 file, default configuration) as the
 * baseline, measured in the same run.
 */
public class EngineBench {

    static final int WARMUP = 300;
    static final int INSTANCES = Integer.getInteger("bench.instances", 3000);
    static final int THREADS = Integer.getInteger("bench.threads", 2);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "bench/out/engine")).toAbsolutePath();
        double platform;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CentralKitchenApplication.class)
                .run("--server.port=0", "--kitchen.data-dir=" + dir.resolve("platform-data"), "--kitchen.admin.password=bench-admin",
                        "--kitchen.media.worker.enabled=false", "--logging.level.root=warn")) {
            ProcessEngine engine = app.getBean(ProcessEngine.class);
            platform = measure("platform", engine, "station-1");
        }
        StandaloneProcessEngineConfiguration bare = new StandaloneProcessEngineConfiguration();
        bare.setJdbcUrl("jdbc:h2:file:" + dir.resolve("bare-data/engine") + ";DB_CLOSE_ON_EXIT=FALSE");
        bare.setJdbcUsername("sa");
        bare.setJdbcPassword("");
        bare.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        bare.setJobExecutorActivate(false);
        bare.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        bare.setProcessEngineName("bare");
        ProcessEngine bareEngine = bare.buildProcessEngine();
        double baseline;
        try {
            baseline = measure("bare engine", bareEngine, null);
        } finally {
            bareEngine.close();
        }
        System.out.printf("machine=%s%n", System.getProperty("bench.machine", "unknown"));
        System.out.printf("instances=%d%nthreads=%d%n", INSTANCES, THREADS);
        System.out.printf("process_instances_per_s_bare_engine=%.0f%n", baseline);
        System.out.printf("platform_vs_bare_engine=%.2f%n", platform / baseline);
        System.out.printf("process_instances_per_s=%.0f%n", platform);
    }

    static double measure(String label, ProcessEngine engine, String tenant) throws Exception {
        BpmnModelInstance model = Bpmn.createExecutableProcess("bench-three-step")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("prepare").camundaExpression("${execution.setVariable('prepared', true)}")
                .userTask("approve").camundaCandidateGroups("editors")
                .endEvent()
                .done();
        RepositoryService repository = engine.getRepositoryService();
        var deployment = repository.createDeployment().addModelInstance("bench-three-step.bpmn", model);
        if (tenant != null) {
            deployment.tenantId(tenant);
        }
        deployment.deploy();
        run(engine, tenant, WARMUP);
        long start = System.nanoTime();
        run(engine, tenant, INSTANCES);
        double seconds = (System.nanoTime() - start) / 1e9;
        long finished = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("bench-three-step").finished().count();
        if (finished != WARMUP + INSTANCES) {
            throw new IllegalStateException(label + ": expected " + (WARMUP + INSTANCES) + " finished instances, found " + finished);
        }
        double rate = INSTANCES / seconds;
        System.out.printf("# %s: %d instances in %.2f s = %.0f/s%n", label, INSTANCES, seconds, rate);
        return rate;
    }

    static void run(ProcessEngine engine, String tenant, int count) throws Exception {
        RuntimeService runtime = engine.getRuntimeService();
        TaskService tasks = engine.getTaskService();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        var builder = runtime.createProcessInstanceByKey("bench-three-step");
                        if (tenant != null) {
                            builder.processDefinitionTenantId(tenant);
                        }
                        String id = builder.execute().getId();
                        String taskId = tasks.createTaskQuery().processInstanceId(id).singleResult().getId();
                        tasks.complete(taskId);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
