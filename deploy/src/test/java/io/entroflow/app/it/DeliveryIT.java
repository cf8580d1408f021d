package io.entroflow.app.it;

import io.entroflow.app.deliver.DeliveryMetrics;
import io.entroflow.app.deliver.DeliverySettings;
import io.entroflow.app.deliver.DeliveryWorker;
import io.entroflow.app.deliver.RetryPolicy;
import io.entroflow.app.deliver.ScriptedReceiver;
import io.entroflow.app.deliver.TestNotifications;
import io.entroflow.schemas.wire.DeadLetterHeaders;
import io.entroflow.schemas.wire.Subscription;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery worker on a real broker: notifications to a webhook that answers 500 twice per
 * notification are retried and delivered once each, with the same idempotency key on every attempt,
 * and a worker stopped half-way and started again (same consumer group) delivers the rest without
 * repeating what was delivered; notifications no receiver takes, with a URL that is not one, or that
 * are not notifications end in the dead-letter topic with their reason; notifications to a topic
 * subscription are left to the routing stage.
 */
@IntegrationTest
class DeliveryIT {
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(40), Duration.ofMillis(80), 0.5, 11);

    private record Topics(String notifications, String deadLetter, String group) {
        static Topics create() throws Exception {
            String p = "deliver-" + UUID.randomUUID().toString().substring(0, 8);
            Topics t = new Topics(p + "-notifications", p + "-dead-letter", p + "-delivery");
            try (Admin admin = Admin.create(SharedBroker.get().clientConfig())) {
                admin.createTopics(List.of(new NewTopic(t.notifications, 2, (short) 1),
                        new NewTopic(t.deadLetter, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            return t;
        }

        DeliverySettings settings() {
            return new DeliverySettings(SharedBroker.get().clientConfig(), notifications, deadLetter, group,
                    POLICY, Duration.ofSeconds(5));
        }
    }

    private static String notification(String subscription, Subscription.Target to, String group, long sequence) {
        return TestNotifications.json(TestNotifications.notification(subscription, to, group, sequence,
                TestNotifications.firing(group, "2026-01-01T00:00:00Z")));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRetryAndDeliverEachNotificationOnceAcrossARestart() throws Exception {
        Topics t = Topics.create();
        int count = 12;
        try (ScriptedReceiver hook = ScriptedReceiver.failingFirst(2);
             KafkaProducer<String, String> p = producer()) {
            Subscription.Target webhook = Subscription.Target.webhook(hook.url("/alerts").toString());
            for (int i = 0; i < count; i++) {
                String group = "k" + (i % 3);
                String value = i % 4 == 3 ? notification("audit", Subscription.Target.topic("audit-topic"), group, i + 1)
                        : notification("ops", webhook, group, i + 1);
                p.send(new ProducerRecord<>(t.notifications, group, value)).get();
            }
            int toWebhook = count - count / 4;
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            DeliveryWorker first = new DeliveryWorker(t.settings(), new DeliveryMetrics(registry), quietLog());
            Thread thread = start(first);
            await(() -> successes(hook) >= 3, "3 notifications delivered");
            first.close();
            thread.join(30_000);
            long firstDelivered = first.delivered();
            assertThat(firstDelivered).as("stopped half-way").isBetween(3L, (long) toWebhook - 1);

            DeliveryWorker second = new DeliveryWorker(t.settings(), new DeliveryMetrics(registry), quietLog());
            Thread thread2 = start(second);
            await(() -> successes(hook) >= toWebhook, toWebhook + " notifications delivered");
            Thread.sleep(500); // a duplicate would come now
            second.close();
            thread2.join(30_000);

            assertThat(successes(hook)).as("every notification delivered exactly once").isEqualTo(toWebhook);
            assertThat(firstDelivered + second.delivered()).isEqualTo(toWebhook);
            Map<String, List<ScriptedReceiver.Received>> byKey = hook.received().stream()
                    .collect(Collectors.groupingBy(ScriptedReceiver.Received::idempotencyKey));
            assertThat(byKey).hasSize(toWebhook);
            assertThat(byKey.values()).allSatisfy(attempts -> {
                assertThat(attempts).as("two 500s, then the 200").hasSize(3);
                assertThat(attempts.stream().map(ScriptedReceiver.Received::body).distinct()).hasSize(1);
            });
            assertThat(hook.received()).allSatisfy(r -> assertThat(r.body()).contains("\"receiver\":\"ops\"")
                    .startsWith("{\"version\":\"4\",\"groupKey\":"));
            assertThat(byKey.keySet()).allMatch(k -> k.matches("ops/k[0-2]/\\d+"));
            assertThat(registry.get("entroflow.delivery.sent").tag("receiver", "ops").counter().count()).isEqualTo(toWebhook);
            // a retry is an attempt after a failed one in the same worker: a notification the first worker was
            // retrying when it stopped starts afresh in the second, so its receiver-side retry is not counted there
            assertThat(registry.get("entroflow.delivery.retried").tag("receiver", "ops").counter().count())
                    .isBetween(2.0 * toWebhook - 1, 2.0 * toWebhook);
            assertThat(deadLetters(t, 0, Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldDeadLetterWhatNoReceiverTakes() throws Exception {
        Topics t = Topics.create();
        try (ScriptedReceiver down = ScriptedReceiver.start(n -> 503);
             ScriptedReceiver refusing = ScriptedReceiver.start(n -> 422);
             KafkaProducer<String, String> p = producer()) {
            String toDown = notification("down", Subscription.Target.webhook(down.url("/x").toString()), "a", 1);
            p.send(new ProducerRecord<>(t.notifications, 0, "a", toDown)).get();
            p.send(new ProducerRecord<>(t.notifications, 0, "b",
                    notification("strict", Subscription.Target.alertmanager(refusing.url("/am").toString()), "b", 1))).get();
            p.send(new ProducerRecord<>(t.notifications, 0, "c", notification("odd", Subscription.Target.webhook("ftp://c/"), "c", 1))).get();
            p.send(new ProducerRecord<>(t.notifications, 0, "d", "not a notification")).get();
            try (DeliveryWorker worker = new DeliveryWorker(t.settings(), new DeliveryMetrics(new SimpleMeterRegistry()),
                    quietLog())) {
                start(worker);
                List<ConsumerRecord<String, String>> dead = deadLetters(t, 4, Duration.ofSeconds(60));
                assertThat(dead).hasSize(4);
                Map<String, String> a = headers(dead.get(0));
                assertThat(dead.get(0).value()).isEqualTo(toDown);
                assertThat(a).containsEntry(DeadLetterHeaders.REASON, DeliveryWorker.DELIVERY_FAILED)
                        .containsEntry(DeadLetterHeaders.FIELD, "/to/webhook")
                        .containsEntry(DeadLetterHeaders.DELIVERY_STATUS, "503")
                        .containsEntry(DeadLetterHeaders.DELIVERY_ATTEMPTS, "3")
                        .containsEntry(DeadLetterHeaders.DELIVERY_URL, down.url("/x").toString())
                        .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, t.notifications)
                        .containsEntry(DeadLetterHeaders.SOURCE_PARTITION, "0")
                        .containsEntry(DeadLetterHeaders.SOURCE_OFFSET, "0");
                assertThat(a.get(DeadLetterHeaders.DETAIL)).startsWith("webhook " + down.url("/x") + ": HTTP 503");
                assertThat(a.get(DeadLetterHeaders.IDEMPOTENCY_KEY)).isEqualTo("down/a/1")
                        .isEqualTo(down.received().get(0).idempotencyKey());
                assertThat(down.received()).hasSize(3);

                Map<String, String> b = headers(dead.get(1));
                assertThat(b).containsEntry(DeadLetterHeaders.FIELD, "/to/alertmanager")
                        .containsEntry(DeadLetterHeaders.DELIVERY_STATUS, "422")
                        .containsEntry(DeadLetterHeaders.DELIVERY_ATTEMPTS, "1");
                assertThat(b.get(DeadLetterHeaders.DETAIL)).endsWith("(attempt 1 of 3; not retried)");
                assertThat(refusing.received()).hasSize(1).first()
                        .satisfies(r -> assertThat(r.path()).isEqualTo("/am/api/v2/alerts"));

                assertThat(headers(dead.get(2))).containsEntry(DeadLetterHeaders.REASON, DeliveryWorker.DELIVERY_FAILED)
                        .containsEntry(DeadLetterHeaders.FIELD, "/to/webhook");
                assertThat(headers(dead.get(2)).get(DeadLetterHeaders.DETAIL))
                        .isEqualTo("to.webhook: expected an absolute http(s) URL, got 'ftp://c/'");
                assertThat(headers(dead.get(3))).containsEntry(DeadLetterHeaders.REASON, DeliveryWorker.UNPARSABLE);
                assertThat(dead.get(3).value()).isEqualTo("not a notification");
            }
        }
    }

    private static long successes(ScriptedReceiver hook) {
        Map<String, Integer> perKey = new HashMap<>();
        for (ScriptedReceiver.Received r : hook.received()) {
            perKey.merge(r.idempotencyKey(), 1, Integer::sum);
        }
        return perKey.values().stream().filter(n -> n >= 3).count()
                + perKey.values().stream().filter(n -> n > 3).mapToLong(n -> n - 3).sum();
    }

    private static Thread start(DeliveryWorker worker) {
        Thread t = new Thread(worker, "delivery-it");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static PrintStream quietLog() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(SharedBroker.get().clientConfig(), new StringSerializer(), new StringSerializer());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static List<ConsumerRecord<String, String>> deadLetters(Topics t, int atLeast, Duration timeout) {
        Properties c = SharedBroker.get().clientConfig();
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(t.deadLetter, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && (atLeast == 0 || out.size() < atLeast)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> r) {
        Map<String, String> h = new HashMap<>();
        for (Header x : r.headers()) {
            h.put(x.key(), new String(x.value(), StandardCharsets.UTF_8));
        }
        return h;
    }

}
