package io.entroflow.app.cli;

import io.entroflow.app.bench.BenchResult;
import io.entroflow.app.files.Directories;
import io.entroflow.app.bench.BenchPlans;
import io.entroflow.app.bench.ProgressLine;
import io.entroflow.app.bench.StreamsBench;
import io.entroflow.app.bench.ThroughputRun;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.wire.JsonSerde;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code entroflow bench [--events N] [--keys K] [--spec FILE] [--rate R] [--json]}: throughput of the
 * monitor beside plain Kafka Streams topologies in one run, and its event-to-output latency at a fixed
 * rate; see {@link StreamsBench}. The report goes to standard output, progress to standard error.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure a monitor spec's throughput and latency end to end on a real Kafka broker.",
                "The broker is embedded on 127.0.0.1 unless --bootstrap-servers is given. The bench produces N demo "
                        + "events once, then reads them, each run with a fresh application id and exactly-once, as "
                        + "(a) a passthrough topology, (b) a baseline that parses and writes (repartitioned by the key "
                        + "field when the spec's key is a field), (c) each prefix of the monitor (parse, signals, "
                        + "operators) and the whole monitor.",
                "It reports events/s, the ratio monitor / baseline, and the latency from an event's production to the "
                        + "output it makes due (aggregates, alerts) at a fixed offered rate (p50, p99, p99.9, max; "
                        + "commit interval 200 ms)."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "1000000", paramLabel = "N",
            description = "Events in the throughput runs. Default 1000000.")
    long events;

    @Option(names = "--keys", defaultValue = "1000", paramLabel = "K", description = "Distinct keys, 1..1000000. Default 1000.")
    int keys;

    @Option(names = "--spec", paramLabel = "FILE", description = "Monitor spec (one input topic). Default deploy/examples/demo.yaml.")
    Path spec;

    @Option(names = "--rate", defaultValue = "20000", paramLabel = "R",
            description = "Offered events/s of the latency run (and events/s of event time in the throughput runs). Default 20000.")
    int rate;

    @Option(names = "--latency-duration", defaultValue = "30s", paramLabel = "DURATION",
            description = "Measured part of the latency run; 0s skips it. Default 30s.")
    String latencyDuration;

    @Option(names = "--latency-warmup", defaultValue = "10s", paramLabel = "DURATION",
            description = "Unrecorded start of the latency run. Default 10s.")
    String latencyWarmup;

    @Option(names = "--partitions", defaultValue = "2", paramLabel = "P", description = "Partitions of the bench topics. Default 2.")
    int partitions;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "Rounds of the throughput runs; the median is reported. Default 1.")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "1", paramLabel = "N",
            description = "Unrecorded rounds of every variant before the measured ones (the JIT compiles the"
                    + " broker's, the clients' and the monitor's code during the first). Default 1.")
    int warmupRounds;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Random seed of the events. Default 7.")
    long seed;

    @Option(names = "--latency-hops", description = "Also measure where the latency goes: for the input, re-key and"
            + " aggregates topics, when each interval's first (and last) record becomes readable (hop_latency_ms)."
            + " One more consumer of the input and re-key topics in the bench's JVM.")
    boolean latencyHops;

    @Option(names = "--json", description = "Print one JSON object (baseline_eps, passthrough_eps, monitor_eps, ratio, latency_ms, ...) instead of the table.")
    boolean json;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Embedded broker data and state. Default a temporary directory, deleted at the end.")
    Path dataDir;

    @Mixin
    KafkaOptions kafka;

    private final PrintStream out;
    private final PrintStream err;

    public BenchCommand() {
        this(System.out, System.err);
    }

    public BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        StreamsBench.Options options = options();
        Path dir = dataDir;
        if (dir != null) {
            CliFiles.requireWritableDirectory("--data-dir", dir);
        } else {
            dir = Files.createTempDirectory("entroflow-bench-");
        }
        ProgressLine progress = ProgressLine.to(err);
        try (KafkaTarget target = kafka.open(dir, err)) {
            BenchResult result;
            try {
                result = new StreamsBench(target, dir.resolve("bench-state")).run(options, progress,
                        new ThroughputRun.Listener() { });
            } catch (IllegalStateException e) {
                throw CommandFailure.runtime(OneLineErrors.oneLine(String.valueOf(e.getMessage())), e);
            }
            if (json) {
                out.println(JsonSerde.MAPPER.writeValueAsString(result.toJson()));
            } else {
                out.print(result.table());
            }
            out.flush();
        } finally {
            if (dataDir == null) {
                Directories.deleteRecursively(dir);
            }
        }
        return 0;
    }

    /** The options, checked: every bad value is a usage error naming the option. */
    StreamsBench.Options options() {
        if (events < 1) {
            throw CommandFailure.usage("--events: expected at least 1, got " + events);
        }
        if (keys < 1 || keys > 1_000_000) {
            throw CommandFailure.usage("--keys: expected 1..1000000, got " + keys);
        }
        if (rate < 1 || rate > 1_000_000) {
            throw CommandFailure.usage("--rate: expected 1..1000000 events per second, got " + rate);
        }
        if (partitions < 1 || partitions > 64) {
            throw CommandFailure.usage("--partitions: expected 1..64, got " + partitions);
        }
        if (rounds < 1 || rounds > 20) {
            throw CommandFailure.usage("--rounds: expected 1..20, got " + rounds);
        }
        if (warmupRounds < 0 || warmupRounds > 5) {
            throw CommandFailure.usage("--warmup-rounds: expected 0..5, got " + warmupRounds);
        }
        Duration measured = Duration.ofMillis(CliOptions.millis("--latency-duration", latencyDuration));
        Duration warmup = Duration.ofMillis(CliOptions.millis("--latency-warmup", latencyWarmup));
        kafka.connectTimeout();
        Path specFile = spec != null ? spec : DemoCommand.defaultSpec();
        if (specFile == null) {
            throw CommandFailure.usage("--spec: cannot find deploy/examples/demo.yaml; give --spec FILE");
        }
        MonitorSpec s = RunCommand.loadPlan("--spec", specFile).spec();
        try {
            BenchPlans.requireSingleTopic(s);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--spec " + specFile + ": " + e.getMessage(), e);
        }
        // a run must process everything at >= 1,000 events/s, plus start-up
        Duration runTimeout = Duration.ofSeconds(120 + events / 1_000);
        return new StreamsBench.Options(s, specFile.toString(), events, keys, rate, seed, partitions, rounds,
                StreamsBench.Options.allFor(s), warmup, measured, runTimeout, latencyHops, warmupRounds);
    }
}
