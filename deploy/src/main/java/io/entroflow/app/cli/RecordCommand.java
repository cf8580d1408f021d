package io.entroflow.app.cli;

import io.entroflow.app.files.Directories;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.record.Recorder;
import io.entroflow.app.record.RecordingQueue;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code entroflow record --topics A,B --queue DIR [--retain 30d]}: appends every committed record
 * of the topics to a recording (a Chronicle Queue) until stopped; see {@link Recorder}. Exit status
 * 0 when stopped, 2 for bad options or a missing topic, 1 when Kafka or the queue fails.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record every committed record of some topics into a Chronicle Queue.",
                "Keeps topic, partition, offset, timestamp, headers, key and value; one file per UTC day in --queue. "
                        + "Runs until stopped (Ctrl-C or SIGTERM close it cleanly).",
                "A restart on the same --queue continues where the queue ends: no gap, no duplicate, also after kill -9.",
                "Without --bootstrap-servers, starts the embedded broker (data under --data-dir)."})
public final class RecordCommand implements Callable<Integer> {
    @Option(names = "--topics", required = true, split = ",", paramLabel = "TOPIC",
            description = "Topics to record, comma-separated.")
    List<String> topics;

    @Option(names = "--queue", required = true, paramLabel = "DIR", description = "The recording's directory (created if needed).")
    Path queueDir;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data-dir", defaultValue = ".entroflow", paramLabel = "DIR",
            description = "Embedded broker data (without --bootstrap-servers). Default .entroflow.")
    Path dataDir;

    @Option(names = "--retain", paramLabel = "DURATION",
            description = "Delete daily files older than this (e.g. 30d), checked at start and hourly. Default: keep all.")
    String retain;

    @Option(names = "--start-at", defaultValue = "earliest", paramLabel = "earliest|latest",
            description = "Where a partition the queue has no position for starts. Default earliest.")
    String startAt;

    @Option(names = "--wait-for-topics", description = "Wait for missing topics to be created instead of failing.")
    boolean waitForTopics;

    @Option(names = "--status-every", defaultValue = "5s", paramLabel = "DURATION",
            description = "Status line interval. Default 5s.")
    String statusEvery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Recorder.Options options = options();
        kafka.connectTimeout();
        // registered before the broker starts, so that SIGTERM at any point closes what is open
        try (StopOnShutdown shutdown = StopOnShutdown.register("entroflow-record-shutdown", Duration.ofSeconds(30))) {
            long recorded = record(options, shutdown, err);
            err.printf(Locale.ROOT, "entroflow record: stopped; %,d records recorded in this run, queue %s closed%n",
                    recorded, queueDir);
            return 0;
        } finally {
            err.flush();
        }
    }

    private Recorder.Options options() {
        Duration retention = null;
        if (retain != null) {
            retention = Duration.ofMillis(CliOptions.millis("--retain", retain));
            if (retention.isZero()) {
                throw CommandFailure.usage("--retain: must be positive, got '" + retain + "'");
            }
        }
        Recorder.StartAt at = switch (startAt.toLowerCase(Locale.ROOT)) {
            case "earliest" -> Recorder.StartAt.EARLIEST;
            case "latest" -> Recorder.StartAt.LATEST;
            default -> throw CommandFailure.usage("--start-at: expected earliest or latest, got '" + startAt + "'");
        };
        List<String> names = topics.stream().map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
        long status = CliOptions.positiveMillis("--status-every", statusEvery);
        try {
            return new Recorder.Options(names, at, retention, waitForTopics, Duration.ofMillis(status), Duration.ofSeconds(5));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
    }

    /** Records until stopped and returns how many records it recorded; the queue and the broker are closed on return. */
    private long record(Recorder.Options options, StopOnShutdown shutdown, PrintWriter err) {
        boolean queueDirIsNew = !Files.exists(queueDir);
        RecordingQueue queue;
        try {
            queue = RecordingQueue.openForWriting(queueDir);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
        KafkaTarget target = null;
        try {
            target = kafka.open(dataDir, System.err);
            Recorder recorder;
            try {
                recorder = new Recorder(queue, target.clientConfig(), options, err);
            } catch (KafkaException e) {
                throw CommandFailure.usage("cannot create the Kafka consumer: " + rootMessage(e), e);
            } catch (RuntimeException e) {
                throw failure(e, target);
            }
            // stopped before run() when SIGTERM came first: run() then only closes the consumer
            shutdown.stopWith(recorder::stop);
            try {
                recorder.run();
            } catch (RuntimeException e) {
                throw failure(e, target);
            }
            return recorder.recorded();
        } finally {
            queue.close();
            if (target != null) {
                target.close();
            }
            if (queueDirIsNew) {
                removeIfNothingRecorded(queueDir);
            }
        }
    }

    /**
     * Removes a queue directory this run created when it holds no recording (no daily file): a run
     * that stopped before its first checkpoint, such as one refused for a missing topic or an
     * unreachable cluster, leaves no directory behind.
     */
    private static void removeIfNothingRecorded(Path dir) {
        if (Files.isDirectory(dir) && RecordingQueue.cycleFiles(dir).isEmpty()) {
            Directories.deleteRecursively(dir);
        }
    }

    /** A failure of the recorder: a missing topic or a bad setting is status 2, anything else status 1. */
    private CommandFailure failure(RuntimeException e, KafkaTarget target) {
        if (e instanceof Recorder.MissingTopicsException) {
            return CommandFailure.usage(e.getMessage() + " on " + target.bootstrapServers(), e);
        }
        if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
            return CommandFailure.usage(e.getMessage(), e);
        }
        if (e instanceof KafkaException) {
            return CommandFailure.runtime("Kafka at " + target.bootstrapServers() + " failed: " + rootMessage(e), e);
        }
        return CommandFailure.runtime("recording into " + queueDir + " failed: " + e, e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
    }
}
