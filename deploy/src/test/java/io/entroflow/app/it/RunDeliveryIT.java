package io.entroflow.app.it;

import io.entroflow.app.cli.CliRunner;
import io.entroflow.app.deliver.ScriptedReceiver;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path on a real broker: {@code entroflow subscribe --webhook}, then {@code entroflow run}
 * of a routing monitor whose rule fires; the router's notification reaches the webhook through the
 * delivery worker that {@code run} starts (after one 500, with the notification's id as
 * {@code Idempotency-Key}), and is in the notifications topic.
 */
@IntegrationTest
class RunDeliveryIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldDeliverTheRoutersNotificationToAWebhook() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        Path spec = Files.writeString(dir.resolve("spec.yaml"), """
                monitor: run-deliver-it
                input: {topics: [run-deliver-it-events], key: {field: /k}, time: {field: /ts}}
                signals: [{name: v, kind: categorical, field: /v}]
                operators: [{name: ent, type: entropy, signal: v, window: {count: 10}}]
                aggregates: {interval: 1s}
                rules: [{name: entropy-low, operator: ent, threshold: {below: 0.5}}]
                routing: {}
                """);
        try (Admin admin = Admin.create(SharedBroker.get().clientConfig())) {
            admin.createTopics(List.of(new NewTopic("run-deliver-it-events", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (ScriptedReceiver hook = ScriptedReceiver.failingFirst(1)) {
            CliRunner.Result subscribed = CliRunner.run("", "subscribe", "--config", spec.toString(), "--bootstrap-servers",
                    bootstrap, "--id", "hook", "--match", "{rule=\"entropy-low\"}", "--webhook", hook.url("/alerts").toString(),
                    "--group-by", "key", "--group-wait", "0s", "--group-interval", "1s");
            assertThat(subscribed.status()).as(subscribed.err()).isZero();
            AtomicReference<CliRunner.Result> result = new AtomicReference<>();
            Thread run = new Thread(() -> result.set(CliRunner.run("", "run", "--config", spec.toString(),
                    "--bootstrap-servers", bootstrap, "--data-dir", dir.resolve("data").toString(), "--status-every", "1s",
                    "--http-port", "0", "--delivery-backoff", "50ms")), "entroflow-run");
            run.start();
            long start = System.currentTimeMillis();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(SharedBroker.get().clientConfig(),
                    new StringSerializer(), new StringSerializer())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                int i = 0;
                while (hook.received().size() < 2) {
                    assertThat(System.nanoTime()).as("the notification delivered; run says:\n"
                            + (result.get() == null ? "(running)" : result.get().err())).isLessThan(deadline);
                    for (int j = 0; j < 20; j++, i++) { // constant symbol: entropy 0 bits, below 0.5
                        long ts = start + 100L * i;
                        producer.send(new ProducerRecord<>("run-deliver-it-events", null, ts, "svc-a",
                                "{\"k\": \"svc-a\", \"ts\": " + ts + ", \"v\": \"x\"}"));
                    }
                    producer.flush();
                    Thread.sleep(500);
                }
            }
            run.interrupt();
            run.join(TimeUnit.SECONDS.toMillis(90));
            assertThat(run.isAlive()).isFalse();
            assertThat(result.get().status()).as(result.get().err()).isZero();

            List<ScriptedReceiver.Received> posts = hook.received();
            assertThat(posts.get(0).idempotencyKey()).startsWith("hook/").isEqualTo(posts.get(1).idempotencyKey());
            assertThat(posts.get(1).body()).startsWith("{\"version\":\"4\"").contains("\"receiver\":\"hook\"",
                    "\"status\":\"firing\"", "\"key\":\"svc-a\"", "\"alertname\":\"entropy-low\"");
            List<Map.Entry<String, String>> audit = SharedBroker.readAtLeast("run-deliver-it-notifications", true, 1,
                    Duration.ofSeconds(30));
            Notification first = JsonSerde.MAPPER.readValue(audit.get(0).getValue(), Notification.class);
            assertThat(first.id()).isEqualTo(posts.get(0).idempotencyKey());
            assertThat(JsonSerde.MAPPER.readTree(posts.get(1).body()))
                    .isEqualTo(JsonSerde.MAPPER.readTree(JsonSerde.MAPPER.writeValueAsBytes(first.payload())));
            assertThat(result.get().err()).contains("| delivered ");
            assertThat(result.get().err()).as("svc-a's alert still fires when run stops")
                    .containsPattern("entroflow: STOPPED \\|.*\\| alerts firing 1 \\| delivered [1-9]\\d*, dead-lettered 0\\R");
        }
    }
}
