package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StorageException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one locked task: heartbeat on, handler, then complete — or BPMN error {@code MEDIA_INVALID} for bad input, or
 * a failure with retries and backoff (an incident when they run out). A job still running at its wall-clock limit
 * ({@link WorkerSettings#maxJobDuration(String)}) gets no more lock extensions and fails at once with no retries — an
 * incident naming the limit — and its work stops at its next progress report. Logs progress every 10 %. The working
 * directory is removed afterwards, whatever happened; source objects are never touched.
 */
final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final WorkerSettings settings;
    private final MediaStore store;
    private final ScheduledExecutorService heartbeats;
    private final Map<String, Running> running;
    private volatile boolean abandoned;

    JobRunner(WorkerSettings settings, MediaStore store, ScheduledExecutorService heartbeats, Map<String, Running> running) {
        this.settings = settings;
        this.store = store;
        this.heartbeats = heartbeats;
        this.running = running;
    }

    void abandon() {
        abandoned = true;
    }

    void run(MediaTaskHandler handler, ExternalTask task, ExternalTaskService service) {
        Running job = new Running(task, Thread.currentThread());
        running.put(task.getId(), job);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> extend(task, service, job),
                settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        Duration limit = settings.maxJobDuration(task.getTopicName());
        ScheduledFuture<?> deadline = heartbeats.schedule(() -> expire(task, service, job, heartbeat, limit),
                limit.toMillis(), TimeUnit.MILLISECONDS);
        Path workDir = null;
        log.info("{} task {} ({}) started", task.getTopicName(), task.getId(), describe(task));
        try {
            workDir = Files.createDirectories(settings.workDir()).resolve("job-" + task.getId());
            Files.createDirectories(workDir);
            Map<String, Object> result = handler.handle(new MediaJob(task, store, workDir, job::progress));
            heartbeat.cancel(false);
            if (!abandoned) {
                job.report(() -> service.complete(task, result));
                log.info("{} task {} ({}) completed: {}", task.getTopicName(), task.getId(), describe(task), result);
            }
        } catch (MediaInvalidException e) {
            heartbeat.cancel(false);
            if (!abandoned) {
                log.warn("{} task {} ({}): bad input, raising {}: {}", task.getTopicName(), task.getId(), describe(task),
                        MediaTopics.MEDIA_INVALID, e.getMessage());
                job.report(() -> service.handleBpmnError(task, MediaTopics.MEDIA_INVALID, e.getMessage(),
                        Map.of("mediaError", e.getMessage())));
            }
        } catch (CancellationException e) {
            log.warn(job.isExpired() ? "{} task {} ({}) stopped at its wall-clock limit"
                    : "{} task {} ({}) interrupted; its lock will expire and another worker takes it", task.getTopicName(),
                    task.getId(), describe(task));
        } catch (RuntimeException | IOException | Error e) {
            heartbeat.cancel(false);
            if (!abandoned) {
                fail(task, service, e);
            }
        } finally {
            heartbeat.cancel(false);
            deadline.cancel(false);
            running.remove(task.getId());
            Thread.interrupted(); // clear an interrupt meant for this job before the client's thread goes on
            deleteQuietly(workDir);
        }
    }

    private Running job(ExternalTask task) {
        Running job = running.get(task.getId());
        return job != null ? job : new Running(task, Thread.currentThread());
    }

    private void fail(ExternalTask task, ExternalTaskService service, Throwable e) {
        int retriesLeft = (task.getRetries() == null ? settings.retries() : task.getRetries()) - 1;
        int attempt = settings.retries() - retriesLeft;
        long wait = settings.backoff(attempt).toMillis();
        String message = (e instanceof StorageException ? "Object store trouble: " : "Media job failed: ") + e.getMessage();
        log.warn("{} task {} ({}) failed ({} retries left, next in {} ms): {}", task.getTopicName(), task.getId(),
                describe(task), Math.max(0, retriesLeft), wait, e.toString());
        job(task).report(() -> service.handleFailure(task, truncate(message, 3900), stackTrace(e), Math.max(0, retriesLeft), wait));
    }

    private void extend(ExternalTask task, ExternalTaskService service, Running job) {
        try {
            job.extend(() -> service.extendLock(task, settings.lockDuration().toMillis()));
        } catch (RuntimeException e) {
            // The lock is gone (expired and taken, or the task was cancelled): stop the work, it is someone else's now.
            log.warn("{} task {}: extending the lock failed ({}); stopping the job", task.getTopicName(), task.getId(), e.getMessage());
            job.interrupt();
        }
    }

    /** At the wall-clock limit: no more heartbeats, a failure without retries (an incident), the work stopped. */
    private void expire(ExternalTask task, ExternalTaskService service, Running job, ScheduledFuture<?> heartbeat,
                        Duration limit) {
        heartbeat.cancel(false);
        if (abandoned) {
            return;
        }
        String message = "Media job stopped: it ran longer than its wall-clock limit of " + human(limit)
                + " (kitchen.media.worker.max-job-duration, " + task.getTopicName() + "), so its lock is no longer "
                + "extended. Check the input (a source too long or too large for this worker?) or raise the limit, "
                + "then retry the incident.";
        try {
            if (job.expire(() -> service.handleFailure(task, message, message, 0, 0))) {
                log.warn("{} task {} ({}): {}", task.getTopicName(), task.getId(), describe(task), message);
                job.interrupt();
            }
        } catch (RuntimeException e) {
            log.warn("{} task {}: reporting the wall-clock limit failed ({}); its lock expires", task.getTopicName(),
                    task.getId(), e.getMessage());
            job.interrupt();
        }
    }

    /** 2 h, 30 min, 1 s, 800 ms: a limit as a person writes it. */
    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 3_600_000 == 0 ? ms / 3_600_000 + " h" : ms % 60_000 == 0 ? ms / 60_000 + " min"
                : ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String describe(ExternalTask task) {
        return (task.getBusinessKey() == null ? "instance " + task.getProcessInstanceId() : task.getBusinessKey())
                + (task.getTenantId() == null ? "" : ", station " + task.getTenantId());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not remove working directory {}: {}", dir, e.getMessage());
        }
    }

    /** A job in progress: reports progress (logged every 10 %) and can be interrupted. */
    static final class Running {
        private final ExternalTask task;
        private final Thread thread;
        private volatile int percent;
        private volatile boolean expired;
        private boolean reported;

        Running(ExternalTask task, Thread thread) {
            this.task = task;
            this.thread = thread;
        }

        /** Progress of the work; past the wall-clock limit, the work is stopped here. */
        void progress(double fraction) {
            if (expired) {
                throw new CancellationException("stopped at the job's wall-clock limit");
            }
            int now = (int) Math.floor(fraction * 100);
            if (now / 10 > percent / 10) {
                log.info("{} task {} ({}): {} %", task.getTopicName(), task.getId(), describe(task), now / 10 * 10);
            }
            percent = Math.max(percent, now);
        }

        void interrupt() {
            thread.interrupt();
        }

        /** Extends the lock unless the job is already reporting its result (both change the same engine row). */
        synchronized void extend(Runnable extendLock) {
            if (!reported) {
                extendLock.run();
            }
        }

        /**
         * Reports the result once; never concurrently with a heartbeat. A report refused by the engine for a
         * concurrent change is tried again: the work is done, only the message did not arrive.
         */
        synchronized void report(Runnable report) {
            if (reported) {
                return; // the wall-clock limit has already failed the job
            }
            reported = true;
            for (int attempt = 1; ; attempt++) {
                try {
                    report.run();
                    return;
                } catch (RuntimeException e) {
                    if (attempt >= 3) {
                        throw e;
                    }
                    log.info("{} task {}: reporting the result failed ({}), trying again", task.getTopicName(),
                            task.getId(), e.getMessage());
                    try {
                        Thread.sleep(200L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        /** Marks the job as over its limit and reports that, unless its result is reported already. */
        synchronized boolean expire(Runnable report) {
            if (reported) {
                return false;
            }
            expired = true;
            report(report);
            return true;
        }

        boolean isExpired() {
            return expired;
        }

        MediaWorker.JobStatus status() {
            return new MediaWorker.JobStatus(task.getTopicName(), task.getId(), task.getBusinessKey(), percent);
        }
    }
}
