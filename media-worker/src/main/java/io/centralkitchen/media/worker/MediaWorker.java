package io.centralkitchen.media.worker;

import io.centralkitchen.storage.MediaStore;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.io.CloseMode;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * Takes media jobs from the engine's REST API as an external-task client. The stock client runs its handlers one at a
 * time, so the worker runs {@code concurrency} clients, each fetching one task at a time (long polling): at most that
 * many jobs run at once, and the engine's locks make sure two clients — in this JVM or another — never take the same
 * task. A heartbeat extends each lock while its job runs.
 */
public final class MediaWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaWorker.class);

    private final WorkerSettings settings;
    private final MediaStore store;
    private final Map<String, MediaTaskHandler> handlers;
    private final Map<String, JobRunner.Running> running = new ConcurrentHashMap<>();
    private final List<ExternalTaskClient> clients = new ArrayList<>();
    private final List<PoolingHttpClientConnectionManager> connections = new ArrayList<>();
    private ScheduledExecutorService heartbeats;
    private JobRunner runner;
    private WorkDirs workDirs;

    public MediaWorker(WorkerSettings settings, MediaStore store, Collection<MediaTaskHandler> handlers) {
        this.settings = settings;
        this.store = store;
        this.handlers = handlers.stream().filter(h -> settings.topics().contains(h.topic()))
                .collect(Collectors.toMap(MediaTaskHandler::topic, h -> h));
    }

    public WorkerSettings settings() {
        return settings;
    }

    public synchronized boolean isRunning() {
        return !clients.isEmpty();
    }

    /** Starts polling the engine. */
    public synchronized void start(EngineConnection engine) {
        if (isRunning()) {
            return;
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, settings.workerId() + "-heartbeat");
            t.setDaemon(true);
            return t;
        });
        workDirs = WorkDirs.claim(settings.workDir(), settings.workerId());
        runner = new JobRunner(settings.withWorkDir(workDirs.dir()), store, heartbeats, running);
        for (int i = 1; i <= settings.concurrency(); i++) {
            // Our own connection pool per client, so that stopping can cut a pending long poll instead of waiting it out.
            PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
            connections.add(pool);
            ExternalTaskClient client = ExternalTaskClient.create()
                    .customizeHttpClient(http -> http.setConnectionManager(pool))
                    .baseUrl(engine.restUrl())
                    .workerId(settings.workerId())
                    .maxTasks(1)
                    .lockDuration(settings.lockDuration().toMillis())
                    .asyncResponseTimeout(settings.longPoll().toMillis())
                    // Long polling already waits on the engine side when there is no work; back off only on errors
                    // (engine down or restarting), from 0.5 s doubling to 30 s, instead of hammering it.
                    .backoffStrategy(new ExponentialErrorBackoffStrategy(500, 2, 30_000))
                    .addInterceptor(new BasicAuthProvider(engine.user(), engine.password()))
                    .build();
            for (MediaTaskHandler handler : handlers.values()) {
                client.subscribe(handler.topic())
                        .lockDuration(settings.lockDuration().toMillis())
                        .variables(handler.variables())
                        .handler((task, service) -> runner.run(handler, task, service))
                        .open();
            }
            clients.add(client);
        }
        log.info("Media worker '{}' polling {} as '{}' for {} with {} slot(s), lock {} extended every {}",
                settings.workerId(), engine.restUrl(), engine.user(), handlers.keySet(), settings.concurrency(),
                settings.lockDuration(), settings.heartbeat());
    }

    /** Jobs running now, with their progress: task id → status. */
    public Map<String, JobStatus> runningJobs() {
        return running.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().status()));
    }

    /** Stops polling; running jobs finish and report their result first. */
    public synchronized void stop() {
        stopClients(false);
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        releaseWorkDir();
    }

    private void releaseWorkDir() {
        if (workDirs != null) {
            workDirs.close();
            workDirs = null;
        }
    }

    /**
     * Stops every client at once. A client's stop waits for its pending fetch, which the engine holds open for the
     * long-poll time: idle connections are cut so that it returns now ({@code abortRunning}: all connections, also
     * those of jobs reporting their result).
     */
    private void stopClients(boolean abortRunning) {
        List<Thread> stopping = new ArrayList<>();
        for (ExternalTaskClient client : clients) {
            Thread t = new Thread(client::stop, settings.workerId() + "-stop");
            t.setDaemon(true);
            t.start();
            stopping.add(t);
        }
        boolean idle = running.isEmpty();
        if (idle || abortRunning) {
            connections.forEach(pool -> pool.close(CloseMode.IMMEDIATE));
        }
        long deadline = System.currentTimeMillis() + (idle || abortRunning ? 10_000 : settings.lockDuration().toMillis());
        for (Thread t : stopping) {
            try {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.forEach(pool -> pool.close(CloseMode.IMMEDIATE));
        connections.clear();
        clients.clear();
    }

    /**
     * Stops at once as if the process died: no more polling, no heartbeats, running jobs are interrupted and report
     * nothing. Their locks expire and another worker takes the tasks.
     */
    public synchronized void abandon() {
        if (runner != null) {
            runner.abandon();
        }
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        running.values().forEach(JobRunner.Running::interrupt);
        stopClients(true);
        releaseWorkDir(); // as a dead process's: the next worker to start removes what it left
    }

    @Override
    public void close() {
        stop();
    }

    /** What one running job is doing. */
    public record JobStatus(String topic, String taskId, String businessKey, int percent) {
    }
}
