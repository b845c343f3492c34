package io.centralkitchen.media.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a media worker takes work: as {@code workerId}, at most {@code concurrency} jobs at once, each lock held for
 * {@code lockDuration} and extended every {@code heartbeat} while the job runs; transient failures are retried
 * {@code retries} times with a backoff doubling from {@code retryBackoff} up to {@code maxRetryBackoff}.
 */
record WorkerSettings(String workerId, int concurrency, Duration lockDuration, Duration heartbeat, int retries,
                             Duration retryBackoff, Duration maxRetryBackoff, Duration longPoll, List<String> topics,
                             Path workDir) {

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
    }

    /** Wait before retry number {@code attempt} (1 = first retry): doubling, capped. */
    public Duration backoff(int attempt) {
        Duration d = retryBackoff.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return d.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : d;
    }
}
