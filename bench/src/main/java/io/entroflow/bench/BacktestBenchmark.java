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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorTopology;
import io.entroflow.topology.stream.ProcessorGraph;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.time.Clock;
import java.util.Locale;
import java.util.Properties;
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
 * (aggregates, alert events, dead letters and summary written); with {@code ttd-events=N > 0} also
 * {@code ttd} = the first N records through Kafka Streams' {@code TopologyTestDriver} running the same
 * graph ({@link MonitorTopology#graph}) with in-memory stores, caching and logging off (the
 * alternative engine the backtest was measured against). With {@code profile=FILE.html} the last
 * round's backtest is sampled by async-profiler (every 1 ms of {@code profile-event=}, default
 * {@code itimer}; {@code cpu} where perf events are allowed) into an HTML flame graph and
 * {@code FILE-top.txt} (the 40 hottest methods by self time).
 *
 * <p>Run (with the collector {@code deploy/entroflow backtest} uses, {@code -XX:+UseParallelGC}):
 * {@code mvn -B -q -pl bench -am package -DskipTests && java $(sed -n
 * 's:.*<chronicle.jvm.flags>\(.*\)</chronicle.jvm.flags>.*:\1:p' pom.xml) -XX:+UseParallelGC -Xmx2g -cp
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
        long ttdEvents = Long.parseLong(a.getOrDefault("ttd-events", "0"));
        Path profile = a.containsKey("profile") ? Path.of(a.get("profile")).toAbsolutePath() : null;
        if (profile != null && !profile.toString().endsWith(".html")) {
            throw new IllegalArgumentException("profile: expected an .html file to write, got " + profile);
        }
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
            boolean profiled = profile != null && round == rounds;
            if (profiled) {
                profiler("start,event=" + a.getOrDefault("profile-event", "itimer") + ",interval=1ms");
            }
            HeapWatch heap = HeapWatch.start();
            try (QueueInput in = new QueueInput(queueDir, plan.spec().input().topics())) {
                r = new Backtest(plan, List.of()).run(in, out, x -> { });
            }
            heap.stop();
            if (profiled) {
                profiler("stop,file=" + profile);
                profiler("collapsed,file=" + profile.resolveSibling(
                        profile.getFileName().toString().replaceFirst("\\.html$", "") + ".collapsed"));
                profiler("flat=40,file=" + profile.resolveSibling(
                        profile.getFileName().toString().replaceFirst("\\.html$", "") + "-top.txt"));
            }
            report(workload, round, "backtest", r.records(), System.nanoTime() - wall,
                    threads.getCurrentThreadCpuTime() - cpu);
            System.out.printf(Locale.ROOT, "    %,d processed, %,d dead letters, %,d aggregates, %,d alert events;"
                            + " heap after GC at most %,.0f MiB (of -Xmx %,.0f MiB), peak in use %,.0f MiB%n",
                    r.processed(), r.deadLetters(), r.aggregates(), r.alertEvents(), heap.maxAfterGc / 1048576.0,
                    HeapAfterGc.maxBytes() / 1048576.0, heap.peak / 1048576.0);
            if (ttdEvents > 0) {
                wall = System.nanoTime();
                cpu = threads.getCurrentThreadCpuTime();
                long[] outputs = testDriver(plan, queueDir, ttdEvents);
                report(workload, round, "ttd", ttdEvents, System.nanoTime() - wall, threads.getCurrentThreadCpuTime() - cpu);
                System.out.printf(Locale.ROOT, "    %,d aggregates, %,d alert events%n", outputs[0], outputs[1]);
            }
        }
    }

    /**
     * The heap during a backtest, sampled every 200 ms by a daemon thread: the largest sum over the
     * heap pools of their usage after the latest collection (what survived it: the run's live state,
     * plus garbage promoted by young collections) and the largest sum of their current usage.
     */
    private static final class HeapWatch {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long maxAfterGc;
        private volatile long peak;

        private HeapWatch() {
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            w.thread.start();
            return w;
        }

        private void sample() {
            long afterGc = 0;
            long used = 0;
            for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                    afterGc += pool.getCollectionUsage() == null ? 0 : pool.getCollectionUsage().getUsed();
                    used += pool.getUsage().getUsed();
                }
            }
            maxAfterGc = Math.max(maxAfterGc, afterGc);
            peak = Math.max(peak, used);
        }

        void stop() throws InterruptedException {
            sample();
            running = false;
            thread.interrupt();
            thread.join();
        }
    }

    /** Runs an async-profiler command (the profiler's jar carries its native library). */
    private static void profiler(String command) throws java.io.IOException {
        one.profiler.AsyncProfiler.getInstance().execute(command);
    }

    /**
     * The first {@code events} records of the recording through Kafka Streams' {@link TopologyTestDriver}
     * running the same graph with in-memory stores, caching and logging off; returns the numbers of
     * aggregates and alert events.
     */
    private static long[] testDriver(MonitorPlan plan, Path queueDir, long events) throws Exception {
        ProcessorGraph g = MonitorTopology.graph(plan, new MonitorCounters(), MonitorTopology.Stage.RULES, Clock.systemUTC());
        Topology t = new Topology();
        for (ProcessorGraph.Node n : g.nodes()) {
            String[] parents = n.parents().toArray(new String[0]);
            if (n instanceof ProcessorGraph.Source s) {
                t.addSource(s.name(), s.keyDeserializer(), s.valueDeserializer(), s.topics().toArray(new String[0]));
            } else if (n instanceof ProcessorGraph.Processor p) {
                t.addProcessor(p.name(), p.supplier(), parents);
                for (String store : p.stores()) {
                    t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), Serdes.String(),
                            Serdes.ByteArray()).withCachingDisabled().withLoggingDisabled(), p.name());
                }
            } else if (n instanceof ProcessorGraph.Sink k) {
                t.addSink(k.name(), k.topic(), k.keySerializer(), k.valueSerializer(), parents);
            }
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-ttd");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-ttd").toString());
        try (TopologyTestDriver d = new TopologyTestDriver(t, p);
             QueueInput in = new QueueInput(queueDir, plan.spec().input().topics())) {
            TestInputTopic<byte[], byte[]> input = d.createInputTopic(plan.spec().input().topics().get(0),
                    new ByteArraySerializer(), new ByteArraySerializer());
            var aggregates = d.createOutputTopic(plan.spec().outputs().aggregates(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            var alerts = d.createOutputTopic(plan.spec().outputs().alertEvents(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            long[] counts = new long[2];
            OfflineRecord r;
            for (long i = 0; i < events && (r = in.next()) != null; i++) {
                input.pipeInput(new TestRecord<>(r.key(), r.value(), r.headers(), r.timestamp()));
                if ((i & 1023) == 0) {
                    counts[0] += aggregates.readRecordsToList().size();
                    counts[1] += alerts.readRecordsToList().size();
                }
            }
            counts[0] += aggregates.readRecordsToList().size();
            counts[1] += alerts.readRecordsToList().size();
            return counts;
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
