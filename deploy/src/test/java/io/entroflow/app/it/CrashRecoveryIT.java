package io.entroflow.app.it;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.app.demo.DemoStream;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash test: a monitor in a child JVM is killed with SIGKILL mid-stream (while input keeps
 * arriving), restarted on the same state directory, and its committed alert events, aggregates and
 * dead letters must equal an uninterrupted run's on the same input: no duplicate, no loss,
 * bit-identical values.
 */
@IntegrationTest
class CrashRecoveryIT {
    private static final int EVENTS = 12_000;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldCommitTheSameOutputsAfterAKillAndRestartAsAnUninterruptedRun() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        String run = Long.toString(System.currentTimeMillis());
        String input = "crash-events-" + run;
        Path dir = Files.createTempDirectory("entroflow-crash-it");
        String base = Files.readString(Path.of("../deploy/examples/demo.yaml"))
                .replace("  key: {field: /key}                   # the service\n", "")
                .replace("demo-events", input);
        Path specA = dir.resolve("a.yaml");
        Path specB = dir.resolve("b.yaml");
        Files.writeString(specA, base.replace("demo-aggregates", "a-aggregates-" + run)
                .replace("demo-alert-events", "a-alert-events-" + run).replace("demo-alert-state", "a-alert-state-" + run)
                .replace("demo-dead-letter", "a-dead-letter-" + run));
        Files.writeString(specB, base.replace("demo-aggregates", "b-aggregates-" + run)
                .replace("demo-alert-events", "b-alert-events-" + run).replace("demo-alert-state", "b-alert-state-" + run)
                .replace("demo-dead-letter", "b-dead-letter-" + run));
        MonitorPlan planA = plan(specA);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Topics.create(admin, planA, true, 2);
        }
        List<ProducerRecord<String, String>> records = input(input);
        int firstPart = records.size() * 2 / 5;
        send(bootstrap, records.subList(0, firstPart), 0);

        // B: a child JVM, killed with SIGKILL mid-stream, then restarted on the same state
        Path kafkaConfig = dir.resolve("b.properties");
        Files.writeString(kafkaConfig, "application.id=entroflow-crash-b-" + run + "\n");
        List<String> command = List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "io.entroflow.app.cli.EntroflowCli", "run", "--config", specB.toString(),
                "--bootstrap-servers", bootstrap, "--kafka-config", kafkaConfig.toString(),
                "--data-dir", dir.resolve("b-data").toString(), "--status-every", "2s");
        Process b = start(command, dir.resolve("b-1.log"));
        Thread rest = new Thread(() -> send(bootstrap, records.subList(firstPart, records.size()), 6_000), "rest");
        rest.start();
        awaitRecords("b-aggregates-" + run, 300, Duration.ofSeconds(90));
        b.destroyForcibly();
        assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Process b2 = start(command, dir.resolve("b-2.log"));
        rest.join(60_000);

        // A: uninterrupted, in this JVM, on the complete input
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "entroflow-crash-a-" + run);
        List<Map.Entry<String, String>> alertsA;
        List<Map.Entry<String, String>> aggregatesA;
        List<Map.Entry<String, String>> deadA;
        try (MonitorRuntime a = new MonitorRuntime(planA, MonitorRuntime.config(planA, bootstrap, dir.resolve("a-state"),
                true, "a-" + run, overrides))) {
            a.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long report = 0;
            while (a.counters().eventsIn() < records.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                if (++report % 50 == 0) {
                    System.out.println("uninterrupted run: " + a.state() + ", events in " + a.counters().eventsIn());
                }
            }
            assertThat(a.counters().eventsIn()).isEqualTo(records.size());
            assertThat(a.counters().eventsProcessed() + a.counters().eventsDeadLettered()).isEqualTo(records.size());
            aggregatesA = SharedBroker.readAll("a-aggregates-" + run, true, 1, Duration.ofSeconds(60));
            alertsA = SharedBroker.readAll("a-alert-events-" + run, true, 1, Duration.ofSeconds(30));
            deadA = SharedBroker.readAll("a-dead-letter-" + run, true, 1, Duration.ofSeconds(30));
        }
        List<Map.Entry<String, String>> aggregatesB = SharedBroker.readAll("b-aggregates-" + run, true,
                aggregatesA.size(), Duration.ofSeconds(90));
        List<Map.Entry<String, String>> alertsB = SharedBroker.readAll("b-alert-events-" + run, true, alertsA.size(),
                Duration.ofSeconds(30));
        List<Map.Entry<String, String>> deadB = SharedBroker.readAll("b-dead-letter-" + run, true, deadA.size(),
                Duration.ofSeconds(30));
        b2.destroy();
        b2.waitFor(40, TimeUnit.SECONDS);

        assertThat(alertsA).hasSizeGreaterThanOrEqualTo(3);
        assertThat(aggregatesA).hasSizeGreaterThan(100);
        assertThat(deadA).hasSize(3);
        assertThat(byKey(alertsB)).isEqualTo(byKey(alertsA));
        assertThat(byKeyAndOperator(aggregatesB)).isEqualTo(byKeyAndOperator(aggregatesA));
        assertThat(deadB).hasSameSizeAs(deadA);
        assertThat(Files.readString(dir.resolve("b-2.log"))).contains("running on");
    }

    private static MonitorPlan plan(Path spec) {
        return new MonitorPlanner(OperatorRegistry.standard()).plan(spec.toString(), MonitorSpecLoader.load(spec));
    }

    /** The demo stream as records keyed by service, with four bad records among them. */
    private static List<ProducerRecord<String, String>> input(String topic) {
        DemoStream s = new DemoStream(3, 1_700_000_000_000L, EVENTS * 1000L / 400, 400);
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        while (s.hasNext()) {
            DemoStream.Event e = s.next();
            out.add(new ProducerRecord<>(topic, null, e.time(), e.key(), e.json()));
            if (out.size() % 3_001 == 0) {
                out.add(new ProducerRecord<>(topic, null, e.time(), e.key(), "{broken"));
            }
        }
        return out;
    }

    private static void send(String bootstrap, List<ProducerRecord<String, String>> records, long spreadMillis) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            long start = System.currentTimeMillis();
            for (int i = 0; i < records.size(); i++) {
                producer.send(records.get(i));
                long due = start + spreadMillis * i / records.size();
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitRecords(String topic, int count, Duration timeout) {
        assertThat(SharedBroker.readAtLeast(topic, false, count, timeout)).hasSizeGreaterThanOrEqualTo(count);
    }

    /**
     * Aggregates per (key, operator): each is one stream; how two operators' aggregates for one key
     * interleave depends on where the STREAM_TIME punctuator ran (between poll batches), not on the data.
     */
    private static Map<String, List<String>> byKeyAndOperator(List<Map.Entry<String, String>> records) {
        Map<String, List<String>> m = new java.util.TreeMap<>();
        for (Map.Entry<String, String> r : records) {
            String operator;
            try {
                operator = io.entroflow.schemas.wire.JsonSerde.MAPPER.readTree(r.getValue()).path("operator").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            m.computeIfAbsent(r.getKey() + " / " + operator, k -> new ArrayList<>()).add(r.getValue());
        }
        return m;
    }

    private static Map<String, List<String>> byKey(List<Map.Entry<String, String>> records) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> r : records) {
            m.computeIfAbsent(r.getKey(), k -> new ArrayList<>()).add(r.getValue());
        }
        return new java.util.TreeMap<>(m);
    }

    private static Process start(List<String> command, Path log) throws java.io.IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
