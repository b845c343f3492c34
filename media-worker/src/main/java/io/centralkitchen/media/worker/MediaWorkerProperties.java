package io.centralkitchen.media.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kitchen.media.worker.*}: whether and how this process takes media jobs from the engine.
 * The password comes from the environment ({@code KITCHEN_MEDIA_WORKER_PASSWORD}) and is never printed.
 */
@ConfigurationProperties("kitchen.media.worker")
public class MediaWorkerProperties {

    private boolean enabled = true;
    /** The engine's REST API, e.g. http://engine:8080/engine-rest. Empty: the worker does not start (unless the application supplies a connection). */
    private String engineRestUrl = "";
    private String user = "media-worker";
    private String password = "";
    /** Worker id shown in Cockpit; defaults to media-worker@host:pid, unique per process. */
    private String workerId = "";
    /** Jobs at once (one external-task client each). */
    private int concurrency = 2;
    private Duration lockDuration = Duration.ofMinutes(1);
    /** How often a running job's lock is extended; default a third of the lock duration. */
    private Duration heartbeat;
    /** Attempts after a transient failure before an incident. */
    private int retries = 3;
    private Duration retryBackoff = Duration.ofSeconds(30);
    private Duration maxRetryBackoff = Duration.ofMinutes(10);
    /**
     * How long one fetch waits on the engine for work (long polling; new tasks of the same engine node are handed
     * over at once). Kept short because a graceful shutdown of the engine waits for open fetches.
     */
    private Duration longPoll = Duration.ofSeconds(5);
    private List<String> topics = new ArrayList<>(MediaTopics.ALL);
    /** Local directory for job files (sources, outputs); each job's files are removed when it ends. */
    private Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "central-kitchen-media");
    /**
     * Wall-clock limit of one job; then its lock is no longer extended and it fails with an incident. Unset: built in
     * per topic (probe and cover 10 min, clips 30 min, teaser 1 h, transcode 2 h); set: for every topic.
     */
    private Duration maxJobDuration;
    /** Per topic, overriding max-job-duration, e.g. {@code max-job-durations[media.transcode]=3h}. */
    private Map<String, Duration> maxJobDurations = new LinkedHashMap<>();

    public WorkerSettings toSettings() {
        // unique by default: two workers on one host are two processes
        String id = workerId == null || workerId.isBlank() ? "media-worker@" + hostName() + ":" + ProcessHandle.current().pid() : workerId;
        return new WorkerSettings(id, concurrency, lockDuration, heartbeat, retries, retryBackoff, maxRetryBackoff,
                longPoll, topics, workDir, maxJobDuration, maxJobDurations);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getEngineRestUrl() { return engineRestUrl; }
    public void setEngineRestUrl(String engineRestUrl) { this.engineRestUrl = engineRestUrl; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getWorkerId() { return workerId; }
    public void setWorkerId(String workerId) { this.workerId = workerId; }
    public int getConcurrency() { return concurrency; }
    public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
    public Duration getLockDuration() { return lockDuration; }
    public void setLockDuration(Duration lockDuration) { this.lockDuration = lockDuration; }
    public Duration getHeartbeat() { return heartbeat; }
    public void setHeartbeat(Duration heartbeat) { this.heartbeat = heartbeat; }
    public int getRetries() { return retries; }
    public void setRetries(int retries) { this.retries = retries; }
    public Duration getRetryBackoff() { return retryBackoff; }
    public void setRetryBackoff(Duration retryBackoff) { this.retryBackoff = retryBackoff; }
    public Duration getMaxRetryBackoff() { return maxRetryBackoff; }
    public void setMaxRetryBackoff(Duration maxRetryBackoff) { this.maxRetryBackoff = maxRetryBackoff; }
    public Duration getLongPoll() { return longPoll; }
    public void setLongPoll(Duration longPoll) { this.longPoll = longPoll; }
    public List<String> getTopics() { return topics; }
    public void setTopics(List<String> topics) { this.topics = topics; }
    public Path getWorkDir() { return workDir; }
    public void setWorkDir(Path workDir) { this.workDir = workDir; }
    public Duration getMaxJobDuration() { return maxJobDuration; }
    public void setMaxJobDuration(Duration maxJobDuration) { this.maxJobDuration = maxJobDuration; }
    public Map<String, Duration> getMaxJobDurations() { return maxJobDurations; }
    public void setMaxJobDurations(Map<String, Duration> maxJobDurations) { this.maxJobDurations = maxJobDurations; }

    @Override
    public String toString() {
        return "MediaWorkerProperties[engineRestUrl=" + engineRestUrl + ", user=" + user + ", password="
                + io.centralkitchen.storage.Secrets.mask(password) + ", concurrency=" + concurrency + "]";
    }
}
