package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.operator.OperatorContext;
import io.entroflow.topology.operator.OperatorFactory;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.operator.OperatorResult;
import io.entroflow.topology.operator.StreamingOperator;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

/** A monitor spec running in a {@link TopologyTestDriver}, with typed access to every topic. */
public final class MonitorDriver implements AutoCloseable {
    public final MonitorPlan plan;
    public final MonitorCounters counters;
    public final TopologyTestDriver driver;
    private boolean closed;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestInputTopic<String, byte[]> requests;
    private final TestOutputTopic<String, AggregateRecord> aggregates;
    private final TestOutputTopic<String, AlertRecord> alertEvents;
    private final TestOutputTopic<String, AlertRecord> alertState;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final String yaml;
    private final OperatorRegistry registry;
    private final Clock clock;

    public MonitorDriver(String yaml) {
        this(yaml, testRegistry());
    }

    public MonitorDriver(String yaml, OperatorRegistry registry) {
        this(yaml, registry, Clock.systemUTC());
    }

    /** A driver whose topology checks {@code input.max-future} against {@code clock}. */
    public MonitorDriver(String yaml, OperatorRegistry registry, Clock clock) {
        this(yaml, registry, clock, StreamTimings.NONE);
    }

    /** A driver whose stream threads report their timings to {@code timings}. */
    public MonitorDriver(String yaml, OperatorRegistry registry, Clock clock, StreamTimings timings) {
        this.counters = new MonitorCounters(timings);
        this.yaml = yaml;
        this.registry = registry;
        this.clock = clock;
        MonitorSpec spec = MonitorSpecLoader.parse("test", yaml);
        plan = new MonitorPlanner(registry).plan("test", spec);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, new TopologyNames(plan.monitor()).applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("entroflow-ttd").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DeadLetterProcessingHandler.configure(p, plan.spec().outputs().deadLetter(), counters);
        driver = new TopologyTestDriver(MonitorTopology.build(plan, counters, MonitorTopology.Stage.RULES, clock), p);
        input = driver.createInputTopic(spec.input().topics().get(0), new ByteArraySerializer(), new ByteArraySerializer());
        requests = driver.createInputTopic(plan.spec().aggregates().requests(), new StringSerializer(),
                new ByteArraySerializer());
        aggregates = driver.createOutputTopic(spec.outputs().aggregates(), new StringDeserializer(),
                JsonSerde.of(AggregateRecord.class).deserializer());
        alertEvents = driver.createOutputTopic(spec.outputs().alertEvents(), new StringDeserializer(),
                JsonSerde.of(AlertRecord.class).deserializer());
        alertState = driver.createOutputTopic(spec.outputs().alertState(), new StringDeserializer(),
                JsonSerde.of(AlertRecord.class).deserializer());
        deadLetters = driver.createOutputTopic(spec.outputs().deadLetter(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The standard registry plus {@code probe}: value = the raw numeric signal, p-value = value, regime = (int) value. */
    public static OperatorRegistry testRegistry() {
        return OperatorRegistry.standard().register("probe", new OperatorFactory() {
            @Override
            public StreamingOperator create(OperatorContext c) {
                return new ProbeOperator();
            }

            @Override
            public boolean reportsPValue() {
                return true;
            }

            @Override
            public boolean reportsRegime() {
                return true;
            }
        });
    }

    private static final class ProbeOperator implements StreamingOperator {
        private double last = Double.NaN;
        private long start = Long.MIN_VALUE;
        private long end = Long.MIN_VALUE;
        private long n;

        @Override
        public double update(long timeMillis, long[] inputs) {
            last = Double.longBitsToDouble(inputs[0]);
            start = start == Long.MIN_VALUE ? timeMillis : start;
            end = Math.max(end, timeMillis);
            n++;
            return last;
        }

        @Override
        public OperatorResult result() {
            return new OperatorResult(last, "value", start, end, n, Math.min(1, Math.max(0, last)), (int) last);
        }
    }

    /** Sends one JSON event with the given record key and timestamp. */
    public void send(String key, String json, long recordTime) {
        input.pipeInput(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), java.time.Instant.ofEpochMilli(recordTime)));
    }

    /** Sends one JSON event with the given record key bytes (any bytes) and timestamp. */
    public void sendRaw(byte[] key, String json, long recordTime) {
        input.pipeInput(new TestRecord<>(key, json.getBytes(StandardCharsets.UTF_8), java.time.Instant.ofEpochMilli(recordTime)));
    }

    /** Sends one JSON event to input topic {@code topic}. */
    public void sendTo(String topic, String key, String json, long recordTime) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        json == null ? null : json.getBytes(StandardCharsets.UTF_8), java.time.Instant.ofEpochMilli(recordTime)));
    }

    /** Sends an on-demand aggregate request (key null: every key) with the given value (null: empty). */
    public void request(String key, String json, long recordTime) {
        requests.pipeInput(new TestRecord<>(key, json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                java.time.Instant.ofEpochMilli(recordTime)));
    }

    public List<AggregateRecord> aggregates() {
        return aggregates.readValuesToList();
    }

    public List<AlertRecord> alertEvents() {
        return alertEvents.readValuesToList();
    }

    public List<AlertRecord> alertState() {
        return alertState.readValuesToList();
    }

    /** The alert-state topic's records, tombstones (null values) included. */
    public List<TestRecord<String, AlertRecord>> alertStateRecords() {
        return alertState.readRecordsToList();
    }

    /** The keys of store {@code name}. */
    public List<String> storeKeys(String name) {
        List<String> keys = new java.util.ArrayList<>();
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> store = driver.getKeyValueStore(name);
        try (var it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** A header's UTF-8 value. */
    public static String header(TestRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    public static Path tmp() throws java.io.IOException {
        return Files.createTempDirectory("entroflow");
    }

    /**
     * A restart from the changelog: closes this driver (its state directory is cleaned, as
     * {@link TopologyTestDriver#close} does) and returns a new one of the same spec whose stores hold
     * exactly what this one's held, as after restoring every changelog topic. In-memory state (operator
     * objects, caches) is lost, as it is when a task moves or the process restarts. Read this driver's
     * outputs first.
     */
    public MonitorDriver restarted() {
        return restartedWith(yaml);
    }

    /** {@link #restarted()} with another spec (a monitor restarted after its spec was edited). */
    public MonitorDriver restartedWith(String nextYaml) {
        java.util.Map<String, List<org.apache.kafka.streams.KeyValue<String, byte[]>>> contents = new java.util.TreeMap<>();
        for (String name : driver.getAllStateStores().keySet()) {
            List<org.apache.kafka.streams.KeyValue<String, byte[]>> entries = new java.util.ArrayList<>();
            org.apache.kafka.streams.state.KeyValueStore<String, byte[]> store = driver.getKeyValueStore(name);
            try (var it = store.all()) {
                it.forEachRemaining(entries::add);
            }
            contents.put(name, entries);
        }
        close();
        MonitorDriver next = new MonitorDriver(nextYaml, registry, clock);
        contents.forEach((name, entries) -> {
            org.apache.kafka.streams.state.KeyValueStore<String, byte[]> store = next.driver.getKeyValueStore(name);
            entries.forEach(e -> store.put(e.key, e.value));
        });
        return next;
    }

    /** Closes the driver (its tasks close); a second call does nothing (a {@link #restarted()} driver is closed). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            driver.close();
        }
    }
}
