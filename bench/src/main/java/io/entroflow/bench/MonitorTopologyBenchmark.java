package io.entroflow.bench;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorTopology;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Records/s of the monitor topology against a passthrough topology (source &rarr; sink), both driven
 * through {@link TopologyTestDriver} (real processors, real RocksDB stores with caching, no broker):
 * the processing cost of parse + signals + one entropy operator (sliding count window of 1,000 with
 * the chunked journal; or a decay or cumulative window, checkpoint + journal tail) + aggregates every
 * 1 s of event time, 1,000 keys, 16 categories, 10 events per key per second of event time.
 *
 * <p>Note: the test driver commits (and flushes the record caches) after every input record, so the
 * journal's re-puts are not collapsed as they are between two commits on a broker; this overstates
 * the store cost relative to the broker measurement of docs/architecture.md.
 *
 * <p>Run: {@code mvn -B -o -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar
 * MonitorTopologyBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MonitorTopologyBenchmark {
    private static final int BATCH = 10_000;
    private static final String SPEC = """
            monitor: bench
            input: {topics: [in], time: {field: /ts}, lateness: 1s}
            signals: [{name: kind, kind: categorical, field: /kind, max-categories: 16}]
            operators: [{name: h, type: entropy, signal: kind, window: %s}]
            aggregates: {interval: 1s}
            """;

    @Param({"passthrough", "monitor"})
    public String topology;

    /**
     * The entropy operator's window: {@code count} (1,000 events, chunked journal), {@code decay}
     * (half-life 1,000 events) or {@code cumulative} (both checkpoint + journal tail).
     */
    @Param({"count", "decay", "cumulative"})
    public String window;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private org.apache.kafka.streams.TestOutputTopic<byte[], byte[]> output;
    private byte[][] keys;
    private byte[][] values;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Topology t;
        if ("passthrough".equals(topology)) {
            t = new Topology();
            t.addSource("source", "in");
            t.addSink("sink", "out", "source");
        } else {
            MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan("bench", MonitorSpecLoader.parse("bench",
                    SPEC.formatted(switch (window) {
                        case "decay" -> "{decay: {half-life: 1000}}";
                        case "cumulative" -> "{cumulative: true}";
                        default -> "{count: 1000}";
                    })));
            t = MonitorTopology.build(plan, new MonitorCounters());
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + topology);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-state").toString());
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, org.apache.kafka.common.serialization.Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, org.apache.kafka.common.serialization.Serdes.ByteArraySerde.class);
        driver = new TopologyTestDriver(t, p);
        input = driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
        output = driver.createOutputTopic("passthrough".equals(topology) ? "out" : "bench-aggregates",
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        Random r = new Random(1);
        keys = new byte[BATCH][];
        values = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            keys[i] = ("key-" + r.nextInt(1_000)).getBytes(StandardCharsets.UTF_8);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        driver.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void pipe() {
        Random r = new Random(next);
        for (int i = 0; i < BATCH; i++) {
            long ts = next++ / 10; // 10 events per key per second over 1,000 keys -> 10,000/s of event time
            byte[] v = ("{\"ts\":" + ts + ",\"kind\":\"k" + r.nextInt(16) + "\"}").getBytes(StandardCharsets.UTF_8);
            input.pipeInput(keys[i], v, Instant.ofEpochMilli(ts));
        }
        output.readRecordsToList();
    }
}
