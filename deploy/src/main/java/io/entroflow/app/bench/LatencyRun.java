package io.entroflow.app.bench;

import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.files.Directories;
import io.entroflow.app.demo.DemoStream;
import io.entroflow.app.metrics.OutputLatencyProbe;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Event-to-output latency of the whole monitor at a fixed offered rate. The monitor runs as
 * {@code entroflow run} runs it ({@link MonitorRuntime}, exactly-once, commit interval 200 ms) on a
 * fresh input topic; a producer sends {@link DemoStream} events at {@code rate} events/s, each when
 * the wall clock reaches its event time; a {@code read_committed} consumer of the aggregates and
 * alert-events topics ({@link OutputLatencyProbe}) takes, for each output record, its arrival time
 * minus its timestamp.
 *
 * <p><b>What is measured.</b> An interval aggregate stamped b (and an alert, which carries its
 * aggregate's time) is emitted when the monitor processes the first event with event time &ge; b in
 * the aggregate's task: that event's processing produces it (through the operators' stream-time
 * punctuators, or the key's own event). That event is sent when the wall clock reaches its event
 * time, b or less than a millisecond after it at the bench's rates, so arrival &minus; b is the
 * latency from the (scheduled) send of the event whose processing produces the output to the output
 * being readable: producer, broker, the re-key hop and its transaction when the key is a field,
 * queueing, processing, the interval's burst of aggregates, and the transaction commit that makes
 * them readable. It does not include the up to one interval an event waits for its interval to
 * close (an aggregate summarises an interval; events inside it are not what produces it). Measuring
 * from the scheduled rather than the actual send time counts a producer that falls behind against
 * the latency (no coordinated omission). {@link HopLatencyProbe} splits it into hops. The first
 * {@code warmup} is not recorded.
 */
public final class LatencyRun {
    /**
     * The outcome.
     *
     * @param offeredRate   events per second asked for
     * @param achievedRate  events per second sent in the measured part
     * @param processedRate events per second the monitor processed in the measured part
     * @param all           latencies of every output (aggregates and alert events)
     * @param alerts        latencies of alert events alone
     * @param seconds       length of the measured part
     * @param hops          where the latency goes, when asked for ({@link HopLatencyProbe}; else empty): for each topic an event crosses
     *                      ({@code input}, {@code rekey} when the spec's key is a field, {@code aggregates}), the
     *                      latency of the first record of every interval boundary to become readable there
     */
    public record Result(int offeredRate, double achievedRate, double processedRate, LatencyHistogram.Percentiles all,
                         LatencyHistogram.Percentiles alerts, double seconds,
                         Map<String, LatencyHistogram.Percentiles> hops) {
        public Result {
            hops = Collections.unmodifiableMap(new LinkedHashMap<>(hops));
        }
    }

    /** Hears the measured part of a latency run (a profiler samples just that part). */
    public interface Listener {
        /** Nothing listens. */
        Listener NONE = new Listener() {
        };

        /** The warm-up is over: the measured part starts. */
        default void measuring() {
        }

        /** The measured part is over (or the run failed). */
        default void measured() {
        }
    }

    private final KafkaTarget target;
    private final Path stateRoot;
    private final int partitions;
    private final boolean measureHops;

    public LatencyRun(KafkaTarget target, Path stateRoot, int partitions) {
        this(target, stateRoot, partitions, false);
    }

    /**
     * @param hops also measure the hops ({@link HopLatencyProbe}, {@link Result#hops}): one more consumer
     *             of the input and re-key topics in this JVM, which costs CPU on a small machine
     */
    public LatencyRun(KafkaTarget target, Path stateRoot, int partitions, boolean hops) {
        this.measureHops = hops;
        this.target = target;
        this.stateRoot = stateRoot;
        this.partitions = partitions;
    }

    /**
     * Runs the monitor of {@code spec} for {@code warmup + duration} at {@code rate} events/s over
     * {@code keys} keys. {@code minute} (may be null) is called every {@code every} of the measured part with the
     * latencies, rates and runtime of that slice (the soak benchmark's rows).
     */
    public Result run(MonitorSpec spec, String run, int rate, int keys, long seed, Duration warmup, Duration duration,
                      ProgressLine progress, Duration every, Consumer<Slice> slices) throws Exception {
        return run(spec, run, rate, keys, seed, warmup, duration, progress, every, slices, Listener.NONE);
    }

    /** As {@link #run(MonitorSpec, String, int, int, long, Duration, Duration, ProgressLine, Duration, Consumer)}; {@code listener} hears the measured part. */
    public Result run(MonitorSpec spec, String run, int rate, int keys, long seed, Duration warmup, Duration duration,
                      ProgressLine progress, Duration every, Consumer<Slice> slices, Listener listener) throws Exception {
        String input = spec.input().topics().get(0) + "-" + run;
        BenchEvents.createTopic(target, input, partitions);
        MonitorPlan plan = BenchPlans.forRun(spec, input, run);
        try (Admin admin = Admin.create(target.clientConfig())) {
            Topics.create(admin, plan, false, partitions);
        }
        String id = "entroflow-bench-" + plan.monitor();
        Path stateDir = Files.createTempDirectory(Files.createDirectories(stateRoot), "state-");
        Properties overrides = target.clientConfig();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        LatencyHistogram all = new LatencyHistogram();
        LatencyHistogram alerts = new LatencyHistogram();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        AtomicReference<Exception> producerFailure = new AtomicReference<>();
        try (MonitorRuntime runtime = new MonitorRuntime(plan, MonitorRuntime.config(plan, target.bootstrapServers(),
                stateDir, target.embedded(), id, overrides));
             OutputLatencyProbe probe = new OutputLatencyProbe(target.clientConfig(), id + "-latency",
                     plan.spec().outputs().aggregates(), plan.spec().outputs().alertEvents(),
                     all, ms -> {
                         all.accept(ms);
                         alerts.accept(ms);
                     });
             HopLatencyProbe hops = measureHops ? new HopLatencyProbe(target.clientConfig(), id + "-hops",
                     hopTopics(plan, input), plan.intervalMillis()) : null) {
            runtime.start();
            runtime.awaitRunning(Duration.ofSeconds(90));
            long start = (System.currentTimeMillis() / 1000 + 1) * 1000;
            long total = warmup.toMillis() + duration.toMillis();
            DemoStream stream = new DemoStream(seed, start, total, rate, true, keys);
            Thread producer = new Thread(() -> {
                try {
                    BenchEvents.producePaced(target, input, stream, stop, sent);
                } catch (Exception e) {
                    producerFailure.set(e);
                }
            }, "entroflow-bench-producer");
            producer.start();
            MonitorCounters c = runtime.counters();
            long measureFrom = start + warmup.toMillis();
            long end = start + total;
            while (System.currentTimeMillis() < measureFrom) {
                check(runtime, producerFailure);
                progress.updateTimed("warm-up", System.currentTimeMillis() - start, warmup.toMillis(),
                        (c.eventsProcessed() + c.eventsDeadLettered()) * 1000.0 / Math.max(1, System.currentTimeMillis() - start));
                Thread.sleep(100);
            }
            progress.finish();
            all.reset();
            alerts.reset();
            if (hops != null) {
                hops.reset();
            }
            long processedAtStart = c.eventsProcessed() + c.eventsDeadLettered();
            long sentAtStart = sent.get();
            long sliceStart = System.currentTimeMillis();
            long sliceProcessed = processedAtStart;
            long now;
            listener.measuring();
            try {
                while ((now = System.currentTimeMillis()) < end) {
                    check(runtime, producerFailure);
                    long processed = c.eventsProcessed() + c.eventsDeadLettered();
                    progress.updateTimed("latency", now - measureFrom, duration.toMillis(),
                            (processed - processedAtStart) * 1000.0 / Math.max(1, now - measureFrom));
                    if (slices != null && now - sliceStart >= every.toMillis()) {
                        slices.accept(new Slice((now - measureFrom) / 1000.0, all.interval(),
                                (processed - sliceProcessed) * 1000.0 / (now - sliceStart)));
                        sliceStart = now;
                        sliceProcessed = processed;
                    }
                    Thread.sleep(100);
                }
            } finally {
                listener.measured();
            }
            progress.finish();
            long processed = c.eventsProcessed() + c.eventsDeadLettered();
            now = System.currentTimeMillis();
            if (slices != null && now - sliceStart >= every.toMillis() / 2) { // the last slice, unless a sliver
                slices.accept(new Slice((now - measureFrom) / 1000.0, all.interval(),
                        (processed - sliceProcessed) * 1000.0 / (now - sliceStart)));
            }
            long sentMeasured = sent.get() - sentAtStart;
            double seconds = (System.currentTimeMillis() - measureFrom) / 1000.0;
            stop.set(true);
            producer.join(30_000);
            Thread.sleep(1_000); // the outputs of the last events: five commit intervals
            if (producerFailure.get() != null) {
                throw producerFailure.get();
            }
            all.interval();
            alerts.interval();
            return new Result(rate, sentMeasured / seconds, (processed - processedAtStart) / seconds, all.total(),
                    alerts.total(), seconds, hops == null ? Map.of() : hops.percentiles());
        } finally {
            stop.set(true);
            Directories.deleteRecursively(stateDir);
        }
    }

    /**
     * One slice of the measured part.
     *
     * @param atSeconds       seconds since the measured part began, at the slice's end
     * @param latency         latencies of the outputs that arrived in the slice
     * @param processedPerSec events processed per second in the slice
     */
    public record Slice(double atSeconds, LatencyHistogram.Percentiles latency, double processedPerSec) {
    }

    /** The topics an event crosses to an aggregate, by hop name ({@link Result#hops}). */
    private static Map<String, String> hopTopics(MonitorPlan plan, String input) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("input", input);
        if (plan.spec().input().key().fromField()) {
            m.put("rekey", new TopologyNames(plan.monitor()).rekeyTopic());
        }
        m.put("aggregates", plan.spec().outputs().aggregates());
        return m;
    }

    private static void check(MonitorRuntime runtime, AtomicReference<Exception> producerFailure) throws Exception {
        if (producerFailure.get() != null) {
            throw producerFailure.get();
        }
        KafkaStreams.State s = runtime.state();
        if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR || s == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("monitor stopped during the latency run: Kafka Streams is " + s);
        }
    }
}
