package io.entroflow.bench;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.app.broker.EmbeddedKafka;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.EventParser;
import io.entroflow.topology.stream.MonitorTopology;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Steady-state records/s of the monitor topology against a passthrough topology on an embedded
 * single-node KRaft broker in the same JVM, in the same conditions: exactly_once_v2, the runtime's
 * defaults ({@link MonitorRuntime#config}: commit interval 200 ms, record caching on), one stream
 * thread, a fresh application id per run, consuming one pre-produced topic from the beginning.
 *
 * <p>Workload (the state-design spike's, docs/architecture.md): {@code EVENTS} JSON events {@code {"ts":..,"user":"key-N","kind":"kM"}}
 * over 1,000 keys (record key = the key) and 16 categories, 2 partitions, 10 events per ms of event
 * time; one Shannon entropy over a sliding count window of 1,000 symbols (chunked journal), one
 * aggregate per key per 1,000 events (interval 100 s).
 *
 * <p>Score: records/s from the first processed record to the last (sampled every 2 ms), so
 * start-up and the first rebalance are excluded (reported separately). Variants, to attribute the
 * cost (each a prefix of the monitor, {@link MonitorTopology#build(MonitorPlan, MonitorCounters,
 * MonitorTopology.Stage)}: the product's own wiring up to a stage):
 * <ul>
 *   <li>{@code passthrough}: source &rarr; counting processor &rarr; sink (every record written out);</li>
 *   <li>{@code parse}: up to {@link MonitorTopology.Stage#PARSE}: source &rarr; parse (JSON, key, time,
 *       signals) &rarr; the counting stage end;</li>
 *   <li>{@code signals}: up to {@link MonitorTopology.Stage#SIGNALS}: parse &rarr; signals processor (lateness,
 *       categories, per-key state store) &rarr; the counting stage end;</li>
 *   <li>{@code monitor}: the whole monitor topology (signals &rarr; entropy operator with journal &rarr; aggregates);</li>
 *   <li>{@code <variant>-rekey} ({@code parse-rekey}, {@code signals-rekey}, {@code monitor-rekey}): the same
 *       with the key from the field {@code /user}, through the re-key topic (part of the parse stage);</li>
 *   <li>{@code baseline} ({@code baseline-rekey}): issue 12's baseline, a Kafka Streams topology that reads, parses
 *       (the spec's {@link EventParser}) and writes every event, through a re-key topic (raw value bytes under the
 *       extracted key) when the key comes from a field;</li>
 *   <li>{@code demo}, {@code demo-baseline}: the same for the demo spec ({@code deploy/examples/demo.yaml}: key from
 *       {@code /key}, three operators, three rules, interval 500 ms) on events in the demo's shape over
 *       {@code demo-keys} services (default 4, as the demo).</li>
 * </ul>
 * Variants run interleaved (round robin): {@code warmup} rounds (JIT, the broker's page cache;
 * printed, not scored), then {@code rounds} rounds; the summary gives each variant's median and its
 * ratio to the passthrough's median and to its baseline's ({@code baseline}, {@code baseline-rekey} or
 * {@code demo-baseline}). Run from the repository root (the demo variants read the demo spec there).
 *
 * <p>Run: {@code mvn -B -o -q -pl bench -am package -DskipTests && java -cp bench/target/benchmarks.jar
 * io.entroflow.bench.MonitorOnBrokerBenchmark [events=2000000] [warmup=1] [rounds=3]
 * [demo-keys=4]
 * [variants=passthrough,baseline,parse,signals,monitor,baseline-rekey,monitor-rekey,demo-baseline,demo]}
 */
public final class MonitorOnBrokerBenchmark {
    private static final String TOPIC = "bench-in";
    private static final String REKEY = "-rekey";
    private static final String DEMO_TOPIC = "bench-demo";
    private static final List<String> VARIANTS = List.of("passthrough", "baseline", "parse", "signals", "monitor",
            "baseline" + REKEY, "parse" + REKEY, "signals" + REKEY, "monitor" + REKEY, "demo-baseline", "demo");
    private static final String SPEC = """
            monitor: %s
            input: {topics: [bench-in], %s time: {field: /ts}, lateness: 1s}
            signals: [{name: kind, kind: categorical, field: /kind, max-categories: 16}]
            operators: [{name: h, type: entropy, signal: kind, window: {count: 1000}}]
            aggregates: {interval: 100s}
            """;

    private MonitorOnBrokerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int events = Integer.parseInt(a.getOrDefault("events", "2000000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "1"));
        int demoKeys = Integer.parseInt(a.getOrDefault("demo-keys", "4"));
        List<String> variants = List.of(a.getOrDefault("variants", "passthrough,parse,signals,monitor,monitor-rekey")
                .split(","));
        for (String v : variants) {
            if (!VARIANTS.contains(v)) {
                throw new IllegalArgumentException("variants: unknown '" + v + "'; known: " + VARIANTS);
            }
        }
        OperatorRegistry registry = OperatorRegistry.standard();
        MonitorPlan plan = plan(registry, "bench", "");
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Files.createTempDirectory("bench-kafka"), Duration.ofSeconds(120))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                Topics.create(admin, plan, true, 2);
                admin.createTopics(List.of(new NewTopic("bench-out", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(kafka.bootstrapServers(), events);
            if (variants.stream().anyMatch(v -> v.startsWith("demo"))) {
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                    admin.createTopics(List.of(new NewTopic(DEMO_TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
                }
                produceDemo(kafka.bootstrapServers(), events, demoKeys);
            }
            int run = 0;
            for (int round = -warmup; round < rounds; round++) {
                for (String v : variants) {
                    MonitorPlan p = plan;
                    if (v.startsWith("demo")) {
                        p = demoPlan(registry, "demo" + run);
                        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                            Topics.create(admin, p, false, 2);
                        }
                    } else if (v.endsWith(REKEY)) {
                        // a fresh monitor name: its own re-key topic, read from the beginning
                        p = plan(registry, "rekey" + run, "key: {field: /user},");
                        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                            Topics.create(admin, p, false, 2);
                        }
                    }
                    double rps = runOnce(kafka.bootstrapServers(), v, p, events, run++);
                    if (round >= 0) {
                        scores.computeIfAbsent(v, k -> new ArrayList<>()).add(rps);
                    }
                }
            }
        }
        double base = scores.containsKey("passthrough") ? median(scores.get("passthrough")) : Double.NaN;
        System.out.printf(Locale.ROOT, "%n%-14s %12s %12s %12s %7s %11s%n", "variant", "median r/s", "min r/s", "max r/s",
                "ratio", "/ baseline");
        for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
            List<Double> s = e.getValue();
            String v = e.getKey();
            String baseline = v.startsWith("demo") ? "demo-baseline" : v.endsWith(REKEY) ? "baseline" + REKEY : "baseline";
            double b = scores.containsKey(baseline) ? median(scores.get(baseline)) : Double.NaN;
            System.out.printf(Locale.ROOT, "%-14s %12.0f %12.0f %12.0f %7.2f %11.2f%n", v, median(s),
                    s.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    s.stream().mapToDouble(Double::doubleValue).max().orElse(0), median(s) / base, median(s) / b);
        }
    }

    private static MonitorPlan plan(OperatorRegistry registry, String monitor, String key) {
        return new MonitorPlanner(registry).plan(monitor, MonitorSpecLoader.parse(monitor, SPEC.formatted(monitor, key)));
    }

    /** The demo spec ({@code deploy/examples/demo.yaml}, read from the working directory) on {@link #DEMO_TOPIC}, named {@code monitor}. */
    private static MonitorPlan demoPlan(OperatorRegistry registry, String monitor) throws java.io.IOException {
        String spec = Files.readString(java.nio.file.Path.of("deploy/examples/demo.yaml"))
                .replace("monitor: demo", "monitor: " + monitor).replace("topics: [demo-events]", "topics: [" + DEMO_TOPIC + "]");
        return new MonitorPlanner(registry).plan(monitor, MonitorSpecLoader.parse(monitor, spec));
    }

    /**
     * Events in the demo's shape, {@code {"key":"svc-N","ts":..,"kind":..,"x":..,"y":..,"latency":..}}, over
     * {@code keys} services, 10 per ms of event time: kind uniform over a..h, x and y uniform over 0..3,
     * latency N(50, 6^2) ms; no planted change (steady state: aggregates every 500 ms, no alert).
     */
    private static void produceDemo(String bootstrap, int events, int keys) {
        Random r = new Random(2);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 20, "batch.size", 262_144), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                long ts = i / 10;
                String value = String.format(Locale.ROOT, "{\"key\":\"svc-%d\",\"ts\":%d,\"kind\":\"%c\",\"x\":\"%d\","
                        + "\"y\":\"%d\",\"latency\":%.1f}", r.nextInt(keys), ts, (char) ('a' + r.nextInt(8)), r.nextInt(4),
                        r.nextInt(4), 50 + 6 * r.nextGaussian());
                p.send(new ProducerRecord<>(DEMO_TOPIC, null, ts, null, value.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static void produce(String bootstrap, int events) {
        Random r = new Random(1);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 20, "batch.size", 262_144), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                long ts = i / 10;
                String key = "key-" + r.nextInt(1_000);
                byte[] value = ("{\"ts\":" + ts + ",\"user\":\"" + key + "\",\"kind\":\"k" + r.nextInt(16) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                p.send(new ProducerRecord<>(TOPIC, null, ts, key.getBytes(StandardCharsets.UTF_8), value));
            }
        }
    }

    /** One run of {@code variant} over the whole topic; returns the steady-state records/s. */
    private static double runOnce(String bootstrap, String variant, MonitorPlan plan, int events, int run) throws Exception {
        MonitorCounters counters = new MonitorCounters();
        AtomicLong passed = new AtomicLong();
        String stage = variant.endsWith(REKEY) ? variant.substring(0, variant.length() - REKEY.length())
                : variant.equals("demo") ? "monitor" : variant.equals("demo-baseline") ? "baseline" : variant;
        LongSupplier done = switch (stage) {
            case "passthrough", "baseline" -> passed::get;
            case "parse" -> () -> counters.stageOutputs() + counters.eventsDeadLettered();
            default -> () -> counters.eventsProcessed() + counters.eventsDeadLettered();
        };
        Topology t = switch (stage) {
            case "passthrough" -> passthrough(passed);
            case "baseline" -> baseline(plan, passed);
            case "parse" -> MonitorTopology.build(plan, counters, MonitorTopology.Stage.PARSE);
            case "signals" -> MonitorTopology.build(plan, counters, MonitorTopology.Stage.SIGNALS);
            case "monitor" -> MonitorTopology.build(plan, counters);
            default -> throw new IllegalArgumentException("variant: unknown '" + variant + "'");
        };
        String id = "bench-" + variant + "-" + run;
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        Properties config = MonitorRuntime.config(plan, bootstrap, Files.createTempDirectory("bench-state"), true, id,
                overrides);
        try (KafkaStreams streams = new KafkaStreams(t, config)) {
            long start = System.nanoTime();
            streams.start();
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            long first = 0;
            long firstCount = 0;
            long n;
            while ((n = done.getAsLong()) < events && System.nanoTime() < deadline) {
                if (first == 0 && n > 0) {
                    first = System.nanoTime();
                    firstCount = n;
                }
                Thread.sleep(2);
            }
            long last = System.nanoTime();
            if (n < events) {
                throw new IllegalStateException(variant + ": only " + n + " of " + events + " events in 10 min");
            }
            double rps = (events - firstCount) / ((last - first) / 1e9);
            System.out.printf(Locale.ROOT, "%-14s start-up %5.2f s, %,d events in %6.2f s: %,10.0f records/s%n", variant,
                    (first - start) / 1e9, events, (last - first) / 1e9, rps);
            return rps;
        }
    }

    private static Topology passthrough(AtomicLong passed) {
        Topology t = new Topology();
        t.addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), TOPIC);
        t.addProcessor("count", () -> new Processor<byte[], byte[], byte[], byte[]>() {
            private ProcessorContext<byte[], byte[]> context;

            @Override
            public void init(ProcessorContext<byte[], byte[]> context) {
                this.context = context;
            }

            @Override
            public void process(Record<byte[], byte[]> record) {
                context.forward(record);
                passed.incrementAndGet();
            }
        }, "source");
        t.addSink("sink", "bench-out", new ByteArraySerializer(), new ByteArraySerializer(), "count");
        return t;
    }

    /**
     * The baseline of issue 12: reads, parses (the spec's {@link EventParser}: key, time, every signal field) and
     * writes each event's raw value under its event key to {@code bench-out}; when the spec's key comes from a
     * field, through a re-key topic first (raw value bytes under the extracted key), as the monitor must.
     */
    private static Topology baseline(MonitorPlan plan, AtomicLong passed) {
        EventParser parser = new EventParser(plan);
        boolean rekey = plan.spec().input().key().fromField();
        Topology t = new Topology();
        t.addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                plan.spec().input().topics().toArray(new String[0]));
        t.addProcessor("parse", () -> new Processor<byte[], byte[], byte[], byte[]>() {
            private ProcessorContext<byte[], byte[]> context;

            @Override
            public void init(ProcessorContext<byte[], byte[]> context) {
                this.context = context;
            }

            @Override
            public void process(Record<byte[], byte[]> record) {
                var m = context.recordMetadata().orElseThrow();
                EventParser.Outcome o = parser.parse(record.key(), record.value(), record.timestamp(), m.topic(),
                        m.partition(), m.offset());
                if (o.bad() != null) {
                    passed.incrementAndGet();
                    return;
                }
                context.forward(record.withKey(o.event().key().getBytes(StandardCharsets.UTF_8)).withTimestamp(o.event().time()));
                if (!rekey) {
                    passed.incrementAndGet();
                }
            }
        }, "source");
        String last = "parse";
        if (rekey) {
            String topic = new TopologyNames(plan.monitor()).rekeyTopic();
            t.addSink("rekey-sink", topic, new ByteArraySerializer(), new ByteArraySerializer(), "parse");
            t.addSource("rekey-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic);
            t.addProcessor("count", () -> new Processor<byte[], byte[], byte[], byte[]>() {
                private ProcessorContext<byte[], byte[]> context;

                @Override
                public void init(ProcessorContext<byte[], byte[]> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<byte[], byte[]> record) {
                    context.forward(record);
                    passed.incrementAndGet();
                }
            }, "rekey-source");
            last = "count";
        }
        t.addSink("sink", "bench-out", new ByteArraySerializer(), new ByteArraySerializer(), last);
        return t;
    }

    private static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
