package io.entroflow.bench;

import io.entroflow.app.bench.BenchPlans;
import io.entroflow.app.files.Directories;
import io.entroflow.app.bench.ProgressLine;
import io.entroflow.app.bench.StreamsBench;
import io.entroflow.app.bench.ThroughputRun;
import io.entroflow.app.bench.Variant;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.MonitorSpecLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Steady-state events/s of each stage of the monitor against a passthrough topology on an embedded
 * single-node KRaft broker in the same JVM, for one entropy operator, with the record key and with
 * the key taken from a field (re-key topic). The runs are {@code entroflow bench}'s
 * ({@link ThroughputRun}: exactly_once_v2, the runtime's defaults, one stream thread, a fresh
 * application id per run, the pre-produced topic from the beginning); this class only chooses the
 * spec and interleaves the variants.
 *
 * <p>Workload: {@code events} demo events ({@code entroflow bench}'s, {@link StreamsBench#produce}) over 1,000
 * keys (record key = the event key), 2 partitions, 20,000 events per second of event time; one
 * Shannon entropy of {@code /kind} over a sliding count window of 1,000 symbols; one aggregate per
 * key per 100 s of event time.
 *
 * <p>Variants: {@code passthrough}, {@code baseline}, {@code parse}, {@code signals}, {@code monitor} (see
 * {@link Variant}), and each with {@code -rekey}: the same spec with {@code key: {field: /key}}.
 * They run interleaved (round robin): {@code warmup} rounds (printed, not scored), then {@code rounds}
 * rounds; the summary gives each variant's median and its ratio to the passthrough's median.
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -cp bench/target/benchmarks.jar
 * io.entroflow.bench.MonitorOnBrokerBenchmark [events=2000000] [warmup=1] [rounds=3]
 * [variants=passthrough,parse,signals,monitor,monitor-rekey]}
 */
public final class MonitorOnBrokerBenchmark {
    private static final String REKEY = "-rekey";
    private static final String SPEC = """
            monitor: bench
            input: {topics: [bench-in], %s time: {field: /ts}, lateness: 1s}
            signals: [{name: kind, kind: categorical, field: /kind, max-categories: 16}]
            operators: [{name: h, type: entropy, signal: kind, window: {count: 1000}}]
            aggregates: {interval: 100s}
            """;

    private MonitorOnBrokerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args);
        long events = Long.parseLong(a.getOrDefault("events", "2000000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "1"));
        List<String> variants = List.of(a.getOrDefault("variants", "passthrough,parse,signals,monitor,monitor-rekey")
                .split(","));
        MonitorSpec byRecordKey = MonitorSpecLoader.parse("bench", SPEC.formatted(""));
        MonitorSpec byField = MonitorSpecLoader.parse("bench", SPEC.formatted("key: {field: /key},"));
        for (String v : variants) {
            variant(v); // fails early on an unknown name
        }
        Path dir = Files.createTempDirectory("bench-kafka");
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        ProgressLine progress = ProgressLine.to(System.err);
        try (KafkaTarget kafka = KafkaTarget.open(null, null, dir, System.err, Duration.ofSeconds(30))) {
            StreamsBench.Options o = new StreamsBench.Options(byRecordKey, "bench", events, 1_000, 20_000, 1, 2, 1,
                    List.of(), Duration.ZERO, Duration.ZERO, Duration.ofMinutes(10));
            String input = new StreamsBench(kafka, dir.resolve("state")).produce(o, "in", progress);
            ThroughputRun throughput = new ThroughputRun(kafka, dir.resolve("state"), 2, Duration.ofMinutes(10));
            int run = 0;
            for (int round = -warmup; round < rounds; round++) {
                for (String v : variants) {
                    MonitorSpec spec = v.endsWith(REKEY) ? byField : byRecordKey;
                    ThroughputRun.Result r = throughput.run(variant(v), BenchPlans.forRun(spec, input, "r" + run++),
                            events, progress, new ThroughputRun.Listener() { });
                    System.out.printf(Locale.ROOT, "%-16s %s%n", v, r);
                    if (round >= 0) {
                        scores.computeIfAbsent(v, k -> new ArrayList<>()).add(r.eventsPerSecond());
                    }
                }
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
        double base = scores.containsKey("passthrough") ? BenchArgs.median(scores.get("passthrough")) : Double.NaN;
        System.out.printf(Locale.ROOT, "%n%-16s %12s %12s %12s %7s%n", "variant", "median ev/s", "min ev/s", "max ev/s", "ratio");
        for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
            List<Double> s = e.getValue();
            System.out.printf(Locale.ROOT, "%-16s %12.0f %12.0f %12.0f %7.2f%n", e.getKey(), BenchArgs.median(s),
                    s.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    s.stream().mapToDouble(Double::doubleValue).max().orElse(0), BenchArgs.median(s) / base);
        }
    }

    private static Variant variant(String name) {
        String base = name.endsWith(REKEY) ? name.substring(0, name.length() - REKEY.length()) : name;
        for (Variant v : Variant.values()) {
            if (v.label().equals(base)) {
                return v;
            }
        }
        throw new IllegalArgumentException("variants: unknown '" + name + "'; known: passthrough, baseline, parse, signals,"
                + " operators, monitor, each also with -rekey");
    }
}
