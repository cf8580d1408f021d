package io.entroflow.app.reprocess;

import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A reprocessing of a monitor spec from event-log time T: the same monitor (name, processors,
 * rules, so the same alert fingerprints) under the application id
 * {@code entroflow-<monitor>-<suffix>}, writing to the spec's output topics (and reading requests
 * from its requests topic) with {@code -<suffix>} appended, and starting at the offsets Kafka's
 * {@code offsetsForTimes} gives for T (the first record with a timestamp &ge; T; the end of a
 * partition without one). The default suffix is {@code reprocess-<T as yyyyMMddTHHmmssZ>}. The live
 * monitor's application id, state, re-key topic and outputs are not touched: every name differs. With
 * a {@code routing} section the router reads the live subscriptions and silences topics (reading
 * changes nothing) and writes its notifications and its input topic with the suffix; nothing is
 * delivered to webhooks or Alertmanagers ({@code ReprocessCommand}), and a {@code {topic: T}}
 * subscription's payloads go to {@code T} + suffix.
 */
public final class Reprocessing {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final MonitorPlan plan;
    private final TopologyNames names;
    private final long fromMillis;
    private final String suffix;

    private Reprocessing(MonitorPlan plan, TopologyNames names, long fromMillis, String suffix) {
        this.plan = plan;
        this.names = names;
        this.fromMillis = fromMillis;
        this.suffix = suffix;
    }

    /** The suffix of its application id and topics. */
    public String suffix() {
        return suffix;
    }

    /** The default suffix for T: {@code reprocess-yyyyMMddTHHmmssZ}. */
    public static String defaultSuffix(long fromMillis) {
        return "reprocess-" + STAMP.format(Instant.ofEpochMilli(fromMillis));
    }

    /**
     * The reprocessing of {@code live} from {@code fromMillis} under {@code suffix}.
     *
     * @throws IllegalArgumentException a suffix that is empty or not a valid topic-name part
     */
    public static Reprocessing of(MonitorPlan live, long fromMillis, String suffix) {
        if (suffix.isEmpty() || !suffix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("--suffix: expected letters, digits, '.', '_' or '-', got '" + suffix + "'");
        }
        MonitorSpec s = live.spec();
        MonitorSpec.Outputs o = s.outputs();
        MonitorSpec.Aggregates a = s.aggregates();
        String x = "-" + suffix;
        MonitorSpec spec = new MonitorSpec(s.monitor(), s.input(), s.signals(), s.operators(),
                a.withRequests(a.requests() + x), s.rules(),
                new MonitorSpec.Outputs(o.aggregates() + x, o.alertEvents() + x, o.alertState() + x, o.deadLetter() + x),
                s.routing() == null ? null : new MonitorSpec.Routing(s.routing().subscriptions(), s.routing().silences(),
                        s.routing().notifications() + x, s.routing().externalUrl(), s.routing().maxSkew(),
                        s.routing().inhibit()));
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan(s.monitor(), spec);
        if (plan.routing() != null) { // the notifications topic is suffixed in the spec, the router's own topics here
            plan = new MonitorPlan(plan.spec(), plan.signals(), plan.operators(), plan.rules(), plan.latenessMillis(),
                    plan.intervalMillis(), plan.expireAfterMillis(), plan.routing().withOutputSuffix(x));
        }
        return new Reprocessing(plan, new TopologyNames(s.monitor(), TopologyNames.defaultApplicationId(s.monitor()) + x),
                fromMillis, suffix);
    }

    /** The plan to run: the spec with the suffixed output and requests topics. */
    public MonitorPlan plan() {
        return plan;
    }

    /** Its application id and re-key topic. */
    public TopologyNames names() {
        return names;
    }

    /**
     * The topics written: aggregates, alert events, alert state, dead letters (and the re-key topic,
     * if any; with a routing section the notifications and the router's input topic).
     */
    public List<String> outputTopics() {
        var o = plan.spec().outputs();
        List<String> topics = new ArrayList<>(List.of(o.aggregates(), o.alertEvents(), o.alertState(), o.deadLetter()));
        if (plan.spec().input().key().fromField()) {
            topics.add(names.rekeyTopic());
        }
        if (plan.routing() != null) {
            topics.add(plan.routing().notificationsTopic());
            topics.add(plan.routing().inputTopic());
        }
        return List.copyOf(topics);
    }

    /**
     * The start offset of every partition of the input topics for T ({@code offsetsForTimes}; the
     * end offset where no record has a timestamp &ge; T), in topic and partition order.
     */
    public Map<TopicPartition, Long> startOffsets(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> topics = plan.spec().input().topics();
        Map<TopicPartition, OffsetSpec> byTime = new LinkedHashMap<>();
        var described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        for (String t : topics) {
            described.get(t).partitions().forEach(p -> byTime.put(new TopicPartition(t, p.partition()),
                    OffsetSpec.forTimestamp(fromMillis)));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(byTime).all()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> atEnd = new LinkedHashMap<>();
        Map<TopicPartition, Long> start = new TreeMap<>((a, b) -> a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
        found.forEach((tp, info) -> {
            if (info.offset() < 0) {
                atEnd.put(tp, OffsetSpec.latest());
            } else {
                start.put(tp, info.offset());
            }
        });
        if (!atEnd.isEmpty()) {
            admin.listOffsets(atEnd).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> start.put(tp, info.offset()));
        }
        return start;
    }

    /**
     * Commits {@link #startOffsets} for the application's consumer group (what
     * {@code kafka-streams-application-reset --to-datetime} does), unless the group has committed
     * offsets already (a reprocessing that is resumed goes on where it stopped). True when it set them.
     */
    public boolean commitStartOffsets(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(names.applicationId())
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        if (committed != null && committed.values().stream().anyMatch(o -> o != null)) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> start = new LinkedHashMap<>();
        startOffsets(admin).forEach((tp, offset) -> start.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(names.applicationId(), start).all().get(30, TimeUnit.SECONDS);
        return true;
    }
}
