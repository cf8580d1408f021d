package io.entroflow.bench;

import io.entroflow.app.backtest.Backtest;
import io.entroflow.app.backtest.QueueInput;
import io.entroflow.app.demo.DemoStream;
import io.entroflow.app.record.RecordedRecord;
import io.entroflow.app.record.RecordingQueue;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.offline.OfflineRecord;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Throughput of {@code backtest} over a recording, single thread: events/s of wall time and of the
 * thread's CPU time (the machine is shared; CPU time is what the backtest itself costs).
 *
 * <p>Workloads ({@code spec=}):
 * <ul>
 *   <li>{@code entropy}: the spec of {@code MonitorTopologyBenchmark} (one categorical signal, 16
 *   categories, one {@code entropy} operator on a sliding count window of 1,000, aggregates every
 *   1 s of event time), 1,000 record keys, 10 events per key per second of event time, values
 *   {@code {"ts":..,"kind":".."}}; no re-key, no rules;</li>
 *   <li>{@code demo}: {@code deploy/examples/demo.yaml} (key from a field, so every event also goes
 *   through the re-key topic as JSON; entropy, transfer entropy and an HMM filter; three rules) over
 *   {@link DemoStream} events (seed 7, 1,000 events/s of event time, planted changes).</li>
 * </ul>
 * The recording ({@code events} records of one partition, create-time timestamps = event times) is
 * written once, outside the measurement. Per round: {@code read} = one pass of {@link QueueInput}
 * over it (decoding only), {@code backtest} = {@link Backtest#run} into a fresh directory
 * (aggregates, alert events, dead letters and summary written).
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java $(sed -n
 * 's:.*<chronicle.jvm.flags>\(.*\)</chronicle.jvm.flags>.*:\1:p' pom.xml) -Xmx2g -cp
 * bench/target/benchmarks.jar io.entroflow.bench.BacktestBenchmark spec=entropy events=10000000 rounds=2}
 */
public final class BacktestBenchmark {
    static final String ENTROPY_SPEC = """
            monitor: bench
            input: {topics: [in], time: {field: /ts}, lateness: 1s}
            signals: [{name: kind, kind: categorical, field: /kind, max-categories: 16}]
            operators: [{name: h, type: entropy, signal: kind, window: {count: 1000}}]
            aggregates: {interval: 1s}
            """;
    private static final long T0 = 1_796_292_000_000L;

    private BacktestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        String workload = a.getOrDefault("spec", "entropy");
        long events = Long.parseLong(a.getOrDefault("events", "10000000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "2"));
        String yaml = switch (workload) {
            case "entropy" -> ENTROPY_SPEC;
            case "demo" -> Files.readString(Path.of(a.getOrDefault("demo-spec", "deploy/examples/demo.yaml")));
            default -> throw new IllegalArgumentException("spec: entropy or demo, got " + workload);
        };
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan(workload,
                MonitorSpecLoader.parse(workload, yaml));
        String topic = plan.spec().input().topics().get(0);
        Path work = Files.createTempDirectory("bench-backtest");
        Path queueDir = work.resolve("queue");
        long t = System.nanoTime();
        long bytes = workload.equals("entropy") ? writeEntropy(queueDir, topic, events) : writeDemo(queueDir, topic, events);
        System.out.printf(Locale.ROOT, "%s: recorded %,d events (%.1f key+value bytes each) in %.1f s%n", workload,
                events, (double) bytes / events, (System.nanoTime() - t) / 1e9);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            long n = 0;
            try (QueueInput in = new QueueInput(queueDir, plan.spec().input().topics())) {
                for (OfflineRecord r = in.next(); r != null; r = in.next()) {
                    n++;
                }
            }
            report(workload, round, "read", n, System.nanoTime() - wall, threads.getCurrentThreadCpuTime() - cpu);
            Path out = work.resolve("out-" + round);
            wall = System.nanoTime();
            cpu = threads.getCurrentThreadCpuTime();
            Backtest.Result r;
            try (QueueInput in = new QueueInput(queueDir, plan.spec().input().topics())) {
                r = new Backtest(plan, List.of()).run(in, out, x -> { });
            }
            report(workload, round, "backtest", r.records(), System.nanoTime() - wall,
                    threads.getCurrentThreadCpuTime() - cpu);
            System.out.printf(Locale.ROOT, "    %,d processed, %,d dead letters, %,d aggregates, %,d alert events%n",
                    r.processed(), r.deadLetters(), r.aggregates(), r.alertEvents());
        }
    }

    private static void report(String workload, int round, String what, long n, long wallNanos, long cpuNanos) {
        System.out.printf(Locale.ROOT, "%s round %d %-8s %,12d events  %,11.0f events/s wall  %,11.0f events/s CPU"
                        + "  (load average %.1f)%n", workload, round, what, n, n / (wallNanos / 1e9), n / (cpuNanos / 1e9),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long writeEntropy(Path dir, String topic, long events) {
        Random random = new Random(7);
        long bytes = 0;
        try (RecordingQueue q = RecordingQueue.openForWriting(dir)) {
            for (long i = 0; i < events; i++) {
                long ts = T0 + i / 10;
                byte[] key = ("key-" + random.nextInt(1_000)).getBytes(StandardCharsets.UTF_8);
                byte[] value = ("{\"ts\":" + ts + ",\"kind\":\"" + (char) ('a' + random.nextInt(16)) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                bytes += key.length + value.length;
                q.append(new RecordedRecord(topic, 0, i, ts, TimestampType.CREATE_TIME, List.of(), key, value));
            }
            q.checkpoint(Map.of(new TopicPartition(topic, 0), events));
        }
        return bytes;
    }

    private static long writeDemo(Path dir, String topic, long events) {
        DemoStream s = new DemoStream(7, T0, events, 1000);
        long bytes = 0;
        try (RecordingQueue q = RecordingQueue.openForWriting(dir)) {
            for (long i = 0; i < events && s.hasNext(); i++) {
                DemoStream.Event e = s.next();
                byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
                byte[] value = e.json().getBytes(StandardCharsets.UTF_8);
                bytes += key.length + value.length;
                q.append(new RecordedRecord(topic, 0, i, e.time(), TimestampType.CREATE_TIME, List.of(), key, value));
            }
            q.checkpoint(Map.of(new TopicPartition(topic, 0), events));
        }
        return bytes;
    }
}
