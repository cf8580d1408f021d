package io.entroflow.app.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An {@code entroflow run} in a child JVM (this test JVM's classpath), on a given broker, with its own
 * data directory and a {@code --kafka-config} file; started, killed with SIGKILL and restarted on the
 * same state, or stopped with SIGTERM. Each start logs to {@code <name>-<n>.log} in the log directory.
 */
final class ChildMonitor implements AutoCloseable {
    private final String name;
    private final List<String> command;
    private final Path logDir;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    /**
     * @param kafkaConfig settings for {@code --kafka-config} (application.id, standby replicas, ...)
     */
    ChildMonitor(String name, Path spec, String bootstrap, Properties kafkaConfig, Path dir) {
        this.name = name;
        this.logDir = dir;
        Path config = dir.resolve(name + ".properties");
        try (var w = Files.newBufferedWriter(config)) {
            kafkaConfig.store(w, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.command = List.of(javaBinary(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.entroflow.app.cli.EntroflowCli", "run", "--config", spec.toString(), "--bootstrap-servers", bootstrap,
                "--kafka-config", config.toString(), "--data-dir", dir.resolve(name + "-data").toString(),
                "--status-every", "1s", "--http-port", "0", "--no-output-latency", "--connect-timeout", "120s");
    }

    /** Starts the process (again, on the same data directory). */
    ChildMonitor start() {
        Path log = logDir.resolve(name + "-" + (logs.size() + 1) + ".log");
        logs.add(log);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until the current process printed that it runs. */
    void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (currentLog().contains("running on")) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + currentLog());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " not running after " + timeout + ":\n" + currentLog());
    }

    /** Waits until the current process's status line shows events in (it is processing, not starting or restoring). */
    void awaitProcessing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String status = lastStatus();
            if (status.contains("RUNNING") && !status.contains("events in 0,")) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + currentLog());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " not processing after " + timeout + ":\n" + currentLog());
    }

    /** Waits until the current process's last status line contains {@code text} (e.g. its state, RUNNING). */
    void awaitStatus(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lastStatus().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + currentLog());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " has no status line with '" + text + "' after " + timeout + ":\n" + currentLog());
    }

    /** The current process's last status line that names the Kafka Streams state, or "". */
    String lastStatus() {
        String last = "";
        for (String line : currentLog().split("\n")) {
            if (line.startsWith("entroflow: ") && line.contains(" | events in ")) {
                last = line;
            }
        }
        return last;
    }

    /** SIGKILL, and waits for the process to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }

    /** SIGTERM (a graceful close), waiting up to 60 s; a graceful close ends with status 0. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not stop within 60 s of SIGTERM:\n" + currentLog());
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(name + " exited with " + process.exitValue()
                        + " after SIGTERM, not 0 (a graceful stop):\n" + currentLog());
            }
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String currentLog() {
        return logs.isEmpty() ? "" : log(logs.size());
    }

    /** The log of the {@code n}th start (1 = the first), or "" when unreadable. */
    String log(int n) {
        try {
            return Files.readString(logs.get(n - 1));
        } catch (IOException e) {
            return "";
        }
    }

    /** How many times the process was started. */
    int starts() {
        return logs.size();
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
