package io.entroflow.topology.route;

import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.schemas.wire.WebhookMessage;
import io.entroflow.topology.alert.Fingerprints;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The router alone in a {@link TopologyTestDriver}: alerts and heartbeats piped into its input topic. */
final class RouterDriver implements AutoCloseable {
    static final String DEAD_LETTER = "m-dead-letter";
    final RoutingPlan plan;
    final TopologyTestDriver driver;

    RouterDriver(List<Inhibition> inhibitions) {
        this(new RoutingPlan("m", "subs", "silences", "notes", "http://am.example", 60_000, 1_000, inhibitions));
    }

    RouterDriver(RoutingPlan plan) {
        this.plan = plan;
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "m-route-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("entroflow-route").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(RoutingTopology.routerOnly(plan, DEAD_LETTER), p);
    }

    /** An entroflow alert of {@code rule} for {@code key} (labels as AlertEvaluator sets them). */
    static AlertRecord alert(String rule, String key, String severity, String status, long startsAt, long endsAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule);
        labels.put("monitor", "m");
        labels.put("rule", rule);
        labels.put("key", key);
        labels.put("severity", severity);
        labels.put("operator", "h");
        return new AlertRecord(labels, Map.of("summary", rule + " for " + key), status, Instant.ofEpochMilli(startsAt).toString(),
                endsAt < 0 ? AlertRecord.ZERO_TIME : Instant.ofEpochMilli(endsAt).toString(), Fingerprints.of(labels),
                new AlertRecord.AlertProvenance("h", 1, startsAt, 0, startsAt, null, null));
    }

    static AlertRecord firing(String rule, String key, long t) {
        return alert(rule, key, "warning", AlertRecord.FIRING, t, -1);
    }

    static AlertRecord resolved(String rule, String key, long started, long t) {
        return alert(rule, key, "warning", AlertRecord.RESOLVED, started, t);
    }

    /** Partition 0 sends {@code a} at time t (its stream time t). */
    void send(AlertRecord a, long t) {
        input(0, t, a, t);
    }

    /** Partition 0's stream time reaches t. */
    void heartbeat(long t) {
        input(0, t, null, t);
    }

    void input(int partition, long streamTime, AlertRecord a, long t) {
        driver.createInputTopic(plan.inputTopic(), new StringSerializer(), JsonSerde.of(RouteInput.class).serializer())
                .pipeInput(new TestRecord<>(Integer.toString(partition), new RouteInput(partition, streamTime, a),
                        Instant.ofEpochMilli(t)));
    }

    void subscribe(Subscription s, long t) {
        raw(plan.subscriptionsTopic(), s.id(), JsonSerde.of(Subscription.class).serializer().serialize("", s), t);
    }

    void unsubscribe(String id, long t) {
        raw(plan.subscriptionsTopic(), id, null, t);
    }

    void silence(Silence s, long t) {
        raw(plan.silencesTopic(), s.id(), JsonSerde.of(Silence.class).serializer().serialize("", s), t);
    }

    void raw(String topic, String key, byte[] value, long t) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value,
                        Instant.ofEpochMilli(t)));
    }

    List<Notification> notifications() {
        return driver.createOutputTopic(plan.notificationsTopic(), new StringDeserializer(),
                JsonSerde.of(Notification.class).deserializer()).readValuesToList();
    }

    List<WebhookMessage> topic(String name) {
        return driver.createOutputTopic(name, new StringDeserializer(), JsonSerde.of(WebhookMessage.class).deserializer())
                .readValuesToList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    /** The router's stores' contents: store name &rarr; key &rarr; JSON. */
    Map<String, Map<String, String>> state() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        for (String name : driver.getAllStateStores().keySet()) {
            Map<String, String> entries = new TreeMap<>();
            try (var it = driver.<String, byte[]>getKeyValueStore(name).all()) {
                it.forEachRemaining(e -> entries.put(e.key, new String(e.value, StandardCharsets.UTF_8)));
            }
            all.put(name, entries);
        }
        return all;
    }

    /** A restart from the changelog: a new driver whose stores hold exactly this one's (see MonitorDriver.restarted). */
    RouterDriver restarted() {
        Map<String, List<KeyValue<String, byte[]>>> contents = new TreeMap<>();
        for (String name : driver.getAllStateStores().keySet()) {
            List<KeyValue<String, byte[]>> entries = new ArrayList<>();
            try (var it = driver.<String, byte[]>getKeyValueStore(name).all()) {
                it.forEachRemaining(entries::add);
            }
            contents.put(name, entries);
        }
        close();
        RouterDriver next = new RouterDriver(plan);
        contents.forEach((name, entries) -> entries.forEach(e -> next.driver.<String, byte[]>getKeyValueStore(name)
                .put(e.key, e.value)));
        return next;
    }

    @Override
    public void close() {
        driver.close();
    }
}
