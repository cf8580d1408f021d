package io.entroflow.app.cli;

import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.record.CorruptRecordingException;
import io.entroflow.app.record.KeyGlob;
import io.entroflow.app.record.Replayer;
import io.entroflow.app.record.RecordingQueue;
import io.entroflow.app.record.ReplayTopic;
import io.entroflow.app.record.Terminal;
import io.entroflow.app.record.TimeArgument;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code entroflow replay --queue DIR --to-topic T [--speed 1|10|max] [--from TIME] [--to TIME]
 * [--key-filter GLOB]}: writes a recording back to a topic; see {@link Replayer}. Exit status 0
 * when done (or stopped by Ctrl-C), 2 for bad options or a missing or corrupt queue, 1 when Kafka fails.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Write a recording (see record) back to a topic.",
                "Keys, values, timestamps and headers as recorded, through an idempotent producer, paced by the "
                        + "recorded timestamps (--speed).",
                "Records keep their partition when the topic has at least as many partitions as the recorded topics, "
                        + "else the producer partitions them by key. A missing topic is created with the recording's "
                        + "partition count."})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--queue", required = true, paramLabel = "DIR", description = "The recording's directory.")
    Path queueDir;

    @Option(names = "--to-topic", required = true, paramLabel = "TOPIC", description = "Topic to write to.")
    String toTopic;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "1|10|max",
            description = "Recorded time per wall time: 1 as recorded, 10 ten times faster, max without pacing. Default 1.")
    String speed;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Replay records with timestamp >= TIME (ISO-8601 instant or epoch ms).")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Replay records with timestamp < TIME (ISO-8601 instant or epoch ms).")
    String to;

    @Option(names = "--key-filter", paramLabel = "GLOB",
            description = "Replay only records whose key, as UTF-8 text, matches (* any run, ? one character).")
    String keyFilter;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data-dir", defaultValue = ".entroflow", paramLabel = "DIR",
            description = "Embedded broker data (without --bootstrap-servers). Default .entroflow.")
    Path dataDir;

    @Option(names = "--progress-every", defaultValue = "5s", paramLabel = "DURATION",
            description = "Progress line interval when standard error is not a terminal. Default 5s.")
    String progressEvery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        double pace;
        long fromMillis;
        long toMillis;
        KeyGlob glob;
        try {
            pace = Replayer.parseSpeed(speed);
            fromMillis = from == null ? Long.MIN_VALUE : TimeArgument.parseMillis("--from", from);
            toMillis = to == null ? Long.MAX_VALUE : TimeArgument.parseMillis("--to", to);
            if (fromMillis >= toMillis) {
                throw new IllegalArgumentException("--from/--to: --from (" + from + ") must be before --to (" + to + ")");
            }
            glob = keyFilter == null ? null : KeyGlob.of(keyFilter);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
        long progressMillis = CliOptions.positiveMillis("--progress-every", progressEvery);
        if (toTopic.isBlank()) {
            throw CommandFailure.usage("--to-topic: expected a topic name, got '" + toTopic + "'");
        }
        try {
            Topic.validate(toTopic);
        } catch (InvalidTopicException e) {
            throw CommandFailure.usage("--to-topic: " + e.getMessage(), e);
        }
        kafka.connectTimeout();
        RecordingQueue queue;
        int sourcePartitions;
        try {
            queue = RecordingQueue.openForReading(queueDir);
            sourcePartitions = queue.sourcePartitions();
        } catch (IllegalArgumentException | CorruptRecordingException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
        // registered before the broker starts, so that Ctrl-C at any point flushes and closes what is open
        try (StopOnShutdown shutdown = StopOnShutdown.register("entroflow-replay-shutdown", Duration.ofSeconds(30))) {
            KafkaTarget target = null;
            try {
                target = kafka.open(dataDir, System.err);
                int targetPartitions;
                try (Admin admin = Admin.create(target.clientConfig())) {
                    targetPartitions = ReplayTopic.prepare(admin, toTopic, sourcePartitions, target.embedded(), err);
                }
                boolean preserve = sourcePartitions > 0 && targetPartitions >= sourcePartitions;
                err.printf("entroflow replay: %s -> '%s' (%d partitions; the recording has %d): %s, speed %s%n",
                        queueDir, toTopic, targetPartitions, sourcePartitions,
                        preserve ? "partitions preserved" : "partitioned by key", speed);
                err.flush();
                Replayer.Options options = new Replayer.Options(toTopic, pace, fromMillis, toMillis, glob, preserve);
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(target.clientConfig()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
                    Replayer replayer = new Replayer(queue, producer, options, err, Terminal.stderrIsTerminal(),
                            TimeUnit.MILLISECONDS.toNanos(progressMillis));
                    shutdown.stopWith(replayer::stop);
                    Replayer.Summary s = replayer.run();
                    producer.close(Duration.ofSeconds(30));
                    out.println(summary(s));
                    out.flush();
                    return 0;
                }
            } catch (CorruptRecordingException | UncheckedIOException e) {
                throw CommandFailure.usage(e.getMessage(), e);
            } catch (IllegalStateException | KafkaException e) {
                throw CommandFailure.runtime(e.getMessage(), e);
            } finally {
                queue.close();
                if (target != null) {
                    target.close();
                }
            }
        }
    }

    static Properties producerConfig(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "entroflow-replay");
        return p;
    }

    static String summary(Replayer.Summary s) {
        String span = s.firstTimestamp() < 0 ? "no timestamps"
                : String.format(Locale.ROOT, "recorded time %s .. %s (%.1f s)", Instant.ofEpochMilli(s.firstTimestamp()),
                Instant.ofEpochMilli(s.lastTimestamp()), (s.lastTimestamp() - s.firstTimestamp()) / 1e3);
        return String.format(Locale.ROOT, "entroflow replay: %sreplayed %,d records (%,d bytes of keys and values), %s,"
                        + " in %.1f s; skipped %,d by --key-filter, %,d outside --from/--to",
                s.stoppedEarly() ? "stopped early; " : "", s.replayed(), s.bytes(), span, s.elapsedNanos() / 1e9,
                s.skippedByKey(), s.skippedByTime());
    }
}
