package io.entroflow.app.backtest;

import io.entroflow.app.cli.CliRunner;
import io.entroflow.app.demo.DemoStream;
import io.entroflow.app.record.RecordedRecord;
import io.entroflow.app.record.RecordingQueue;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.route.RoutingPlan;
import io.entroflow.topology.stream.MonitorDriver;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** The notifications of the live topology (TopologyTestDriver), the files' records piped at time 0 first. */
    static List<Notification> live(List<DemoStream.Event> events, Path subs, Path silences, List<AlertRecord> alerts)
            throws Exception {
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
            alerts.addAll(d.alertEvents());
            return notes.readValuesToList();
        }
    }

    static List<Notification> read(Path file) throws Exception {
        List<Notification> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JsonSerde.MAPPER.readValue(line, Notification.class));
        }
        return out;
    }

    @Test
    void shouldWriteTheNotificationsTheLiveRouterWritesForTheSameInput() throws Exception {
        Path spec = Files.writeString(dir.resolve("demo-routed.yaml"), spec());
        Path subs = Files.writeString(dir.resolve("subs.yaml"), SUBSCRIPTIONS);
        Path silences = Files.writeString(dir.resolve("silences.json"), SILENCES);
        List<DemoStream.Event> events = demo();
        Path input = Files.write(dir.resolve("demo.jsonl"), events.stream().map(DemoStream.Event::json).toList());

        List<AlertRecord> liveAlerts = new ArrayList<>();
        List<Notification> live = live(events, subs, silences, liveAlerts);

        CliRunner.Result a = CliRunner.run("", "backtest", "--config", spec.toString(), "--input", input.toString(),
                "--subscriptions", subs.toString(), "--silences", silences.toString(), "--out", dir.resolve("a").toString());
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out()).contains(live.size() + " notifications");
        List<Notification> offline = read(dir.resolve("a/notifications.jsonl"));
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

    @Test
    void shouldRouteARecordingOfTwoPartitionsThroughOneRouterAsLive() throws Exception {
        Path spec = Files.writeString(dir.resolve("demo-routed.yaml"), spec());
        Path subs = Files.writeString(dir.resolve("subs.yaml"), SUBSCRIPTIONS);
        Path silences = Files.writeString(dir.resolve("silences.json"), SILENCES);
        List<DemoStream.Event> events = demo();
        Path q = dir.resolve("queue");
        long[] offsets = new long[2];
        try (RecordingQueue queue = RecordingQueue.openForWriting(q)) {
            for (DemoStream.Event e : events) {
                byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
                int p = Utils.toPositive(Utils.murmur2(key)) % 2;
                queue.append(new RecordedRecord("demo-events", p, offsets[p]++, e.time(), TimestampType.CREATE_TIME,
                        List.of(), key, e.json().getBytes(StandardCharsets.UTF_8)));
            }
            queue.checkpoint(Map.of(new TopicPartition("demo-events", 0), offsets[0],
                    new TopicPartition("demo-events", 1), offsets[1]));
        }
        assertThat(offsets[0]).isPositive();
        assertThat(offsets[1]).isPositive();
        CliRunner.Result r = CliRunner.run("", "backtest", "--config", spec.toString(), "--queue", q.toString(),
                "--subscriptions", subs.toString(), "--silences", silences.toString(), "--out", dir.resolve("q").toString());
        assertThat(r.status()).as(r.err()).isZero();
        // one router task for both partitions (its input topic has one partition): the live notifications
        assertThat(read(dir.resolve("q/notifications.jsonl"))).isEqualTo(live(events, subs, silences, new ArrayList<>()));
    }

    private static void assertOneLineError(CliRunner.Result r, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    private CliRunner.Result backtest(Path spec, String option, String fileText) throws Exception {
        Path input = Files.write(dir.resolve("one.jsonl"), List.of("{\"key\": \"svc-a\", \"ts\": 1000, \"kind\": \"a\"}"));
        Path file = dir.resolve("routing-file");
        if (fileText != null) {
            Files.writeString(file, fileText);
        }
        return CliRunner.run("", "backtest", "--config", spec.toString(), "--input", input.toString(), option,
                file.toString(), "--out", dir.resolve("out").toString());
    }

    @Test
    void shouldRefuseBadSubscriptionAndSilenceFilesInOneLineNamingFileIndexAndField() throws Exception {
        Path spec = Files.writeString(dir.resolve("demo-routed.yaml"), spec());
        String f = "'" + dir.resolve("routing-file") + "'";
        assertOneLineError(backtest(spec, "--subscriptions", null), "--subscriptions: no such file " + f);
        assertOneLineError(backtest(spec, "--subscriptions", "a: [1, 2"), "--subscriptions: " + f + ": neither YAML nor JSON");
        assertOneLineError(backtest(spec, "--subscriptions", "{id: a}"), "--subscriptions: " + f
                + ": expected a list of subscription records, got a object");
        assertOneLineError(backtest(spec, "--subscriptions", """
                - {id: a, match: '{}', to: {topic: t}}
                - {id: b, match: '{rule=~}', to: {topic: t}}
                """), "--subscriptions: " + f + " [1] (id 'b'): match: ", "in '{rule=~}'");
        assertOneLineError(backtest(spec, "--subscriptions", "[{\"id\": \"a\", \"match\": \"{}\", \"to\": {\"topic\": \"t\"},"
                + " \"grop_by\": [\"rule\"]}]"), "--subscriptions: " + f + " [0]: ", "grop_by");
        assertOneLineError(backtest(spec, "--subscriptions", "- {id: a, match: '{}', to: {webhook: 'not a url'}}"),
                "[0] (id 'a'): to.webhook: expected an absolute http(s) URL, got 'not a url'");
        assertOneLineError(backtest(spec, "--subscriptions", """
                - {id: a, match: '{}', to: {topic: t}}
                - {id: a, match: '{}', to: {topic: u}}
                """), "[1] (id 'a'): id: 'a' appears twice in the file");
        assertOneLineError(backtest(spec, "--subscriptions", "- 3"), "[0]: expected an object, got number");
        assertOneLineError(backtest(spec, "--silences", """
                - {id: s, matchers: '{key="svc-a"}', starts_at: '2026-01-02T00:00:00Z', ends_at: '2026-01-01T00:00:00Z'}
                """), "--silences: " + f + " [0] (id 's'): ends_at: must be after starts_at 2026-01-02T00:00:00Z");
        assertOneLineError(backtest(spec, "--silences", "- {id: s, matchers: '{}', starts_at: '2026-01-01T00:00:00Z',"
                + " ends_at: '2026-01-02T00:00:00Z'}"), "[0] (id 's'): matchers: a silence needs at least one matcher");
        assertThat(dir.resolve("out/notifications.jsonl")).doesNotExist();

        // no routing section: a usage error naming the option
        assertOneLineError(backtest(Path.of("examples/demo.yaml"), "--silences", "[]"),
                "--silences: the spec of monitor 'demo' has no routing section");
        // an empty file is no subscriptions: the router runs, notifies nobody
        CliRunner.Result ok = backtest(spec, "--subscriptions", "");
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(dir.resolve("out/notifications.jsonl")).isEmptyFile();
    }
}
