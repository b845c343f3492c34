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
 * baseline, both up in the same JVM and measured in alternating rounds.
 */
public class EngineBench {

    static final int WARMUP = 300;
    static final int INSTANCES = Integer.getInteger("bench.instances", 3000);
    static final int THREADS = Integer.getInteger("bench.threads", 2);

    static final int ROUNDS = Integer.getInteger("bench.rounds", 4);

    /**
     * Both engines up in the same JVM at once, measured in alternating rounds (platform, bare, platform, bare, ...):
     * a machine shared with other work changes its speed over minutes, which a round-by-round ratio does not see.
     * {@code process_instances_ratio_vs_bare} is the median of the rounds' ratios.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "bench/out/engine")).toAbsolutePath();
        StandaloneProcessEngineConfiguration bare = new StandaloneProcessEngineConfiguration();
        bare.setJdbcUrl("jdbc:h2:file:" + dir.resolve("bare-data/engine") + ";DB_CLOSE_ON_EXIT=FALSE");
        bare.setJdbcUsername("sa");
        bare.setJdbcPassword("");
        bare.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        bare.setJobExecutorActivate(false);
        bare.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        bare.setProcessEngineName("bare");
        // the bare engine again with the platform's H2 settings (statement cache): what is left is the platform's own
        StandaloneProcessEngineConfiguration sameH2 = new StandaloneProcessEngineConfiguration();
        sameH2.setJdbcUrl("jdbc:h2:file:" + dir.resolve("bare-h2-data/engine")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256");
        sameH2.setJdbcUsername("sa");
        sameH2.setJdbcPassword("");
        sameH2.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        sameH2.setJobExecutorActivate(false);
        sameH2.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        sameH2.setProcessEngineName("bare-same-h2");
        List<Double> sameH2Ratios = new ArrayList<>();
        List<Double> platformRates = new ArrayList<>();
        List<Double> bareRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CentralKitchenApplication.class)
                .run("--server.port=0", "--kitchen.data-dir=" + dir.resolve("platform-data"), "--kitchen.admin.password=bench-admin",
                        "--kitchen.media.worker.enabled=false", "--logging.level.root=warn")) {
            ProcessEngine platform = app.getBean(ProcessEngine.class);
            ProcessEngine bareEngine = bare.buildProcessEngine();
            ProcessEngine sameH2Engine = sameH2.buildProcessEngine();
            try {
                deploy(platform, "station-1");
                deploy(bareEngine, null);
                deploy(sameH2Engine, null);
                run(platform, "station-1", WARMUP);
                run(bareEngine, null, WARMUP);
                run(sameH2Engine, null, WARMUP);
                int perRound = INSTANCES / ROUNDS;
                for (int round = 1; round <= ROUNDS; round++) {
                    double p = measure("platform, round " + round, platform, "station-1", perRound);
                    double b = measure("bare engine, round " + round, bareEngine, null, perRound);
                    double h = measure("bare engine with the platform's H2 settings, round " + round, sameH2Engine, null, perRound);
                    platformRates.add(p);
                    bareRates.add(b);
                    ratios.add(p / b);
                    sameH2Ratios.add(p / h);
                }
            } finally {
                bareEngine.close();
                sameH2Engine.close();
            }
        }
        System.out.printf("machine=%s%n", System.getProperty("bench.machine", "unknown"));
        System.out.printf("instances=%d%nthreads=%d%nrounds=%d%n", INSTANCES, THREADS, ROUNDS);
        System.out.printf("process_instances_per_s_bare_engine=%.0f%n", median(bareRates));
        System.out.printf("process_instances_ratio_vs_bare_rounds=%s%n",
                ratios.stream().map(r -> String.format("%.2f", r)).toList().toString().replace(" ", ""));
        System.out.printf("process_instances_per_s=%.0f%n", median(platformRates));
        System.out.printf("process_instances_ratio_vs_bare_same_h2=%.2f%n", median(sameH2Ratios));
        System.out.printf("process_instances_ratio_vs_bare=%.2f%n", median(ratios));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static void deploy(ProcessEngine engine, String tenant) {
        BpmnModelInstance model = Bpmn.createExecutableProcess("bench-three-step")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("prepare").camundaExpression("${execution.setVariable('prepared', true)}")
                .userTask("approve").camundaCandidateGroups("editors")
                .endEvent()
                .done();
        var deployment = engine.getRepositoryService().createDeployment().addModelInstance("bench-three-step.bpmn", model);
        if (tenant != null) {
            deployment.tenantId(tenant);
        }
        deployment.deploy();
    }

    static double measure(String label, ProcessEngine engine, String tenant, int count) throws Exception {
        long start = System.nanoTime();
        run(engine, tenant, count);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = count / seconds;
        System.out.printf("# %s: %d instances in %.2f s = %.0f/s (load %s)%n", label, count, seconds, rate,
                java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip());
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
