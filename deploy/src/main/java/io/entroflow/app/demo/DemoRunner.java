package io.entroflow.app.demo;

import io.entroflow.schemas.spec.InputSpec;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SignalSpec;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.http.HttpOptions;
import io.entroflow.app.http.ObservabilityServer;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.MonitorCounters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The streaming demo end to end: Kafka (embedded unless given), the demo topics (suffixed with a run
 * id, so runs never see each other's data), the monitor on the demo spec, a paced producer of the
 * {@link DemoStream} with event time = wall-clock time, a consumer printing alerts as they are
 * committed, a live status line, and the final {@link DemoScore}. Every wait is bounded.
 */
public final class DemoRunner {
    /**
     * Options.
     *
     * @param durationMillis stream duration
     * @param rate           events per second
     * @param seed           random seed
     * @param spec           the demo spec file
     * @param bootstrap      Kafka bootstrap servers, or null for the embedded broker
     * @param kafkaConfig    client properties file, or null
     * @param dataDir        local data directory (embedded broker, state)
     * @param statusMillis   status line interval
     * @param connectTimeout how long a given cluster has to answer the first request
     */
    public record Options(long durationMillis, int rate, long seed, Path spec, String bootstrap, Path kafkaConfig,
                          Path dataDir, long statusMillis, Duration connectTimeout) {
    }

    /** The HTTP port of the demo unless given: a free one, printed at start. */
    public static final int DEFAULT_HTTP_PORT = 0;

    private final Options o;
    private final PrintStream out;
    private HttpOptions http;
    private Consumer<ObservabilityServer> listener;
    private Runnable beforeClose;

    public DemoRunner(Options options, PrintStream out) {
        this.o = options;
        this.out = out;
    }

    /** Serves the dashboard, the state API, /health and /metrics while the demo runs (see {@link ObservabilityServer}). */
    public DemoRunner withHttp(HttpOptions options) {
        this.http = options;
        return this;
    }

    /**
     * As {@link #withHttp(HttpOptions)}; hands the server to {@code listener} once it serves, and runs
     * {@code beforeClose} after the score, before the server and the monitor close (e.g. to keep the
     * dashboard up until someone has looked at it).
     */
    public DemoRunner withHttp(HttpOptions options, Consumer<ObservabilityServer> listener, Runnable beforeClose) {
        this.http = options;
        this.listener = listener;
        this.beforeClose = beforeClose;
        return this;
    }

    /** Runs the demo and returns its score. */
    public DemoScore run() throws Exception {
        String run = Long.toString(System.currentTimeMillis());
        MonitorSpec spec = withTopicSuffix(MonitorSpecLoader.load(o.spec()), "-" + run);
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan(o.spec().toString(), spec);
        Path stateDir = o.dataDir().resolve("demo-state").resolve(run);
        try (KafkaTarget kafka = KafkaTarget.open(o.bootstrap(), o.kafkaConfig(), o.dataDir(), out, o.connectTimeout())) {
            try (Admin admin = Admin.create(kafka.clientConfig())) {
                if (kafka.embedded()) {
                    deleteEarlierRuns(admin, run);
                }
                Topics.create(admin, plan, true, 2);
            }
            Properties overrides = kafka.clientConfig();
            overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "entroflow-demo-" + run);
            ObservabilityServer.Binding binding = http == null ? null
                    : ObservabilityServer.bind(http, DEFAULT_HTTP_PORT, plan);
            Properties config = MonitorRuntime.config(plan, kafka.bootstrapServers(), stateDir, kafka.embedded(),
                    "entroflow-demo-" + run, overrides);
            MonitorRuntime runtime = binding == null ? new MonitorRuntime(plan, config)
                    : new MonitorRuntime(plan, binding.streamsConfig(config), binding.timings());
            List<AlertRecord> alerts = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            ObservabilityServer server = null;
            Thread watcher = new Thread(() -> watchAlerts(kafka, plan.spec().outputs().alertEvents(), alerts, stop),
                    "entroflow-demo-alerts");
            try {
                if (binding != null) {
                    server = binding.serve(runtime, kafka.clientConfig());
                    out.println(server.describe());
                    if (listener != null) {
                        listener.accept(server);
                    }
                }
                runtime.start();
                runtime.awaitRunning(Duration.ofSeconds(90));
                watcher.start();
                long start = System.currentTimeMillis() / 1000 * 1000 + 1000;
                DemoStream stream = new DemoStream(o.seed(), start, o.durationMillis(), o.rate());
                out.printf(Locale.ROOT, "entroflow demo: %d events over %.0f s at %d/s; planted: %s%n", stream.size(),
                        o.durationMillis() / 1000.0, o.rate(), stream.planted().stream()
                                .map(p -> p.kind() + " on " + p.key() + " at +" + (p.at() - start) / 1000.0 + " s")
                                .collect(Collectors.joining(", ")));
                produce(kafka, plan.spec().input().topics().get(0), stream, start, runtime.counters(), alerts);
                awaitDrained(runtime.counters(), stream.size(), Duration.ofSeconds(60));
                Thread.sleep(1_500); // two commit intervals: the last transitions become visible
                stop.set(true);
                watcher.join(10_000);
                DemoScore score = DemoScore.score(stream.planted(), new ArrayList<>(alerts), stream.size());
                MonitorCounters c = runtime.counters();
                out.printf(Locale.ROOT, "%nevents in %d = processed %d + dead-lettered %d%n%n", c.eventsIn(),
                        c.eventsProcessed(), c.eventsDeadLettered());
                out.print(score.table());
                if (beforeClose != null) {
                    beforeClose.run();
                }
                return score;
            } finally {
                stop.set(true);
                if (server != null) {
                    server.close();
                } else if (binding != null) {
                    binding.close();
                }
                runtime.close();
                deleteRecursively(stateDir);
            }
        }
    }

    private void produce(KafkaTarget kafka, String topic, DemoStream stream, long start, MonitorCounters counters,
                         List<AlertRecord> alerts) throws InterruptedException {
        Properties p = kafka.clientConfig();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long sent = 0;
        long nextStatus = System.currentTimeMillis() + o.statusMillis();
        long lastSent = 0;
        long lastStatusAt = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            while (stream.hasNext()) {
                DemoStream.Event e = stream.next();
                long wait = e.time() - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                producer.send(new ProducerRecord<>(topic, null, e.time(), e.key(), e.json()));
                sent++;
                long now = System.currentTimeMillis();
                if (now >= nextStatus) {
                    double rate = (sent - lastSent) * 1000.0 / Math.max(1, now - lastStatusAt);
                    out.printf(Locale.ROOT, "[+%5.1f s] %6.0f events/s | sent %d | processed %d | dead-lettered %d | alerts firing %d%n",
                            (now - start) / 1000.0, rate, sent, counters.eventsProcessed(), counters.eventsDeadLettered(),
                            counters.alertsFiring());
                    lastSent = sent;
                    lastStatusAt = now;
                    nextStatus = now + o.statusMillis();
                }
            }
            producer.flush();
        }
    }

    private static void awaitDrained(MonitorCounters c, long events, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (c.eventsProcessed() + c.eventsDeadLettered() < events && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void watchAlerts(KafkaTarget kafka, String topic, List<AlertRecord> alerts, AtomicBoolean stop) {
        Properties p = kafka.clientConfig();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-watcher");
        try (KafkaConsumer<String, AlertRecord> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                JsonSerde.of(AlertRecord.class).deserializer())) {
            consumer.subscribe(List.of(topic));
            while (!stop.get()) {
                for (ConsumerRecord<String, AlertRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    AlertRecord a = r.value();
                    alerts.add(a);
                    out.printf(Locale.ROOT, "ALERT %-8s %s key=%s startsAt=%s%s | %s%n", a.status().toUpperCase(Locale.ROOT),
                            a.labels().get("rule"), a.labels().get("key"), a.startsAt(),
                            AlertRecord.RESOLVED.equals(a.status()) ? " endsAt=" + a.endsAt() : "",
                            a.annotations().get("summary"));
                }
            }
        }
    }

    /** {@code spec} with every topic name suffixed. */
    public static MonitorSpec withTopicSuffix(MonitorSpec s, String suffix) {
        InputSpec in = s.input();
        InputSpec input = new InputSpec(in.topics().stream().map(t -> t + suffix).toList(), in.format(), in.key(),
                in.time(), in.lateness(), in.align(), in.maxFuture(), in.maxKeyBytes());
        List<SignalSpec> signals = s.signals().stream().map(g -> g.topic() == null ? g : new SignalSpec(g.name(),
                g.kind(), g.field(), g.values(), g.maxCategories(), g.symbolize(), g.of(), g.topic() + suffix)).toList();
        MonitorSpec.Outputs out = s.outputs();
        MonitorSpec.Aggregates aggregates = s.aggregates().withRequests(s.aggregates().requests() + suffix);
        return new MonitorSpec(s.monitor(), input, signals, s.operators(), aggregates, s.rules(),
                new MonitorSpec.Outputs(out.aggregates() + suffix, out.alertEvents() + suffix,
                        out.alertState() + suffix, out.deadLetter() + suffix));
    }

    private static void deleteEarlierRuns(Admin admin, String run) {
        try {
            Set<String> names = admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS);
            List<String> old = names.stream().filter(n -> (n.startsWith("demo-") || n.startsWith("entroflow-demo-"))
                    && !n.contains(run)).toList();
            if (!old.isEmpty()) {
                admin.deleteTopics(old);
            }
        } catch (Exception e) {
            // best effort: old demo topics only cost disk space
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
