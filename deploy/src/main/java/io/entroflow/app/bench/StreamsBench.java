package io.entroflow.app.bench;

import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.demo.DemoStream;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.runtime.MonitorRuntime;
import org.apache.kafka.streams.StreamsConfig;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code entroflow bench} end to end: produces the events once, runs every variant over them
 * ({@link ThroughputRun}), then the latency run ({@link LatencyRun}), and returns a {@link BenchResult}.
 * Topic names carry a run id, so runs on the same broker never see each other's data.
 */
public final class StreamsBench {
    /**
     * What to measure.
     *
     * @param spec            the monitor spec (one input topic)
     * @param specName        how the report names it (its file)
     * @param events          events in the bench topic, &ge; 1
     * @param keys            distinct keys, &ge; 1
     * @param rate            events per second of event time in the bench topic, and the latency run's offered rate
     * @param seed            the event generator's seed
     * @param partitions      partitions of the bench topics
     * @param rounds          rounds of the throughput variants (the median is reported), &ge; 1
     * @param variants        the throughput variants, in order
     * @param latencyWarmup   the latency run's unrecorded start
     * @param latencyDuration the latency run's measured part; zero skips the latency run
     * @param runTimeout      longest one throughput run may take
     * @param latencyHops     whether the latency run also measures its hops ({@link LatencyRun.Result#hops})
     * @param warmupRounds    unrecorded rounds of every variant before the measured ones, &ge; 0: the JIT
     *                        compiles the code each variant runs (the broker's, the clients', the monitor's)
     *                        while it runs, so a first round measures the compiler as much as the topology
     */
    public record Options(MonitorSpec spec, String specName, long events, int keys, int rate, long seed, int partitions,
                          int rounds, List<Variant> variants, Duration latencyWarmup, Duration latencyDuration,
                          Duration runTimeout, boolean latencyHops, int warmupRounds) {
        public Options {
            Objects.requireNonNull(spec, "spec");
            variants = List.copyOf(variants);
            if (warmupRounds < 0) {
                throw new IllegalArgumentException("warmupRounds must be >= 0: " + warmupRounds);
            }
        }

        /** Options without warm-up rounds. */
        public Options(MonitorSpec spec, String specName, long events, int keys, int rate, long seed, int partitions,
                       int rounds, List<Variant> variants, Duration latencyWarmup, Duration latencyDuration,
                       Duration runTimeout, boolean latencyHops) {
            this(spec, specName, events, keys, rate, seed, partitions, rounds, variants, latencyWarmup, latencyDuration,
                    runTimeout, latencyHops, 0);
        }

        /** Options without the latency run's hops. */
        public Options(MonitorSpec spec, String specName, long events, int keys, int rate, long seed, int partitions,
                       int rounds, List<Variant> variants, Duration latencyWarmup, Duration latencyDuration,
                       Duration runTimeout) {
            this(spec, specName, events, keys, rate, seed, partitions, rounds, variants, latencyWarmup, latencyDuration,
                    runTimeout, false);
        }

        /** The variants a spec needs: every plain and monitor stage ({@code operators} only when the spec has rules). */
        public static List<Variant> allFor(MonitorSpec spec) {
            List<Variant> v = new ArrayList<>(List.of(Variant.PASSTHROUGH, Variant.BASELINE, Variant.PARSE,
                    Variant.SIGNALS));
            if (!spec.rules().isEmpty()) {
                v.add(Variant.OPERATORS);
            }
            v.add(Variant.MONITOR);
            return v;
        }
    }

    private final KafkaTarget target;
    private final Path stateRoot;

    /**
     * @param target    the broker (embedded or given)
     * @param stateRoot where the runs' state directories go (each deleted after its run)
     */
    public StreamsBench(KafkaTarget target, Path stateRoot) {
        this.target = target;
        this.stateRoot = stateRoot;
    }

    /**
     * Runs the bench: the warm-up rounds (reported on {@code progress} only), the measured rounds, the
     * latency run; {@code listener} hears the measured part of every throughput run, warm-up rounds included.
     */
    public BenchResult run(Options o, ProgressLine progress, ThroughputRun.Listener listener) throws Exception {
        return run(o, progress, listener, LatencyRun.Listener.NONE);
    }

    /** As {@link #run(Options, ProgressLine, ThroughputRun.Listener)}; {@code latencyListener} hears the latency run's measured part. */
    public BenchResult run(Options o, ProgressLine progress, ThroughputRun.Listener listener,
                           LatencyRun.Listener latencyListener) throws Exception {
        BenchPlans.requireSingleTopic(o.spec());
        String run = Long.toString(System.currentTimeMillis(), 36);
        String input = produce(o, run, progress);
        ThroughputRun throughput = new ThroughputRun(target, stateRoot, o.partitions(), o.runTimeout());
        List<ThroughputRun.Result> results = new ArrayList<>();
        int n = 0;
        for (int round = 0; round < o.warmupRounds() + o.rounds(); round++) {
            boolean warmup = round < o.warmupRounds();
            for (Variant v : o.variants()) {
                MonitorPlan plan = BenchPlans.forRun(o.spec(), input, run + "-" + n++);
                ThroughputRun.Result r = throughput.run(v, plan, o.events(), progress, listener);
                progress.say(warmup ? "warm-up: " + r : r.toString());
                if (!warmup) {
                    results.add(r);
                }
            }
        }
        LatencyRun.Result latency = null;
        if (!o.latencyDuration().isZero()) {
            progress.say(String.format("latency: the monitor at %,d events/s for %d s (after %d s of warm-up)", o.rate(),
                    o.latencyDuration().toSeconds(), o.latencyWarmup().toSeconds()));
            latency = new LatencyRun(target, stateRoot, o.partitions(), o.latencyHops()).run(o.spec(), run + "-latency", o.rate(), o.keys(),
                    o.seed(), o.latencyWarmup(), o.latencyDuration(), progress, Duration.ofMinutes(1), null, latencyListener);
        }
        return new BenchResult(o.specName(), o.events(), o.keys(), o.partitions(), commitIntervalMs(o.spec(), input, run),
                o.warmupRounds(), results, latency, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Creates the bench topic and writes {@code events} demo events over {@code keys} keys at {@code rate}
     * events/s of event time, ending now; returns the topic's name.
     */
    public String produce(Options o, String run, ProgressLine progress) throws Exception {
        String input = o.spec().input().topics().get(0) + "-bench-" + run;
        BenchEvents.createTopic(target, input, o.partitions());
        long spanMillis = Math.max(1, (o.events() * 1000 + o.rate() - 1) / o.rate());
        long start = System.currentTimeMillis() - spanMillis;
        DemoStream stream = new DemoStream(o.seed(), start, spanMillis + 1000, o.rate(), true, o.keys());
        long sent = BenchEvents.produceAll(target, input, stream, o.events(), progress);
        progress.say(String.format("%,d events over %,d keys in topic %s", sent, o.keys(), input));
        return input;
    }

    /** The commit interval the runs use: the monitor's default unless the client settings override it. */
    private long commitIntervalMs(MonitorSpec spec, String input, String run) {
        MonitorPlan plan = BenchPlans.forRun(spec, input, run);
        Object v = MonitorRuntime.config(plan, target.bootstrapServers(), stateRoot, target.embedded(), "x",
                target.clientConfig()).get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        return Long.parseLong(String.valueOf(v));
    }
}
