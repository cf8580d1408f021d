package io.entroflow.app.cli;

import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.record.Recorder;
import io.entroflow.app.record.RecordingQueue;
import io.entroflow.schemas.spec.Durations;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code entroflow record --topics A,B --queue DIR [--retain 30d]}: appends every committed record
 * of the topics to a recording (a Chronicle Queue) until stopped; see {@link Recorder}. Exit status
 * 0 when stopped, 2 for bad options or a missing topic, 1 when Kafka or the queue fails.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record every committed record of some topics into a Chronicle Queue.",
                "Keeps topic, partition, offset, timestamp, headers, key and value; one file",
                "per UTC day in --queue. Runs until stopped (Ctrl-C or SIGTERM close it",
                "cleanly). A restart on the same --queue continues where the queue ends: no",
                "gap, no duplicate, also after kill -9. Without --bootstrap-servers, starts",
                "the embedded broker (data under --data-dir)."})
public final class RecordCommand implements Callable<Integer> {
    @Option(names = "--topics", required = true, split = ",", paramLabel = "TOPIC",
            description = "Topics to record, comma-separated.")
    List<String> topics;

    @Option(names = "--queue", required = true, paramLabel = "DIR", description = "The recording's directory (created if needed).")
    Path queueDir;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, HOST:PORT[,...].")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "Kafka client properties file (SASL, SSL).")
    Path kafkaConfig;

    @Option(names = "--data-dir", defaultValue = ".entroflow",
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

    @Option(names = "--status-every", defaultValue = "5s", description = "Status line interval. Default 5s.")
    String statusEvery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Recorder.Options options;
        try {
            Duration retention = null;
            if (retain != null) {
                retention = Duration.ofMillis(Durations.parseMillis("--retain", retain));
                if (retention.isZero()) {
                    throw new IllegalArgumentException("--retain: must be positive, got '" + retain + "'");
                }
            }
            Recorder.StartAt at = switch (startAt.toLowerCase(Locale.ROOT)) {
                case "earliest" -> Recorder.StartAt.EARLIEST;
                case "latest" -> Recorder.StartAt.LATEST;
                default -> throw new IllegalArgumentException("--start-at: expected earliest or latest, got '" + startAt + "'");
            };
            List<String> names = topics.stream().map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
            long status = Durations.parseMillis("--status-every", statusEvery);
            if (status <= 0) {
                throw new IllegalArgumentException("--status-every: must be positive, got '" + statusEvery + "'");
            }
            options = new Recorder.Options(names, at, retention, waitForTopics, Duration.ofMillis(status),
                    Duration.ofSeconds(5));
        } catch (IllegalArgumentException e) {
            err.println("entroflow record: " + e.getMessage());
            return 2;
        }
        // registered before the broker starts, so that SIGTERM at any point closes what is open
        AtomicBoolean stopRequested = new AtomicBoolean();
        AtomicReference<Recorder> current = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.set(true);
            Recorder r = current.get();
            if (r != null) {
                r.stop();
            }
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "entroflow-record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RecordingQueue queue = null;
        KafkaTarget kafka = null;
        Recorder recorder = null;
        boolean failed = true;
        try {
            queue = RecordingQueue.openForWriting(queueDir);
            kafka = KafkaTarget.open(bootstrapServers, kafkaConfig, dataDir, System.err);
            try {
                recorder = new Recorder(queue, kafka.clientConfig(), options, err);
            } catch (KafkaException e) {
                err.println("entroflow record: cannot create the Kafka consumer: " + rootMessage(e));
                return 2;
            }
            current.set(recorder);
            if (stopRequested.get()) {
                recorder.stop(); // run() then only closes the consumer
            }
            recorder.run();
            failed = false;
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // bad --queue, --kafka-config, or a missing topic
            err.println("entroflow record: " + e.getMessage() + (e instanceof Recorder.MissingTopicsException
                    ? " on " + kafka.bootstrapServers() : ""));
            return 2;
        } catch (KafkaException e) {
            err.println("entroflow record: Kafka at " + kafka.bootstrapServers() + " failed: " + rootMessage(e));
            return 1;
        } catch (RuntimeException e) {
            err.println("entroflow record: recording into " + queueDir + " failed: " + e);
            return 1;
        } finally {
            if (queue != null) {
                queue.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            if (!failed) {
                err.printf(Locale.ROOT, "entroflow record: stopped; %,d records recorded in this run, queue %s closed%n",
                        recorder == null ? 0 : recorder.recorded(), queueDir);
            }
            err.flush();
            finished.countDown();
            removeHook(hook);
        }
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: nothing to remove
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
    }
}
