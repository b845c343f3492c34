package io.centralkitchen.processes.show.live.cluster;

import io.centralkitchen.processes.TestHttp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One platform node as an operator runs it: the repackaged jar in a JVM of its own ({@code java -jar}), configured by
 * {@code --name=value} arguments, its output in {@code <dir>/node.log} (read it when a cluster test fails).
 */
final class NodeProcess implements AutoCloseable {

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private NodeProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static NodeProcess start(String name, Path jar, Path dir, int port, Map<String, String> properties) {
        try {
            Files.createDirectories(dir.resolve("tmp"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                    "-Djava.io.tmpdir=" + dir.resolve("tmp").toAbsolutePath()));
            String natives = System.getProperty("org.bytedeco.javacpp.cachedir");
            if (natives != null) {
                command.add("-Dorg.bytedeco.javacpp.cachedir=" + natives);
            }
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            command.add("--server.port=" + port);
            command.add("--kitchen.data-dir=" + dir.resolve("data").toAbsolutePath());
            properties.forEach((k, v) -> command.add("--" + k + "=" + v));
            Path log = dir.resolve("node.log");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new NodeProcess(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start node " + name, e);
        }
    }

    TestHttp http() {
        return new TestHttp(port);
    }

    /** Waits for {@code /actuator/health} to answer UP; a node that died or never answers fails with its log's tail. */
    NodeProcess awaitHealthy(Duration within) {
        try {
            await(name + " answers /actuator/health UP").atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited (" + process.exitValue() + "):\n" + tail());
                }
                try {
                    return http().get("/actuator/health").status() == 200;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + tail(), e);
        }
        return this;
    }

    /** kill -9: {@link Process#destroyForcibly()} is SIGKILL on Linux — no shutdown hook, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
