package io.entroflow.app.alerts;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The current records of a compacted topic (subscriptions, silences, alert state): every partition
 * read from its start to its end as of the call (committed records only), the latest value per key,
 * keys whose latest record is a tombstone left out. Cost: one pass over what compaction has kept.
 */
public final class CompactedTopic {
    private CompactedTopic() {
    }

    /**
     * The latest value per key, in order of the keys' first appearance.
     *
     * @param client  Kafka client settings (bootstrap servers, security)
     * @param timeout how long the read may take
     * @return null when the topic does not exist
     * @throws TimeoutException when the end was not reached within {@code timeout}
     */
    public static Map<String, byte[]> read(Properties client, String topic, Duration timeout) throws TimeoutException {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            if (parts.isEmpty()) {
                return null;
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            Map<String, byte[]> latest = new LinkedHashMap<>();
            while (!caughtUp(c, end)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("reading " + topic + " did not reach its end within " + timeout.toMillis() + " ms");
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofNanos(Math.min(left, 200_000_000L)))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.remove(r.key());
                        latest.put(r.key(), r.value());
                    }
                }
            }
            return latest;
        }
    }

    /**
     * Creates {@code topic} compacted ({@code cleanup.policy=compact}, one partition) unless it exists,
     * so a record written before the monitor first ran is kept (a broker that auto-creates topics
     * would make it a topic that deletes by time).
     *
     * @throws ExecutionException the broker refused (the cause says why)
     */
    public static void ensure(Properties client, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        ensure(client, topic, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT), timeout);
    }

    /** Creates {@code topic} with one partition and {@code configs} unless it exists. */
    public static void ensure(Properties client, String topic, Map<String, String> configs, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(configs)))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** True when the consumer's position in every partition of {@code end} is at or past its offset there. */
    public static boolean caughtUp(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
