package io.entroflow.topology.route;

import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.WebhookMessage;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds alert routing to a monitor topology. Two parts:
 * <pre>
 * [operator nodes] (aggregates: event time) ─┐
 * [rules node] (alert transitions) ───────────┴► feed (per task; heartbeats) ─► &lt;monitor&gt;-route-input (1 partition)
 *
 * &lt;monitor&gt;-route-input ─┐
 * subscriptions topic ─────┼─► router (one task; stores: queue, subscriptions, silences, firing, groups, meta)
 * silences topic ──────────┘       ├─► notifications topic (the audit log: Notification)
 *                                  ├─► T of each {topic: T} subscription (the payload)
 *                                  └─► dead-letter topic (invalid subscriptions and silences)
 * </pre>
 * The router's three input topics have one partition each, so its sub-topology has one task that
 * holds every subscription, silence, firing alert and group: routing needs all of them together
 * (inhibition across keys, groups across partitions), and alert transitions are few.
 */
public final class RoutingTopology {
    private RoutingTopology() {
    }

    /** The feed node {@link #attach} adds: the node the rules stage forwards its alert transitions to. */
    public static String feedNode(RoutingPlan plan) {
        return new RouteNames(plan.monitor()).feed();
    }

    /**
     * Adds the feed and the router.
     *
     * @param parents the nodes forwarding the monitor's {@code AlertRecord}s (keyed by fingerprint, stamped
     *                with their event time) and its {@code AggregateRecord}s (stamped with their event time;
     *                their times are the heartbeats of the monitor's tasks)
     */
    public static void attach(Topology t, RoutingPlan plan, String deadLetterTopic, String... parents) {
        RouteNames n = new RouteNames(plan.monitor());
        t.addProcessor(n.feed(), () -> new RouteFeedProcessor(plan.heartbeatMillis()), parents);
        t.addSink(n.inputSink(), plan.inputTopic(), new StringSerializer(), JsonSerde.of(RouteInput.class).serializer(),
                n.feed());
        addRouter(t, plan, deadLetterTopic);
    }

    /** A topology of the router alone, reading the input topic directly (tests, backtests of routing alone). */
    public static Topology routerOnly(RoutingPlan plan, String deadLetterTopic) {
        Topology t = new Topology();
        addRouter(t, plan, deadLetterTopic);
        return t;
    }

    private static void addRouter(Topology t, RoutingPlan plan, String deadLetterTopic) {
        RouteNames n = new RouteNames(plan.monitor());
        t.addSource(n.inputSource(), new StringDeserializer(), JsonSerde.of(RouteInput.class).deserializer(),
                plan.inputTopic());
        t.addSource(n.subscriptionsSource(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                plan.subscriptionsTopic());
        t.addSource(n.silencesSource(), new ByteArrayDeserializer(), new ByteArrayDeserializer(), plan.silencesTopic());
        t.addProcessor(n.router(), () -> new RouterProcessor(plan), n.inputSource(), n.subscriptionsSource(),
                n.silencesSource());
        for (String s : RouterProcessor.STORES) {
            t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(n.store(s)), Serdes.String(),
                    Serdes.ByteArray()).withCachingEnabled(), n.router());
        }
        Serializer<Notification> notifications = JsonSerde.of(Notification.class).serializer();
        Serializer<WebhookMessage> payloads = JsonSerde.of(WebhookMessage.class).serializer();
        t.addSink(n.notificationsSink(), plan.notificationsTopic(), new StringSerializer(), notifications, n.router());
        TopicNameExtractor<String, Notification> toTopic = (key, value, context) -> plan.targetTopic(value.to().topic());
        t.addSink(n.topicSink(), toTopic, new StringSerializer(),
                (Serializer<Notification>) (topic, value) -> payloads.serialize(topic, value.payload()), n.router());
        t.addSink(n.deadLetterSink(), deadLetterTopic, new ByteArraySerializer(), new ByteArraySerializer(), n.router());
    }
}
