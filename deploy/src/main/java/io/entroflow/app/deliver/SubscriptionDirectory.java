package io.entroflow.app.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.schemas.wire.JsonSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current destination of every subscription, read from the compacted subscriptions topic (all
 * partitions, from the start, committed records only): a record sets its subscription's destination,
 * a tombstone removes it. {@link #catchUp} reads up to the topic's end as of the call. Not
 * thread-safe: owned by the delivery worker's thread.
 */
final class SubscriptionDirectory implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final PrintStream log;
    private final Map<String, Destination> destinations = new HashMap<>();
    private List<TopicPartition> partitions = List.of();

    SubscriptionDirectory(KafkaConsumer<String, byte[]> consumer, String topic, PrintStream log) {
        this.consumer = consumer;
        this.topic = topic;
        this.log = log;
    }

    /** The destination of subscription {@code id} as of the last {@link #catchUp}. */
    Optional<Destination> destination(String id) {
        return Optional.ofNullable(destinations.get(id));
    }

    /** Reads every record written before this call (at most {@code timeout}); false when the end was not reached in time. */
    boolean catchUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (partitions.isEmpty()) {
            partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return false;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        while (!reached(end)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofNanos(Math.min(left, 200_000_000L)))) {
                apply(r);
            }
        }
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            if (r.key() != null) {
                destinations.remove(r.key());
            }
            return;
        }
        try {
            JsonNode s = JsonSerde.MAPPER.readTree(r.value());
            String id = s.path("id").asText(r.key() == null ? "" : r.key());
            destinations.put(id, destination(s.path("to")));
        } catch (IOException | IllegalArgumentException e) {
            log.println("entroflow deliver: ignoring subscription record at " + r.topic() + "/" + r.partition() + "@"
                    + r.offset() + ": " + e.getMessage());
        }
    }

    /** {@code {"topic": T}}, {@code {"webhook": URL}} or {@code {"alertmanager": URL}}. */
    static Destination destination(JsonNode to) {
        if (to.hasNonNull("webhook")) {
            return new Destination.Webhook(HttpEndpointUrl.parse("to.webhook", to.get("webhook").asText()));
        }
        if (to.hasNonNull("alertmanager")) {
            return new Destination.Alertmanager(HttpEndpointUrl.parse("to.alertmanager", to.get("alertmanager").asText()));
        }
        if (to.hasNonNull("topic")) {
            return new Destination.Topic(to.get("topic").asText());
        }
        throw new IllegalArgumentException("to: expected one of topic, webhook, alertmanager, got " + to);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
