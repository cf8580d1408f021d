package io.entroflow.app.metrics;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The group-less consumers that watch a monitor's output topics from inside the app (the
 * {@link OutputLatencyProbe}, the dashboard's output feed): their settings and their assignment.
 */
public final class OutputConsumers {
    private OutputConsumers() {
    }

    /**
     * Settings of a group-less {@code read_committed} consumer that commits nothing and starts at the
     * end: {@code clientConfig} without group ids, plus {@code clientId}.
     */
    public static Properties readCommitted(Properties clientConfig, String clientId) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return p;
    }

    /** Wakes {@code consumer} out of its poll and waits up to 5 s for {@code thread}, the one polling it, to end. */
    public static void stop(Consumer<?, ?> consumer, Thread thread) {
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Assigns {@code consumer} every partition of {@code topics} (waiting up to 30 s for their metadata) and returns them. */
    public static List<TopicPartition> assignAll(Consumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(partitions);
        return partitions;
    }
}
