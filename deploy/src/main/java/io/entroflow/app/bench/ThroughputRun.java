package io.entroflow.app.bench;

import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.files.Directories;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.DeadLetterProcessingHandler;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One throughput run: a {@link Variant} over the whole bench topic, from its beginning, with a fresh
 * application id and state directory, in the monitor's Streams configuration
 * ({@link MonitorRuntime#config}: exactly_once_v2, commit interval 200 ms, record caching on, one
 * stream thread). The score is records per second from the first record through the variant to
 * the last (sampled every 2 ms), so start-up and the first rebalance are left out (reported apart).
 */
public final class ThroughputRun {
    /** The outcome of one run. */
    public record Result(Variant variant, long events, double eventsPerSecond, double startupSeconds, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-12s start-up %5.2f s, %,d events in %6.2f s: %,10.0f events/s",
                    variant.label(), startupSeconds, events, seconds, eventsPerSecond);
        }
    }

    /** Called around the measured part of a run (the bench's profiler hook); both on the calling thread. */
    public interface Listener {
        /** The variant's first record went through: the measured part starts. */
        default void measuring(Variant variant) {
        }

        /** The variant's last record went through (or the run failed). */
        default void measured(Variant variant) {
        }
    }

    private final KafkaTarget target;
    private final Path stateRoot;
    private final int partitions;
    private final Duration timeout;

    /**
     * @param target     the broker
     * @param stateRoot  where each run's state directory is made (and deleted after it)
     * @param partitions partitions of the output topics the plain topologies write
     * @param timeout    longest a run may take, start-up included
     */
    public ThroughputRun(KafkaTarget target, Path stateRoot, int partitions, Duration timeout) {
        this.target = target;
        this.stateRoot = stateRoot;
        this.partitions = partitions;
        this.timeout = timeout;
    }

    /**
     * Runs {@code variant} of {@code plan} (a plan of {@link BenchPlans#forRun}, its input topic
     * holding exactly {@code events} records) to the end of the topic.
     *
     * @throws IllegalStateException when the run does not finish within the timeout or Kafka Streams fails
     */
    public Result run(Variant variant, MonitorPlan plan, long events, ProgressLine progress,
                      Listener listener) throws Exception {
        String input = plan.spec().input().topics().get(0);
        String output = plan.monitor() + "-" + variant.label() + "-out";
        MonitorCounters counters = new MonitorCounters();
        AtomicLong written = new AtomicLong();
        try (Admin admin = Admin.create(target.clientConfig())) {
            Topics.create(admin, plan, false, partitions);
            if (variant.stage() == null) {
                admin.createTopics(List.of(new NewTopic(output, Optional.of(partitions), Optional.empty()))).all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
        String id = "entroflow-bench-" + plan.monitor() + "-" + variant.label();
        Path stateDir = Files.createTempDirectory(Files.createDirectories(stateRoot), "state-");
        Properties overrides = target.clientConfig();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        Properties config = MonitorRuntime.config(plan, target.bootstrapServers(), stateDir, target.embedded(), id,
                overrides);
        LongSupplier done;
        AutoCloseable app;
        Runnable start;
        KafkaStreams streams;
        if (variant == Variant.MONITOR) {
            MonitorRuntime runtime = new MonitorRuntime(plan, config);
            MonitorCounters c = runtime.counters();
            done = () -> c.eventsProcessed() + c.eventsDeadLettered();
            streams = runtime.streams();
            start = runtime::start;
            app = runtime;
        } else {
            Topology t;
            if (variant == Variant.PASSTHROUGH) {
                t = BaselineTopology.passthrough(input, output, written);
                done = written::get;
            } else if (variant == Variant.BASELINE) {
                t = BaselineTopology.baseline(plan.spec().input(), output, written);
                done = written::get;
            } else {
                DeadLetterProcessingHandler.configure(config, plan.spec().outputs().deadLetter(), counters);
                t = MonitorTopology.build(plan, counters, variant.stage());
                done = variant.stage() == MonitorTopology.Stage.PARSE || variant.stage() == MonitorTopology.Stage.SIGNALS
                        ? () -> counters.stageOutputs() + counters.eventsDeadLettered()
                        : () -> counters.eventsProcessed() + counters.eventsDeadLettered();
            }
            KafkaStreams s = new KafkaStreams(t, config);
            streams = s;
            start = s::start;
            app = () -> s.close(Duration.ofSeconds(30));
        }
        try (AutoCloseable closing = app) {
            return measure(variant, events, streams, start, done, progress, listener);
        } finally {
            Directories.deleteRecursively(stateDir);
        }
    }

    private Result measure(Variant variant, long events, KafkaStreams streams, Runnable start, LongSupplier done,
                           ProgressLine progress, Listener listener) throws InterruptedException {
        long t0 = System.nanoTime();
        start.run();
        long deadline = t0 + timeout.toNanos();
        long first = 0;
        long firstCount = 0;
        long n;
        try {
            while ((n = done.getAsLong()) < events) {
                long now = System.nanoTime();
                if (first == 0 && n > 0) {
                    first = now;
                    firstCount = n;
                    listener.measuring(variant);
                }
                KafkaStreams.State state = streams.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
                    throw new IllegalStateException(variant.label() + ": Kafka Streams failed (" + state + ") after "
                            + n + " of " + events + " events");
                }
                if (now > deadline) {
                    throw new IllegalStateException(variant.label() + ": only " + n + " of " + events + " events within "
                            + timeout.toSeconds() + " s");
                }
                progress.update(variant.label(), n, events,
                        first == 0 ? 0 : (n - firstCount) / Math.max(1e-9, (now - first) / 1e9));
                Thread.sleep(2);
            }
        } finally {
            listener.measured(variant);
        }
        long last = System.nanoTime();
        if (first == 0) { // everything went through between two samples
            first = t0;
        }
        progress.finish();
        double seconds = (last - first) / 1e9;
        return new Result(variant, events, (events - firstCount) / Math.max(seconds, 1e-9), (first - t0) / 1e9, seconds);
    }
}
