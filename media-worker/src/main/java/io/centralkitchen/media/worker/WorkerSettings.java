package io.centralkitchen.media.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a media worker takes work: as {@code workerId}, at most {@code concurrency} jobs at once, each lock held for
 * {@code lockDuration} and extended every {@code heartbeat} while the job runs; transient failures are retried
 * {@code retries} times with a backoff doubling from {@code retryBackoff} up to {@code maxRetryBackoff}. A job runs
 * at most {@code maxJobDuration} of wall-clock time (null: {@link #DEFAULT_MAX_JOB_DURATIONS} per topic;
 * {@code maxJobDurations}: per topic, overriding both).
 */
record WorkerSettings(String workerId, int concurrency, Duration lockDuration, Duration heartbeat, int retries,
                             Duration retryBackoff, Duration maxRetryBackoff, Duration longPoll, List<String> topics,
                             Path workDir, Duration maxJobDuration, Map<String, Duration> maxJobDurations) {

    /** Wall-clock limits per topic unless configured: a probe is quick, a transcode or teaser of an hour's media not. */
    static final Map<String, Duration> DEFAULT_MAX_JOB_DURATIONS = Map.of(
            MediaTopics.PROBE, Duration.ofMinutes(10), MediaTopics.COVER, Duration.ofMinutes(10),
            MediaTopics.CLIP, Duration.ofMinutes(30), MediaTopics.SMART_CUT, Duration.ofMinutes(30),
            MediaTopics.RECORDING_CLIP, Duration.ofMinutes(30), MediaTopics.TEASER, Duration.ofHours(1),
            MediaTopics.TRANSCODE, Duration.ofHours(2));
    static final Duration DEFAULT_MAX_JOB_DURATION = Duration.ofHours(2);

    /** The same settings working in {@code dir} (the worker's own folder under the configured work directory). */
    WorkerSettings withWorkDir(Path dir) {
        return new WorkerSettings(workerId, concurrency, lockDuration, heartbeat, retries, retryBackoff, maxRetryBackoff,
                longPoll, topics, dir, maxJobDuration, maxJobDurations);
    }

    /** With the default wall-clock limits. */
    WorkerSettings(String workerId, int concurrency, Duration lockDuration, Duration heartbeat, int retries,
                   Duration retryBackoff, Duration maxRetryBackoff, Duration longPoll, List<String> topics, Path workDir) {
        this(workerId, concurrency, lockDuration, heartbeat, retries, retryBackoff, maxRetryBackoff, longPoll, topics,
                workDir, null, Map.of());
    }

    public WorkerSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("kitchen.media.worker.concurrency must be at least 1, got " + concurrency);
        }
        if (heartbeat == null || heartbeat.isZero()) {
            heartbeat = lockDuration.dividedBy(3);
        }
        if (heartbeat.compareTo(lockDuration) >= 0) {
            throw new IllegalArgumentException("The heartbeat (" + heartbeat + ") must be shorter than the lock duration ("
                    + lockDuration + "), or the lock expires between beats");
        }
        topics = List.copyOf(topics);
        maxJobDurations = Map.copyOf(maxJobDurations == null ? Map.of() : maxJobDurations);
        for (Map.Entry<String, Duration> limit : maxJobDurations.entrySet()) {
            if (limit.getValue().isNegative() || limit.getValue().isZero()) {
                throw new IllegalArgumentException("The wall-clock limit of " + limit.getKey() + " must be positive, got "
                        + limit.getValue());
            }
        }
        if (maxJobDuration != null && (maxJobDuration.isNegative() || maxJobDuration.isZero())) {
            throw new IllegalArgumentException("kitchen.media.worker.max-job-duration must be positive, got " + maxJobDuration);
        }
    }

    /** These settings with wall-clock limits per topic (overriding the others). */
    WorkerSettings withMaxJobDurations(Map<String, Duration> limits) {
        return new WorkerSettings(workerId, concurrency, lockDuration, heartbeat, retries, retryBackoff, maxRetryBackoff,
                longPoll, topics, workDir, maxJobDuration, limits);
    }

    /** The wall-clock limit of a job of {@code topic}: configured for the topic, else built in for it, else the default. */
    public Duration maxJobDuration(String topic) {
        Duration configured = maxJobDurations.get(topic);
        if (configured != null) {
            return configured;
        }
        return maxJobDuration != null ? maxJobDuration
                : DEFAULT_MAX_JOB_DURATIONS.getOrDefault(topic, DEFAULT_MAX_JOB_DURATION);
    }

    /** Wait before retry number {@code attempt} (1 = first retry): doubling, capped. */
    public Duration backoff(int attempt) {
        Duration d = retryBackoff.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return d.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : d;
    }
}
