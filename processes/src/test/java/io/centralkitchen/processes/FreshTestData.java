package io.centralkitchen.processes;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts every test JVM with an empty data directory for the shared {@link KitchenTest} application, so that a test
 * run never depends on what an earlier run left in {@code target/test-data/shared}.
 */
public class FreshTestData implements LauncherSessionListener {

    static final Path SHARED = Path.of("target/test-data/shared");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        io.centralkitchen.processes.sweep.Captured.install();
        if (!Files.exists(SHARED)) {
            return;
        }
        try (Stream<Path> files = Files.walk(SHARED)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot clear the shared test data " + SHARED, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
