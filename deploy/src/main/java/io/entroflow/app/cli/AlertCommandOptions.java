package io.entroflow.app.cli;

import com.fasterxml.jackson.core.JacksonException;
import io.entroflow.app.alerts.CompactedTopic;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Silence;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.route.Mute;
import io.entroflow.topology.route.Route;
import io.entroflow.topology.route.RoutingRecords;
import io.entroflow.topology.plan.MonitorPlan;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What every alert-subscription command takes ({@code --config SPEC} and {@link KafkaOptions}), and
 * what they do with it: load the spec, read the current records of a compacted routing topic, write
 * one record. Each Kafka failure is one {@link CommandFailure#runtime} line.
 */
final class AlertCommandOptions {
    @Option(names = "--config", required = true, paramLabel = "SPEC", description = "Monitor spec (YAML) of the routing monitor.")
    Path config;

    @Mixin
    KafkaOptions kafka;

    private MonitorPlan plan;
    private Properties client;

    /** The spec, loaded and planned once. */
    MonitorPlan plan() {
        if (plan == null) {
            plan = RunCommand.loadPlan("--config", config);
        }
        return plan;
    }

    RoutingTopics topics() {
        return RoutingTopics.of("--config", plan());
    }

    /** The cluster's client settings (the cluster checked once). */
    Properties client() {
        if (client == null) {
            kafka.connectTimeout();
            try (KafkaTarget target = kafka.connect()) {
                client = target.clientConfig();
            }
        }
        return client;
    }

    /**
     * The current records of a compacted topic read as {@code type}; a record that does not read is
     * reported on {@code warn} with its key and left out. A missing topic has no records.
     */
    <T> Map<String, T> current(String topic, Class<T> type, BiConsumer<String, String> warn) {
        Map<String, byte[]> raw;
        try {
            raw = CompactedTopic.read(client(), topic, kafka.connectTimeout());
        } catch (TimeoutException e) {
            throw CommandFailure.runtime(e.getMessage(), e);
        }
        return raw == null ? new LinkedHashMap<>() : decode(raw, type, warn);
    }

    /**
     * {@code raw} values read as {@code type}; a value that does not read is reported on {@code warn}
     * with its key and left out. The reason is the parser's own message, without the location Jackson
     * appends (it names no source and the key already says which record).
     */
    static <T> Map<String, T> decode(Map<String, byte[]> raw, Class<T> type, BiConsumer<String, String> warn) {
        Map<String, T> out = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            try {
                out.put(key, JsonSerde.MAPPER.readValue(value, type));
            } catch (IOException e) {
                String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
                warn.accept(key, "not a " + type.getSimpleName() + " record: " + OneLineErrors.oneLine(String.valueOf(why)));
            }
        });
        return out;
    }

    /** The subscriptions the router takes, by id; each other record is reported on {@code warn}. */
    Map<String, Route> routes(BiConsumer<String, String> warn) {
        return accepted(current(topics().subscriptions(), Subscription.class, warn), Route::of, Subscription::id,
                "subscription", warn);
    }

    /** The silences the router takes, by id; each other record is reported on {@code warn}. */
    Map<String, Mute> mutes(BiConsumer<String, String> warn) {
        return accepted(current(topics().silences(), Silence.class, warn), Mute::of, Silence::id, "silence", warn);
    }

    /**
     * The records (by key) that the router takes, checked as it checks them: {@code check} validates
     * one, and its id must be its key. A record it refuses (and dead-letters) is reported on
     * {@code warn} ({@code "<what> <key>"}, {@code "ignored, as the router ignores it (it keeps the previous
     * version, if any): <why>"}) and left out.
     */
    static <T, R> Map<String, R> accepted(Map<String, T> records, Function<T, R> check, Function<T, String> id,
                                          String what, BiConsumer<String, String> warn) {
        Map<String, R> out = new LinkedHashMap<>();
        records.forEach((key, record) -> {
            try {
                RoutingRecords.sameId(key, id.apply(record));
                out.put(key, check.apply(record));
            } catch (IllegalArgumentException e) {
                warn.accept(what + " " + key, "ignored, as the router ignores it (it keeps the previous version, if any): "
                        + OneLineErrors.oneLine(e.getMessage()));
            }
        });
        return out;
    }

    /** Creates {@code topic} (one partition, the broker's default configuration) unless it exists. */
    void ensureTopic(String topic) {
        Duration timeout = kafka.connectTimeout();
        try {
            CompactedTopic.ensure(client(), topic, Map.of(), timeout);
        } catch (ExecutionException e) {
            throw CommandFailure.runtime("cannot create " + topic + ": " + OneLineErrors.oneLine(
                    String.valueOf(e.getCause().getMessage())), e);
        } catch (TimeoutException e) {
            throw CommandFailure.runtime("Kafka did not create " + topic + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.runtime("interrupted while creating " + topic, e);
        }
    }

    /** Writes one record (null value: a tombstone) to a compacted topic, created if missing; waits for the broker's ack. */
    void write(String topic, String key, Object value) {
        Duration timeout = kafka.connectTimeout();
        Properties p = new Properties();
        p.putAll(client());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        try {
            CompactedTopic.ensure(client(), topic, timeout);
            byte[] bytes = value == null ? null : JsonSerde.MAPPER.writeValueAsBytes(value);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, key, bytes)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw CommandFailure.runtime("cannot write to " + topic + ": " + OneLineErrors.oneLine(
                    String.valueOf(e.getCause().getMessage())), e);
        } catch (TimeoutException e) {
            throw CommandFailure.runtime("Kafka did not acknowledge the write to " + topic + " within " + timeout.toMillis()
                    + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.runtime("interrupted while writing to " + topic, e);
        } catch (IOException e) {
            throw new IllegalStateException("records always serialise", e);
        }
    }

    /**
     * An {@link IllegalArgumentException} of the data model ({@code field: ...}) as a usage error naming
     * the command-line option that set the field, e.g. {@code group_wait: ...} → {@code --group-wait: ...}.
     */
    static CommandFailure usage(IllegalArgumentException e, Map<String, String> optionByField) {
        String m = OneLineErrors.oneLine(e.getMessage());
        for (Map.Entry<String, String> f : optionByField.entrySet()) {
            if (m.startsWith(f.getKey() + ":")) {
                return CommandFailure.usage(f.getValue() + m.substring(f.getKey().length()), e);
            }
        }
        return CommandFailure.usage(m, e);
    }
}
