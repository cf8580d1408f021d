package io.entroflow.app.it;

import io.entroflow.schemas.spec.MonitorSpecLoader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash test: a monitor in a child JVM is killed with SIGKILL at random points, three times, while
 * input keeps arriving, and restarted on the same state directory each time; its committed alert
 * events, aggregates and dead letters must equal an uninterrupted run's on the same input: no
 * duplicate, no loss, bit-identical values, dead letters equal by content (key, value, headers).
 *
 * <p>The spec exercises every kind of state: the key taken from a field (the re-key topic), two input
 * topics aligned in event time (a transfer entropy across them), and count, time, decay and cumulative
 * windows, with rules over them.
 */
@IntegrationTest
class CrashRecoveryIT {
    static final int EVENTS = 8_000;
    static final long T0 = 1_700_000_000_000L;
    private static final int KILLS = 3;

    /** The crash spec: monitor {@code name}, input topics {@code <input>-a} and {@code <input>-b}, outputs {@code <name>-...}. */
    static String spec(String name, String input) {
        return """
                monitor: %1$s
                input:
                  topics: [%2$s-a, %2$s-b]
                  key: {field: /key}
                  time: {field: /ts}
                  lateness: 1s
                  align: {bucket: 100ms}
                signals:
                  - {name: kind, kind: categorical, field: /kind, values: [a, b, c, d], topic: %2$s-a}
                  - {name: x, kind: categorical, field: /x, values: ["0", "1", "2", "3"], topic: %2$s-a}
                  - {name: y, kind: categorical, field: /y, values: ["0", "1", "2", "3"], topic: %2$s-b}
                  - {name: amount, kind: numeric, field: /amount, topic: %2$s-b, symbolize: {method: bins, bins: 4, min: 0, max: 100}}
                operators:
                  - {name: kind-count, type: entropy, signal: kind, window: {count: 100}}
                  - {name: kind-time, type: entropy, signal: kind, window: {time: 2s}}
                  - {name: kind-decay, type: entropy, signal: kind, window: {decay: {half-life: 64}}}
                  - {name: amount-all, type: entropy, signal: amount, window: {cumulative: true}}
                  - {name: x-to-y, type: transfer-entropy, signals: [x, y], window: {count: 100}}
                aggregates: {interval: 1s}
                rules:
                  - {name: kind-low, operator: kind-count, threshold: {below: 1.0, exit: 1.5}, min-events: 100}
                  - {name: kind-recent-low, operator: kind-decay, threshold: {below: 1.0, exit: 1.5}, min-events: 64}
                outputs:
                  aggregates: %1$s-aggregates
                  alert-events: %1$s-alert-events
                  alert-state: %1$s-alert-state
                  dead-letter: %1$s-dead-letter
                """.formatted(name, input);
    }

    /**
     * The input: {@code events} JSON events over 4 keys (record key = the key, so a key's events stay
     * in one partition), 3 in 5 to topic a ({@code kind}, {@code x}), the rest to b ({@code y},
     * {@code amount}), 5 ms of event time apart; key k0 sends only kind "a" between 20 % and 45 % of
     * the stream (the kind rules fire and resolve); among them 4 broken records and 2 late events.
     */
    static List<ProducerRecord<String, String>> input(String input, int events) {
        Random r = new Random(42);
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String key = "k" + (i % 4);
            long ts = T0 + i * 5L;
            boolean a = i % 5 < 3;
            String json;
            if (a) {
                boolean collapsed = key.equals("k0") && i > events / 5 && i < events * 45 / 100;
                json = "{\"ts\":" + ts + ",\"key\":\"" + key + "\",\"kind\":\"" + (collapsed ? "a" : "abcd".charAt(r.nextInt(4)))
                        + "\",\"x\":\"" + r.nextInt(4) + "\"}";
            } else {
                json = "{\"ts\":" + ts + ",\"key\":\"" + key + "\",\"y\":\"" + r.nextInt(4) + "\",\"amount\":" + r.nextInt(100) + "}";
            }
            String topic = input + (a ? "-a" : "-b");
            out.add(new ProducerRecord<>(topic, null, ts, key, json));
            if (i % 2_001 == 1_000) {
                out.add(new ProducerRecord<>(topic, null, ts, key, "{broken"));
            }
            if (i % 3_997 == 3_000) { // 3 s behind its key's events: late
                out.add(new ProducerRecord<>(topic, null, ts, key, json.replace("\"ts\":" + ts, "\"ts\":" + (ts - 3_000))));
            }
        }
        return out;
    }

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void shouldCommitTheSameOutputsAfterKillsAtRandomPointsAsAnUninterruptedRun() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        String run = Long.toString(System.currentTimeMillis());
        String input = "crash-" + run;
        Path dir = Files.createTempDirectory("entroflow-crash-it");
        Path specA = dir.resolve("a.yaml");
        Path specB = dir.resolve("b.yaml");
        Files.writeString(specA, spec("ca" + run, input));
        Files.writeString(specB, spec("cb" + run, input));
        MonitorPlan planA = plan(specA);
        try (Admin admin = Admin.create(SharedBroker.get().clientConfig())) {
            Topics.create(admin, planA, true, 2);
        }
        List<ProducerRecord<String, String>> records = input(input, EVENTS);
        int firstPart = records.size() * 2 / 5;
        send(bootstrap, records.subList(0, firstPart), 0);

        // B: a child JVM, killed with SIGKILL at random points, restarted on the same state each time
        Properties config = new Properties(); // the defaults: application.id entroflow-<monitor>
        Random random = new Random(Long.parseLong(run));
        try (ChildMonitor b = new ChildMonitor("b", specB, bootstrap, config, dir)) {
            b.start();
            Thread rest = new Thread(() -> send(bootstrap, records.subList(firstPart, records.size()), 40_000), "rest");
            rest.start();
            for (int kill = 0; kill < KILLS; kill++) {
                b.awaitRunning(Duration.ofSeconds(90));
                b.awaitProcessing(Duration.ofSeconds(90)); // past start-up and restore: mid-stream
                long delay = random.nextInt(2_500);
                Thread.sleep(delay);
                System.out.println("crash test: kill -9 number " + (kill + 1) + ", " + delay + " ms into processing; " + b.lastStatus());
                b.kill();
                b.start();
            }
            rest.join(180_000);
            assertThat(rest.isAlive()).isFalse();

            // A: uninterrupted, in this JVM, on the complete input
            MonitorOutputs a;
            try (MonitorRuntime monitor = new MonitorRuntime(planA, MonitorRuntime.config(planA, bootstrap,
                    dir.resolve("a-state"), true, "a-" + run, null))) {
                monitor.start();
                awaitEventsIn(monitor, records.size(), Duration.ofSeconds(150));
                assertThat(monitor.counters().eventsProcessed() + monitor.counters().eventsDeadLettered())
                        .isEqualTo(records.size());
                assertThat(monitor.counters().eventsDeadLettered()).isEqualTo(6);
                a = MonitorOutputs.read("ca" + run + "-aggregates", "ca" + run + "-alert-events", "ca" + run + "-dead-letter",
                        1, 1, 6, Duration.ofSeconds(90));
            }
            MonitorOutputs bOut = MonitorOutputs.read("cb" + run + "-aggregates", "cb" + run + "-alert-events",
                    "cb" + run + "-dead-letter", a.aggregateCount(), a.alertCount(), a.deadLetters().size(), Duration.ofSeconds(150))
                    .renamed("cb" + run, "ca" + run);
            a = a.renamed("ca" + run, "ca" + run);

            assertThat(a.aggregates().keySet()).hasSize(4 * 5); // 4 keys × 5 operators
            assertThat(a.aggregateCount()).isGreaterThan(500);
            assertThat(a.alertCount()).isGreaterThanOrEqualTo(2);
            assertThat(a.deadLetters()).hasSize(6);
            assertThat(bOut.alerts()).isEqualTo(a.alerts());
            assertThat(bOut.aggregates()).isEqualTo(a.aggregates());
            assertThat(bOut.deadLetters()).isEqualTo(a.deadLetters());
            assertThat(b.currentLog()).contains("running on");
            // a restart after a kill finds any store the kill left open before Kafka Streams does (one line,
            // no corrupted-task stack traces); whether there is one depends on whether RocksDB flushed it
            for (int start = 2; start <= b.starts(); start++) {
                assertThat(b.log(start)).doesNotContain("TaskCorruptedException");
            }
            // a graceful stop closes every store: the next start keeps the local state
            b.close();
            b.start();
            b.awaitRunning(Duration.ofSeconds(90));
            b.awaitStatus("RUNNING", Duration.ofSeconds(90));
            assertThat(b.currentLog()).doesNotContain("was not closed cleanly").doesNotContain("TaskCorruptedException");
        }
    }

    /**
     * Waits until {@code events} input records have been parsed and have passed the signals stage
     * (processed or dead-lettered: behind the re-key topic that stage lags the parse), so every
     * operator has seen them.
     */
    static void awaitEventsIn(MonitorRuntime monitor, long events, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var c = monitor.counters();
        while (c.eventsProcessed() + c.eventsDeadLettered() < events && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(c.eventsIn()).as("events in, state " + monitor.state()).isEqualTo(events);
        assertThat(c.eventsProcessed() + c.eventsDeadLettered()).as("processed + dead-lettered, state " + monitor.state())
                .isEqualTo(events);
    }

    static MonitorPlan plan(Path spec) {
        return new MonitorPlanner(OperatorRegistry.standard()).plan(spec.toString(), MonitorSpecLoader.load(spec));
    }

    /** Sends {@code records} in order, spread evenly over {@code spreadMillis}, and waits for every acknowledgement. */
    static void send(String bootstrap, List<ProducerRecord<String, String>> records, long spreadMillis) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000); // a starved broker must not make a test drop input
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            long start = System.currentTimeMillis();
            for (int i = 0; i < records.size(); i++) {
                acks.add(producer.send(records.get(i)));
                long due = start + spreadMillis * i / records.size();
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            producer.flush();
            for (var ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not send the test input", e);
        }
    }
}
