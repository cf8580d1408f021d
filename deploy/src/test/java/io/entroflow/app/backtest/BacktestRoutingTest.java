package io.entroflow.app.backtest;

import io.entroflow.app.cli.CliRunner;
import io.entroflow.app.demo.DemoStream;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.route.RoutingPlan;
import io.entroflow.topology.stream.MonitorDriver;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backtest --subscriptions --silences}: the notifications of a backtest are those the live
 * monitor's router writes (Kafka Streams' TopologyTestDriver running {@code MonitorTopology.build})
 * for the same spec, subscriptions, silences and events: same ids, same payloads, same order.
 */
class BacktestRoutingTest {
    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;

    static String spec() throws Exception {
        return Files.readString(Path.of("examples/demo.yaml")) + "\nrouting:\n  external-url: http://entroflow.test\n";
    }

    static final String SUBSCRIPTIONS = """
            # every alert, grouped by rule; resolved ones too
            - id: all
              match: '{}'
              to: {topic: all-alerts}
              group_by: [rule]
              group_wait: 1s
              group_interval: 5s
              repeat_interval: 20s
            - id: warnings
              match: '{severity="warning"}'
              to: {webhook: 'http://127.0.0.1:9/hook'}
              group_by: ['...']
              group_wait: 0s
              group_interval: 2s
              repeat_interval: 1h
            """;

    /** Mutes xy-coupling for the whole run (a silence mutes delivery, never evaluation). */
    static final String SILENCES = """
            [{"id": "quiet-xy", "matchers": "{rule=\\"xy-coupling\\"}", "starts_at": "2025-12-31T00:00:00Z",
              "ends_at": "2026-01-02T00:00:00Z", "created_by": "test", "comment": "known"}]
            """;

    private static List<DemoStream.Event> demo() {
        DemoStream s = new DemoStream(7, T0, 60_000, 200);
        List<DemoStream.Event> events = new ArrayList<>();
        while (s.hasNext()) {
            events.add(s.next());
        }
        return events;
    }

    @Test
    void shouldWriteTheNotificationsTheLiveRouterWritesForTheSameInput() throws Exception {
        Path spec = Files.writeString(dir.resolve("demo-routed.yaml"), spec());
        Path subs = Files.writeString(dir.resolve("subs.yaml"), SUBSCRIPTIONS);
        Path silences = Files.writeString(dir.resolve("silences.json"), SILENCES);
        List<DemoStream.Event> events = demo();
        Path input = Files.write(dir.resolve("demo.jsonl"), events.stream().map(DemoStream.Event::json).toList());

        List<Notification> live = new ArrayList<>();
        List<AlertRecord> liveAlerts;
        try (MonitorDriver d = new MonitorDriver(spec(), OperatorRegistry.standard())) {
            RoutingPlan routing = d.plan.routing();
            var subTopic = d.driver.createInputTopic(routing.subscriptionsTopic(), new StringSerializer(),
                    JsonSerde.of(Subscription.class).serializer());
            for (Subscription s : RoutingFiles.readSubscriptions("--subscriptions", subs)) {
                subTopic.pipeInput(new TestRecord<>(s.id(), s, Instant.ofEpochMilli(0)));
            }
            var silenceTopic = d.driver.createInputTopic(routing.silencesTopic(), new StringSerializer(),
                    JsonSerde.of(Silence.class).serializer());
            for (Silence s : RoutingFiles.readSilences("--silences", silences)) {
                silenceTopic.pipeInput(new TestRecord<>(s.id(), s, Instant.ofEpochMilli(0)));
            }
            var notes = d.driver.createOutputTopic(routing.notificationsTopic(), new StringDeserializer(),
                    JsonSerde.of(Notification.class).deserializer());
            for (DemoStream.Event e : events) {
                d.send(e.key(), e.json(), e.time());
            }
            live.addAll(notes.readValuesToList());
            liveAlerts = d.alertEvents();
        }

        CliRunner.Result a = CliRunner.run("", "backtest", "--config", spec.toString(), "--input", input.toString(),
                "--subscriptions", subs.toString(), "--silences", silences.toString(), "--out", dir.resolve("a").toString());
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out()).contains(live.size() + " notifications");
        List<Notification> offline = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("a/notifications.jsonl"))) {
            offline.add(JsonSerde.MAPPER.readValue(line, Notification.class));
        }
        assertThat(offline).isEqualTo(live);
        assertThat(offline).extracting(Notification::id).doesNotHaveDuplicates();

        // the run is worth comparing: both subscriptions notified, the silence held
        assertThat(liveAlerts).extracting(x -> x.labels().get("rule")).contains("xy-coupling");
        assertThat(offline).extracting(Notification::subscription).contains("all", "warnings");
        assertThat(offline).flatExtracting(n -> n.payload().alerts()).extracting(x -> x.labels().get("rule"))
                .doesNotContain("xy-coupling").contains("kind-entropy-collapse", "latency-regime-switch");

        // deterministic, and the summary counts them per subscription
        CliRunner.Result b = CliRunner.run("", "backtest", "--config", spec.toString(), "--input", input.toString(),
                "--subscriptions", subs.toString(), "--silences", silences.toString(), "--out", dir.resolve("b").toString());
        assertThat(b.status()).as(b.err()).isZero();
        for (String f : List.of("notifications.jsonl", "alert-events.jsonl", "aggregates.jsonl", "summary.json")) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
        var summary = JsonSerde.MAPPER.readTree(dir.resolve("a/summary.json").toFile());
        assertThat(summary.path("subscriptions").asInt()).isEqualTo(2);
        assertThat(summary.path("silences").asInt()).isEqualTo(1);
        long all = offline.stream().filter(n -> n.subscription().equals("all")).count();
        assertThat(summary.path("notifications").path("all").path("notifications").asLong()).isEqualTo(all);
        assertThat(summary.path("notifications").path("warnings").path("notifications").asLong())
                .isEqualTo(offline.size() - all);
    }
}
