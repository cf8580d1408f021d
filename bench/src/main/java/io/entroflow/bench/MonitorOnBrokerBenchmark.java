package io.entroflow.bench;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.runtime.EmbeddedKafka;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time to consume a pre-produced topic of {@code EVENTS} JSON events on an embedded single-node KRaft
 * broker with exactly_once_v2 (commit interval 200 ms), from start-up to the last event processed:
 * the monitor topology (parse, signals, one Shannon entropy over a sliding count window of 1,000
 * symbols with the chunked journal, one aggregate per key per 1,000 events) against a passthrough
 * topology (source &rarr; counting processor &rarr; sink), 1,000 keys, 16 categories, 2 partitions.
 * Records/s = EVENTS / score. Start-up (rebalance, ~2&ndash;4 s) is inside both scores.
 *
 * <p>Run: {@code mvn -B -o -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar
 * MonitorOnBrokerBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MonitorOnBrokerBenchmark {
    static final int EVENTS = 300_000;
    private static final String SPEC = """
            monitor: bench
            input: {topics: [bench-in], time: {field: /ts}, lateness: 1s}
            signals: [{name: kind, kind: categorical, field: /kind, max-categories: 16}]
            operators: [{name: h, type: entropy, signal: kind, window: {count: 1000}}]
            aggregates: {interval: 100s}
            """;

    @Param({"passthrough", "monitor"})
    public String topology;

    private EmbeddedKafka kafka;
    private MonitorPlan plan;
    private int run;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        kafka = EmbeddedKafka.start(Files.createTempDirectory("bench-kafka"), Duration.ofSeconds(120));
        plan = new MonitorPlanner(OperatorRegistry.standard()).plan("bench", MonitorSpecLoader.parse("bench", SPEC));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Topics.create(admin, plan, true, 2);
            admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic("bench-out", 2, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Random r = new Random(1);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "linger.ms", 20, "batch.size", 262_144), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                long ts = i / 10;
                byte[] key = ("key-" + r.nextInt(1_000)).getBytes(StandardCharsets.UTF_8);
                byte[] value = ("{\"ts\":" + ts + ",\"kind\":\"k" + r.nextInt(16) + "\"}").getBytes(StandardCharsets.UTF_8);
                p.send(new ProducerRecord<>("bench-in", null, ts, key, value));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kafka.close();
    }

    @Benchmark
    public long consumeAll() throws Exception {
        AtomicLong passed = new AtomicLong();
        MonitorCounters counters = new MonitorCounters();
        Topology t;
        if ("passthrough".equals(topology)) {
            t = new Topology();
            t.addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), "bench-in");
            t.addProcessor("count", () -> new Processor<byte[], byte[], byte[], byte[]>() {
                private ProcessorContext<byte[], byte[]> context;

                @Override
                public void init(ProcessorContext<byte[], byte[]> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<byte[], byte[]> record) {
                    passed.incrementAndGet();
                    context.forward(record);
                }
            }, "source");
            t.addSink("sink", "bench-out", new ByteArraySerializer(), new ByteArraySerializer(), "count");
        } else {
            t = MonitorTopology.build(plan, counters);
        }
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + topology + "-" + (run++));
        Properties config = MonitorRuntime.config(plan, kafka.bootstrapServers(), Files.createTempDirectory("bench-state"),
                true, "bench-" + topology + "-" + run, overrides);
        try (KafkaStreams streams = new KafkaStreams(t, config)) {
            streams.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (passed.get() + counters.eventsProcessed() + counters.eventsDeadLettered() < EVENTS
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return passed.get() + counters.eventsProcessed();
        }
    }
}
