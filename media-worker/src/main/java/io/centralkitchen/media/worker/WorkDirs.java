package io.centralkitchen.media.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Each worker's own folder under the configured work directory, held by a file lock for as long as the worker runs:
 * two workers on one host never share one, and at start a worker removes what dead workers left (the folders whose
 * lock nobody holds: the source and partial output of a job whose process was killed).
 */
final class WorkDirs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkDirs.class);
    private static final String LOCK = ".owner.lock";

    private final Path own;
    private final FileChannel channel;
    private final FileLock lock;

    private WorkDirs(Path own, FileChannel channel, FileLock lock) {
        this.own = own;
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims {@code base/<worker id>} (made unique if another live worker holds it) and cleans up after dead ones. */
    static WorkDirs claim(Path base, String workerId) {
        try {
            Files.createDirectories(base);
            removeLeftovers(base);
            String name = workerId.replaceAll("[^A-Za-z0-9._-]", "_");
            for (int n = 0; ; n++) {
                Path dir = Files.createDirectories(base.resolve(n == 0 ? name : name + "-" + n));
                FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new WorkDirs(dir, channel, lock);
                }
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the work directory " + base + " (kitchen.media.worker.work-dir): "
                    + e.getMessage(), e);
        }
    }

    Path dir() {
        return own;
    }

    /** Folders nobody holds — their worker is gone — and loose job folders of older versions. */
    private static void removeLeftovers(Path base) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(base)) {
            entries = list.filter(Files::isDirectory).toList();
        }
        for (Path dir : entries) {
            boolean orphan = dir.getFileName().toString().startsWith("job-");
            if (!orphan && Files.exists(dir.resolve(LOCK))) {
                try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.WRITE)) {
                    FileLock lock = tryLock(channel);
                    orphan = lock != null;
                    if (lock != null) {
                        lock.release();
                    }
                }
            }
            if (orphan) {
                long bytes = delete(dir);
                log.info("Removed {} left by a media worker that is gone ({} bytes)", dir, bytes);
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static long delete(Path dir) throws IOException {
        long[] bytes = {0};
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p)) {
                    bytes[0] += Files.size(p);
                }
                Files.deleteIfExists(p);
            }
        }
        return bytes[0];
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            log.debug("Releasing {}: {}", own, e.getMessage());
        }
    }
}
