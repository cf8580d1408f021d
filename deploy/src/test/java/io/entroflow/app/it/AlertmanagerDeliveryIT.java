package io.entroflow.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.app.deliver.DeliveryMetrics;
import io.entroflow.app.deliver.DeliverySettings;
import io.entroflow.app.deliver.DeliveryWorker;
import io.entroflow.app.deliver.RetryPolicy;
import io.entroflow.app.deliver.TestNotifications;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Subscription;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery worker posts notifications of an {@code {alertmanager: URL}} subscription to a real
 * Alertmanager (Debian's {@code prometheus-alertmanager}, started here on 127.0.0.1), whose
 * {@code GET /api/v2/alerts} then lists the firing alerts with their labels, annotations and start
 * times, once each although one was posted twice, and not the alert a later notification resolved.
 */
@IntegrationTest
class AlertmanagerDeliveryIT {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldPostTheAlertsToARealAlertmanager() throws Exception {
        String p = "am-" + UUID.randomUUID().toString().substring(0, 8);
        String notifications = p + "-notifications";
        String deadLetter = p + "-dead-letter";
        try (Admin admin = Admin.create(SharedBroker.get().clientConfig())) {
            admin.createTopics(List.of(new NewTopic(notifications, 1, (short) 1), new NewTopic(deadLetter, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString();
        String ended = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10).toString();
        try (AlertmanagerProcess am = AlertmanagerProcess.start();
             KafkaProducer<String, String> producer = new KafkaProducer<>(SharedBroker.get().clientConfig(),
                     new StringSerializer(), new StringSerializer())) {
            Subscription.Target to = Subscription.Target.alertmanager(am.url().toString());
            String firing = TestNotifications.json(TestNotifications.notification("team", to, "all", 1,
                    TestNotifications.firing("svc-a", started), TestNotifications.firing("svc-b", started),
                    TestNotifications.firing("svc-c", started)));
            String resolved = TestNotifications.json(TestNotifications.notification("team", to, "all", 2,
                    TestNotifications.firing("svc-a", started), TestNotifications.resolved("svc-c", started, ended)));
            producer.send(new ProducerRecord<>(notifications, "g", firing)).get();
            producer.send(new ProducerRecord<>(notifications, "g", resolved)).get();
            DeliverySettings settings = new DeliverySettings(SharedBroker.get().clientConfig(), notifications,
                    deadLetter, p + "-delivery", new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, 3),
                    Duration.ofSeconds(10));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (DeliveryWorker worker = new DeliveryWorker(settings, new DeliveryMetrics(registry),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
                Thread t = new Thread(worker, "alertmanager-it");
                t.setDaemon(true);
                t.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (worker.delivered() < 2) {
                    assertThat(System.nanoTime()).as("both notifications delivered; dead-lettered " + worker.deadLettered()
                            + "; alertmanager log:\n" + am.log()).isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
            JsonNode listed = JsonSerde.MAPPER.readTree(am.alerts());
            List<String> keys = new ArrayList<>();
            listed.forEach(a -> keys.add(a.path("labels").path("key").asText()));
            assertThat(keys).as(listed.toString()).containsExactlyInAnyOrder("svc-a", "svc-b");
            for (JsonNode a : listed) {
                assertThat(a.path("labels").path("alertname").asText()).isEqualTo("entropy-low");
                assertThat(a.path("labels").path("monitor").asText()).isEqualTo("payments");
                assertThat(a.path("annotations").path("summary").asText()).isEqualTo("entropy of "
                        + a.path("labels").path("key").asText() + " below 0.5");
                assertThat(Instant.parse(a.path("startsAt").asText())).isEqualTo(Instant.parse(started));
                assertThat(a.path("status").path("state").asText()).isEqualTo("active");
                assertThat(a.path("generatorURL").asText()).isEqualTo(TestNotifications.EXTERNAL_URL);
                assertThat(a.path("receivers").findValuesAsText("name")).containsExactly("nowhere");
            }
            assertThat(registry.get("entroflow.delivery.sent").tag("kind", "alertmanager").counter().count()).isEqualTo(2);
        }
    }
}
