package io.entroflow.app.it;

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
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The user's case of issue 17 on a real broker (whose {@code log.message.timestamp.after.max.ms}
 * refuses records stamped more than an hour ahead): good events, one event two days ahead, more good
 * events. The future one is dead-lettered {@code out_of_range}, every later event is processed, the
 * outputs are committed and Kafka Streams stays RUNNING with its thread (no replacement loop).
 */
@IntegrationTest
class FutureEventIT {
    private static final String SPEC = """
            monitor: future
            input: {topics: [future-events], time: {field: /ts}}
            signals:
              - {name: kind, kind: categorical, field: /kind, values: [a, b]}
            operators:
              - {name: h, type: entropy, signal: kind, window: {count: 100}}
            aggregates: {interval: 1s}
            """;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldDeadLetterAnEventTwoDaysAheadAndProcessEveryLaterEvent() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan("future",
                MonitorSpecLoader.parse("future", SPEC));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Topics.create(admin, plan, true, 1);
        }
        Properties config = MonitorRuntime.config(plan, bootstrap, Files.createTempDirectory("future-state"), true,
                "future-it", null);
        long now = System.currentTimeMillis();
        long base = now / 1000 * 1000 - 60_000;
        long twoDays = now + Duration.ofDays(2).toMillis();
        try (MonitorRuntime runtime = new MonitorRuntime(plan, config)) {
            runtime.start();
            runtime.awaitRunning(Duration.ofSeconds(60));
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 50; i++) {
                    send(p, base + 100L * i, i % 2 == 0 ? "a" : "b");
                }
                send(p, twoDays, "a");
                for (int i = 50; i < 100; i++) {
                    send(p, base + 100L * i, i % 2 == 0 ? "a" : "b");
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (runtime.counters().eventsProcessed() + runtime.counters().eventsDeadLettered() < 101
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(runtime.counters().eventsProcessed()).isEqualTo(100);
            assertThat(runtime.counters().deadLettersByReason()).isEqualTo(Map.of("out_of_range", 1L));
            List<Map.Entry<String, String>> dead = SharedBroker.readAtLeast("future-dead-letter", true, 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getValue()).contains(Long.toString(twoDays));
            // the last good event at base + 9900 closed the boundaries up to base + 9000: all committed
            List<AggregateRecord> aggregates = SharedBroker.readAtLeast("future-aggregates", true, 10, Duration.ofSeconds(30))
                    .stream().map(e -> read(e.getValue())).toList();
            assertThat(aggregates).extracting(AggregateRecord::time).contains(base + 9_000)
                    .allSatisfy(t -> assertThat(t).isLessThanOrEqualTo(base + 10_000));
            assertThat(aggregates.stream().filter(a -> a.time() == base + 9_000).findFirst().orElseThrow().value())
                    .isCloseTo(1.0, within(1e-12)); // a and b alternate: 1 bit
            assertThat(runtime.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(runtime.streams().metadataForLocalThreads()).hasSize(1);
            assertThat(runtime.shutdownReason()).isEmpty();
        }
    }

    private static void send(KafkaProducer<String, String> p, long ts, String kind) {
        p.send(new ProducerRecord<>("future-events", "k", "{\"ts\": " + ts + ", \"kind\": \"" + kind + "\"}"));
    }

    private static AggregateRecord read(String json) {
        try {
            return JsonSerde.MAPPER.readValue(json, AggregateRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
