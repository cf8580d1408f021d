package io.entroflow.app.it;

import io.entroflow.app.cli.CliRunner;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 5: {@code reprocess --from-timestamp T} runs the spec as a new application from the
 * input offsets of T into suffixed topics; the live monitor's outputs are not touched.
 */
@IntegrationTest
class ReprocessIT {
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldReprocessFromATimestampIntoItsOwnTopicsWithoutTouchingTheLiveMonitor() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        String m = "rp" + System.nanoTime() % 1_000_000;
        String yaml = """
                monitor: %s
                input: {topics: [%s-events], key: {field: /key}, time: {field: /ts}}
                signals: [{name: kind, kind: categorical, field: /kind, values: [a, b, c, d]}]
                operators: [{name: h, type: entropy, signal: kind, window: {count: 1000}}]
                aggregates: {interval: 1s}
                outputs: {aggregates: %s-aggregates, alert-events: %s-alert-events, alert-state: %s-alert-state,
                          dead-letter: %s-dead-letter}
                """.formatted(m, m, m, m, m, m);
        Path spec = Files.createTempDirectory("reprocess-it").resolve("spec.yaml");
        Files.writeString(spec, yaml);
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan(m, MonitorSpecLoader.parse(m, yaml));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Topics.create(admin, plan, true, 2);
        }
        long t0 = System.currentTimeMillis() / 1000 * 1000 - 600_000;
        int events = 400; // 100 ms apart, 2 keys: 40 s of event time
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                long ts = t0 + 100L * i;
                p.send(new ProducerRecord<>(m + "-events", null, ts, null, "{\"key\":\"k" + (i % 2) + "\",\"ts\":" + ts
                        + ",\"kind\":\"" + "abcd".charAt(i % 4) + "\"}"));
            }
        }
        int liveAggregates;
        try (MonitorRuntime live = new MonitorRuntime(plan, MonitorRuntime.config(plan, bootstrap,
                Files.createTempDirectory("rp-live"), true, m + "-live", null))) {
            live.start();
            live.awaitRunning(Duration.ofSeconds(90));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (live.counters().eventsProcessed() < events && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(live.counters().eventsProcessed()).isEqualTo(events);
            liveAggregates = SharedBroker.readAll(m + "-aggregates", true, 70, Duration.ofSeconds(60)).size();
        }

        long from = t0 + 20_000; // the second half
        AtomicReference<CliRunner.Result> result = new AtomicReference<>();
        Thread reprocess = new Thread(() -> result.set(CliRunner.run("", "reprocess", "--config", spec.toString(),
                "--from-timestamp", Long.toString(from), "--suffix", "again", "--bootstrap-servers", bootstrap,
                "--data-dir", tmp("rp-data").toString(), "--status-every", "1s")), "reprocess");
        reprocess.start();
        List<AggregateRecord> again = SharedBroker.readAll(m + "-aggregates-again", true, 30, Duration.ofSeconds(120))
                .stream().map(e -> read(e.getValue())).toList();
        reprocess.interrupt(); // stops like SIGTERM
        reprocess.join(90_000);
        CliRunner.Result r = result.get();
        assertThat(r).isNotNull();
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("as application 'entroflow-" + m + "-again'")
                .contains(m + "-aggregates-again").contains(m + "-alert-events-again").contains("entroflow-" + m + "-again-rekey")
                .contains("start offsets")
                .contains("entroflow: stopping monitor '" + m).contains("entroflow: STOPPED | events in ");
        // only the events from T on: every aggregate after T, each key with at most its 100 events of the second half
        assertThat(again).isNotEmpty().allSatisfy(a -> {
            assertThat(a.time()).isGreaterThan(from);
            assertThat(a.eventsSeen()).isLessThanOrEqualTo(100);
        });
        assertThat(again).extracting(AggregateRecord::key).contains("k0", "k1");
        // the live monitor's outputs are untouched
        assertThat(SharedBroker.readAll(m + "-aggregates", true, liveAggregates, Duration.ofSeconds(10))).hasSize(liveAggregates);
    }

    private static Path tmp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AggregateRecord read(String json) {
        try {
            return JsonSerde.MAPPER.readValue(json, AggregateRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
