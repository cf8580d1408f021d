package io.entroflow.app.record;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The replay's target topic: its partition count, after creating it when it does not exist (with
 * the recording's partition count; replication factor 1 on the embedded broker, else the cluster's
 * default).
 */
public final class ReplayTopic {
    private ReplayTopic() {
    }

    /**
     * @return the topic's partition count
     * @throws IllegalStateException when the cluster does not answer or refuses to create the topic
     */
    public static int prepare(Admin admin, String topic, int sourcePartitions, boolean embedded, PrintWriter log) {
        try {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(topic);
                return d.partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("--to-topic: cannot describe '" + topic + "': " + e.getCause(), e);
                }
            }
            int partitions = Math.max(1, sourcePartitions);
            Optional<Short> replication = embedded ? Optional.of((short) 1) : Optional.empty();
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), replication))).all()
                        .get(30, TimeUnit.SECONDS);
                log.printf("entroflow replay: created topic '%s' with %d partition(s)%n", topic, partitions);
                return partitions; // describing it at once may still fail while the metadata spreads
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("--to-topic: topic '" + topic + "' does not exist and cannot be"
                            + " created: " + e.getCause().getMessage(), e);
                }
            }
            // created by someone else meanwhile
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("--to-topic: interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("--to-topic: cannot reach the cluster to check '" + topic + "': " + e, e);
        }
    }
}
