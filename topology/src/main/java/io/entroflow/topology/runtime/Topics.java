package io.entroflow.topology.runtime;

import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.route.RoutingPlan;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics a monitor writes (and, on the embedded broker, its input topics): aggregates,
 * alert events, dead letters, the compacted alert-state topic, the aggregate-requests topic and the
 * re-key topic (with as many partitions as the first input topic, so requests are co-partitioned
 * with the events, and {@link #REKEY_CONFIGS}); with routing, the compacted subscriptions and silences
 * topics and the router's input topic (one partition each: one task holds all routing state) and the
 * notifications topic. Existing topics are left alone, except that an existing re-key topic gets
 * {@link #REKEY_CONFIGS}; an existing routing input topic with more than one partition is an error.
 */
public final class Topics {
    /**
     * The re-key topic's configuration: Kafka Streams' own for the repartition topics it manages
     * (delete, never by time, 50 MiB segments so purged records go soon); {@link RekeyPurger} deletes
     * the records the monitor has committed.
     */
    public static final Map<String, String> REKEY_CONFIGS = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.SEGMENT_BYTES_CONFIG, "52428800");

    /** How long {@link #create} waits for the topics it created to take records ({@link #awaitReady}). */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** How long {@link #describe} waits for a topic the broker does not know yet, in milliseconds. */
    static final long NEW_TOPIC_GRACE_MS = 3_000;

    private Topics() {
    }

    /**
     * Creates the monitor's topics.
     *
     * @param createInputs also create the input topics (embedded broker, demo)
     * @param partitions   partitions of topics this call creates when the input's count is unknown
     */
    public static void create(Admin admin, MonitorPlan plan, boolean createInputs, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        create(admin, plan, createInputs, partitions, new TopologyNames(plan.monitor()));
    }

    /** {@link #create(Admin, MonitorPlan, boolean, int)} with the re-key topic of {@code names}' application. */
    public static void create(Admin admin, MonitorPlan plan, boolean createInputs, int partitions, TopologyNames names)
            throws InterruptedException, ExecutionException, TimeoutException {
        var out = plan.spec().outputs();
        List<NewTopic> topics = new ArrayList<>();
        if (createInputs) {
            for (String t : plan.spec().input().topics()) {
                topics.add(new NewTopic(t, Optional.of(partitions), Optional.empty()));
            }
        }
        int inputPartitions = partitions;
        if (!createInputs) {
            List<String> inputs = plan.spec().input().topics();
            var d = describe(admin, inputs);
            inputPartitions = d.get(inputs.get(0)).partitions().size();
            if (!plan.spec().input().key().fromField()) {
                for (String t : inputs) {
                    int count = d.get(t).partitions().size();
                    if (count != inputPartitions) {
                        throw new IllegalArgumentException("input.topics: " + t + " has " + count + " partitions, "
                                + inputs.get(0) + " has " + inputPartitions + "; topics keyed by the record key must be"
                                + " co-partitioned (same partition count and partitioner) so a key's events meet in one task");
                    }
                }
            }
        }
        topics.add(new NewTopic(plan.spec().aggregates().requests(), Optional.of(inputPartitions), Optional.empty()));
        topics.add(new NewTopic(out.aggregates(), Optional.of(inputPartitions), Optional.empty()));
        topics.add(new NewTopic(out.alertEvents(), Optional.of(inputPartitions), Optional.empty()));
        topics.add(new NewTopic(out.deadLetter(), Optional.of(inputPartitions), Optional.empty()));
        topics.add(new NewTopic(out.alertState(), Optional.of(inputPartitions), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        String rekey = plan.spec().input().key().fromField() ? names.rekeyTopic() : null;
        if (rekey != null) {
            topics.add(new NewTopic(rekey, Optional.of(inputPartitions), Optional.empty()).configs(REKEY_CONFIGS));
        }
        if (plan.routing() != null) {
            routingTopics(admin, plan.routing(), inputPartitions, topics);
        }
        List<String> created = new ArrayList<>();
        for (NewTopic t : topics) {
            try {
                admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                created.add(t.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                if (t.name().equals(rekey)) { // created by an older build with the broker's retention: set ours
                    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, rekey);
                    List<AlterConfigOp> ops = REKEY_CONFIGS.entrySet().stream().map(c -> new AlterConfigOp(
                            new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET)).toList();
                    admin.incrementalAlterConfigs(Map.of(r, ops)).all().get(30, TimeUnit.SECONDS);
                }
            }
        }
        awaitReady(admin, created, READY_TIMEOUT);
    }

    /**
     * Waits until {@code topics} can take records: every partition has a leader and answers a
     * list-offsets request, so its log exists on the leader. A created topic is in the controller's
     * metadata before its partitions exist on the broker, and a producer that sends in between can
     * stall on one partition: seen in CI under load, a test producer's batch for one partition of a
     * fresh topic expired after 300 s, and a monitor whose input and re-key topics had just been
     * created processed 64 of 400 events in 120 s. O(partitions) per attempt, one attempt per 100 ms.
     *
     * @throws TimeoutException when they are not ready within {@code timeout}
     */
    public static void awaitReady(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                boolean leaders = true;
                for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                    for (var p : d.partitions()) {
                        leaders &= p.leader() != null && !p.leader().isEmpty();
                        latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                if (leaders) {
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        TimeoutException e = new TimeoutException("topics " + topics + " not ready within " + timeout
                + ": a partition has no leader or does not answer a list-offsets request");
        e.initCause(last);
        throw e;
    }

    /** The routing topics; fails when one the router reads exists with more than one partition. */
    private static void routingTopics(Admin admin, RoutingPlan routing, int partitions, List<NewTopic> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<String> single = List.of(routing.subscriptionsTopic(), routing.silencesTopic(), routing.inputTopic());
        var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<String> present = single.stream().filter(existing::contains).toList();
        if (!present.isEmpty()) {
            var d = admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
            for (String t : present) {
                int count = d.get(t).partitions().size();
                if (count != 1) {
                    throw new IllegalArgumentException("routing: topic " + t + " has " + count + " partitions; the router"
                            + " reads subscriptions, silences and its input from one partition each (one task holds all"
                            + " routing state): recreate it with 1 partition");
                }
            }
        }
        topics.add(new NewTopic(routing.subscriptionsTopic(), Optional.of(1), Optional.empty()).configs(compact));
        topics.add(new NewTopic(routing.silencesTopic(), Optional.of(1), Optional.empty()).configs(compact));
        topics.add(new NewTopic(routing.inputTopic(), Optional.of(1), Optional.empty()));
        topics.add(new NewTopic(routing.notificationsTopic(), Optional.of(partitions), Optional.empty()));
    }

    /**
     * Describes {@code topics}, waiting up to {@link #NEW_TOPIC_GRACE_MS} for a topic the broker does not
     * know yet: a topic created a moment ago can be missing from the broker's metadata for a few
     * milliseconds. A topic still unknown after that fails as before ({@link UnknownTopicOrPartitionException}).
     */
    static Map<String, TopicDescription> describe(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NEW_TOPIC_GRACE_MS);
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
