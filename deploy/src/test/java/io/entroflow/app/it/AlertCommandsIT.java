package io.entroflow.app.it;

import io.entroflow.app.cli.CliRunner;
import io.entroflow.app.deliver.ScriptedReceiver;
import io.entroflow.app.deliver.TestNotifications;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Subscription;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert-subscription command against one embedded broker: subscribe, replace, list and
 * unsubscribe; silence, list, test a route against it, unsilence; routes test with an inhibiting
 * firing alert from the alert-state topic; alerts (the audit log as a table, filtered, followed);
 * deliver until stopped.
 */
@IntegrationTest
class AlertCommandsIT {
    private static final String MONITOR = "cli-alerts-it";
    @TempDir
    static Path dir;
    static String spec;

    @BeforeAll
    static void writeSpec() throws Exception {
        spec = Files.writeString(dir.resolve("spec.yaml"), """
                monitor: %s
                input: {topics: [cli-alerts-it-events], key: {field: /k}, time: {field: /ts}}
                signals: [{name: v, kind: categorical, field: /v}]
                operators: [{name: ent, type: entropy, signal: v, window: {count: 10}}]
                rules: [{name: entropy-low, operator: ent, threshold: {below: 0.5}}]
                routing:
                  inhibit:
                    - {source_matchers: ['alertname="stream-silent"'], target_matchers: ['alertname="entropy-low"'], equal: [key]}
                """.formatted(MONITOR)).toString();
    }

    private static CliRunner.Result run(String command, String... args) {
        String[] head = command.split(" ");
        String[] all = new String[head.length + args.length + 4];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(args, 0, all, head.length, args.length);
        all[all.length - 4] = "--config";
        all[all.length - 3] = spec;
        all[all.length - 2] = "--bootstrap-servers";
        all[all.length - 1] = SharedBroker.get().bootstrapServers();
        return CliRunner.run("", all);
    }

    private static CliRunner.Result ok(String command, String... args) {
        CliRunner.Result r = run(command, args);
        assertThat(r.status()).as(command + ": " + r.err()).isZero();
        return r;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldManageSubscriptions() throws Exception {
        ok("subscribe", "--id", "ops", "--match", "{alertname=~\"entropy.*\",key!=\"svc-d\"}", "--webhook", "http://hooks.test/ops",
                "--group-by", "key,rule", "--group-wait", "10s");
        ok("subscribe", "--id", "audit", "--match", "{}", "--to-topic", "audit-notifications", "--no-send-resolved");
        try (Admin admin = Admin.create(SharedBroker.get().clientConfig())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("the --to-topic topic is created")
                    .contains("audit-notifications");
        }
        CliRunner.Result team = ok("subscribe", "--id", "team", "--match", "severity=critical", "--alertmanager",
                "http://am.test:9093", "--repeat-interval", "1h");
        assertThat(team.out().strip()).isEqualTo("subscription team: {severity=\"critical\"} -> {alertmanager: http://am.test:9093}"
                + " (written to cli-alerts-it-subscriptions)");
        String[] table = ok("subscriptions").lines();
        assertThat(table[0]).startsWith("ID").contains("MATCH", "TO", "GROUP_BY", "WAIT", "INTERVAL", "REPEAT", "RESOLVED");
        assertThat(table).hasSize(4);
        assertThat(table[1]).startsWith("audit ").contains("{}", "{topic: audit-notifications}", "30s", "5m", "4h", "false");
        assertThat(table[2]).startsWith("ops ").contains("{alertname=~\"entropy.*\",key!=\"svc-d\"}", "key,rule", "10s", "true");
        assertThat(table[3]).startsWith("team ").contains("severity=critical", "1h");

        ok("subscribe", "--id", "team", "--match", "severity=critical", "--webhook", "http://hooks.test/team");
        assertThat(ok("subscriptions").lines()[3]).contains("{webhook: http://hooks.test/team}").doesNotContain("alertmanager");

        assertThat(ok("unsubscribe", "--id", "audit").out()).contains("subscription audit deleted");
        assertThat(ok("subscriptions").lines()).hasSize(3).noneMatch(l -> l.startsWith("audit"));
        CliRunner.Result missing = run("unsubscribe", "--id", "audit");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("entroflow unsubscribe: no subscription 'audit' in cli-alerts-it-subscriptions"
                + " (entroflow subscriptions lists them)");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldSilenceTestAndUnsilence() throws Exception {
        ok("subscribe", "--id", "pager", "--match", "{alertname=\"entropy-low\"}", "--webhook", "http://hooks.test/pager");
        String id = ok("silence", "--match", "{key=\"svc-q\"}", "--for", "2h", "--comment", "maintenance window",
                "--created-by", "ann").out().strip();
        assertThat(id).matches("[0-9a-f-]{36}");
        String[] silences = ok("silences").lines();
        assertThat(silences).anySatisfy(l -> assertThat(l).startsWith(id).contains("active", "{key=\"svc-q\"}", "ann",
                "maintenance window"));

        String[] test = ok("routes test", "--labels", "alertname=entropy-low,key=svc-q").lines();
        assertThat(test[0]).as("the labels of the spec's rule are added: the router sees them")
                .startsWith("alert {alertname=\"entropy-low\",key=\"svc-q\",monitor=\"" + MONITOR + "\",operator=\"ent\","
                        + "rule=\"entropy-low\",severity=\"warning\"} (fingerprint ");
        assertThat(test[1]).isEqualTo("labels monitor, operator, rule, severity as the monitor sets them for rule 'entropy-low'"
                + " (give them to test other values)");
        assertThat(test).anySatisfy(l -> assertThat(l).startsWith("pager ").contains(" yes "));
        assertThat(test).anySatisfy(l -> assertThat(l).startsWith("silenced by " + id + ": {key=\"svc-q\"}").contains("by ann (maintenance window)"));
        assertThat(test[test.length - 1]).isEqualTo("result: not notified: silenced");
        String later = Instant.now().plusSeconds(3 * 3600).toString();
        assertThat(last(ok("routes test", "--labels", "alertname=entropy-low,key=svc-q", "--at", later))).startsWith("result: notified to ").contains("pager");

        assertThat(ok("unsilence", "--id", id).out()).startsWith("silence " + id + " expired at ");
        assertThat(ok("silences").lines()).noneMatch(l -> l.startsWith(id));
        assertThat(ok("silences", "--expired").lines()).anySatisfy(l -> assertThat(l).startsWith(id).contains("expired"));
        assertThat(last(ok("routes test", "--labels", "alertname=entropy-low,key=svc-q")))
                .startsWith("result: notified to ");
        CliRunner.Result again = run("unsilence", "--id", id);
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("already expired");

        String pending = ok("silence", "--match", "{key=\"svc-r\"}", "--for", "1h", "--comment", "tonight", "--starts-at",
                Instant.now().plusSeconds(86_400).toString()).out().strip();
        assertThat(ok("silences").lines()).anySatisfy(l -> assertThat(l).startsWith(pending).contains("pending"));
        assertThat(ok("unsilence", "--id", pending).out()).contains("had not started; deleted");
        assertThat(ok("silences", "--expired").lines()).noneMatch(l -> l.startsWith(pending));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldShowInhibitionByAFiringAlert() throws Exception {
        ok("subscribe", "--id", "pager", "--match", "{alertname=\"entropy-low\"}", "--webhook", "http://hooks.test/pager");
        Map<String, String> silent = Map.of("alertname", "stream-silent", "rule", "stream-silent", "key", "svc-i");
        AlertRecord firing = new AlertRecord(silent, Map.of(), AlertRecord.FIRING, "2026-12-03T10:00:00Z", AlertRecord.ZERO_TIME,
                "0000000000000001", null);
        try (Admin admin = Admin.create(SharedBroker.get().clientConfig())) {
            admin.createTopics(List.of(new NewTopic(MONITOR + "-alert-state", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> p = producer()) {
            p.send(new ProducerRecord<>(MONITOR + "-alert-state", "stream-silent/svc-i", JsonSerde.MAPPER.writeValueAsString(firing))).get();
        }
        String[] test = ok("routes test", "--labels", "alertname=entropy-low,key=svc-i").lines();
        assertThat(test).anySatisfy(l -> assertThat(l).startsWith("inhibited by routing.inhibit[0] (source {alertname=\"stream-silent\"}"
                + ", target {alertname=\"entropy-low\"}, equal [key]): firing {alertname=\"stream-silent\",key=\"svc-i\""));
        assertThat(test[test.length - 1]).isEqualTo("result: not notified: inhibited");
        assertThat(last(ok("routes test", "--labels", "alertname=entropy-low,key=svc-j")))
                .startsWith("result: notified to ");
        assertThat(last(ok("routes test", "--labels", "alertname=other,key=svc-i")))
                .isEqualTo("result: not notified: no subscription selects it");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldShowAndFollowNotificationsAndDeliverThem() throws Exception {
        String notifications = MONITOR + "-notifications";
        try (Admin admin = Admin.create(SharedBroker.get().clientConfig())) {
            admin.createTopics(List.of(new NewTopic(notifications, 1, (short) 1), new NewTopic(MONITOR + "-dead-letter", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        try (ScriptedReceiver hook = ScriptedReceiver.failingFirst(1); KafkaProducer<String, String> p = producer()) {
            Subscription.Target webhook = Subscription.Target.webhook(hook.url("/hook").toString());
            p.send(new ProducerRecord<>(notifications, "a", TestNotifications.json(TestNotifications.notification("ops", webhook,
                    "svc-a", 1, TestNotifications.firing("svc-a", "2026-12-03T10:00:00Z"))))).get();
            p.send(new ProducerRecord<>(notifications, "b", TestNotifications.json(TestNotifications.notification("audit",
                    Subscription.Target.topic("audit"), "svc-b", 1, TestNotifications.firing("svc-b", "2026-12-03T10:00:00Z"),
                    TestNotifications.resolved("svc-c", "2026-12-03T09:00:00Z", "2026-12-03T10:00:00Z"))))).get();

            String[] table = ok("alerts").lines();
            assertThat(table).hasSize(3);
            assertThat(table[0]).startsWith("TIME").contains("SUBSCRIPTION", "STATUS", "REASON", "GROUP", "ALERTS");
            assertThat(table[1]).startsWith("1970-01-01T00:00:01Z").contains("ops", "firing", "first notification", "{key=svc-a}",
                    "firing entropy-low[svc-a]");
            assertThat(table[2]).contains("audit", "firing entropy-low[svc-b]; resolved entropy-low[svc-c]");
            assertThat(ok("alerts", "--subscription", "audit").lines()).hasSize(2);

            CompletableFuture<CliRunner.Result> follow = CompletableFuture.supplyAsync(
                    () -> run("alerts", "--follow", "--subscription", "ops", "--limit", "2"));
            Thread.sleep(2000);
            assertThat(follow).isNotDone();
            p.send(new ProducerRecord<>(notifications, "a", TestNotifications.json(TestNotifications.notification("ops", webhook,
                    "svc-a", 2, TestNotifications.resolved("svc-a", "2026-12-03T10:00:00Z", "2026-12-03T10:05:00Z"))))).get();
            CliRunner.Result followed = follow.get(60, TimeUnit.SECONDS);
            assertThat(followed.status()).isZero();
            assertThat(followed.lines()).hasSize(3);
            assertThat(followed.lines()[2]).contains("ops", "resolved entropy-low[svc-a]");

            CompletableFuture<CliRunner.Result> deliver = new CompletableFuture<>();
            Thread t = new Thread(() -> deliver.complete(run("deliver", "--delivery-backoff", "50ms")), "deliver-it");
            t.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (hook.received().stream().filter(r -> r.idempotencyKey().startsWith("ops/")).count() < 4) {
                assertThat(System.nanoTime()).as("two notifications, each after one 500").isLessThan(deadline);
                Thread.sleep(50);
            }
            t.interrupt();
            CliRunner.Result delivered = deliver.get(60, TimeUnit.SECONDS);
            assertThat(delivered.status()).as(delivered.err()).isZero();
            assertThat(delivered.err()).contains("delivered 2, dead-lettered 0");
            assertThat(hook.received()).extracting(ScriptedReceiver.Received::idempotencyKey)
                    .containsExactly("ops/svc-a/1", "ops/svc-a/1", "ops/svc-a/2", "ops/svc-a/2");
        }
    }

    private static String last(CliRunner.Result r) {
        String[] lines = r.lines();
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(SharedBroker.get().clientConfig(), new StringSerializer(), new StringSerializer());
    }
}
