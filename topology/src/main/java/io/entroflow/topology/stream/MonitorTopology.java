package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateJson;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedOperator;
import io.entroflow.topology.route.RoutingTopology;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the Kafka Streams {@link Topology} of a {@link MonitorPlan} with the Processor API (see the
 * package description for the graph), whole or as a prefix up to a {@link Stage}. Names come from
 * {@link TopologyNames}; stores are persistent and changelogged, behind the monitor's write-back cache ({@link WriteBackStore}). A prefix is
 * the full monitor's nodes, stores and topics up to its last stage, built by the same code, so it
 * measures or tests exactly what the monitor runs there.
 */
public final class MonitorTopology {
    /**
     * The stages of the monitor pipeline, in data-flow order, named like their nodes in
     * {@link TopologyNames}. A prefix up to a stage holds that stage and all before it, and the
     * dead-letter sink of the stages it holds.
     */
    public enum Stage {
        /**
         * Source &rarr; parse (JSON, key, event time, signal values), and when the key comes from a
         * field, the re-key sink, topic and source. Output: the parsed events keyed by event key (after
         * the re-key topic if there is one), counted into {@link MonitorCounters#stageOutputs} by the
         * terminal node {@link TopologyNames#stageEnd} and dropped.
         */
        PARSE,
        /**
         * + signals (lateness, categories, symbolisers, alignment; per-key store). Output: the signal
         * events the operators would get (raw and, if the spec aligns topics, aligned samples), counted
         * and dropped like {@link #PARSE}'s.
         */
        SIGNALS,
        /**
         * + the requests source and processor, one processor and store per operator. Output: the
         * aggregates topic.
         */
        OPERATORS,
        /**
         * + the rules processor and its store, if the spec has rules. Output: the alert topics, and the
         * aggregates topic through the rules processor (which adds the rules' detections). The full monitor.
         */
        RULES
    }

    private MonitorTopology() {
    }

    /** The monitor topology of {@code plan} (= {@link #build(MonitorPlan, MonitorCounters, Stage)} up to {@link Stage#RULES}); {@code counters} receives the live counts. */
    public static Topology build(MonitorPlan plan, MonitorCounters counters) {
        return build(plan, counters, Stage.RULES);
    }

    /**
     * The monitor topology of {@code plan} up to and including stage {@code upTo} (see {@link Stage}
     * for what each prefix holds and where its output goes); {@code counters} receives the live
     * counts. Up to {@link Stage#RULES} it is the full monitor; up to {@link Stage#OPERATORS} too when
     * the spec has no rules.
     */
    public static Topology build(MonitorPlan plan, MonitorCounters counters, Stage upTo) {
        return build(plan, counters, upTo, Clock.systemUTC());
    }

    /**
     * {@link #build(MonitorPlan, MonitorCounters, Stage)} with the wall clock {@code input.max-future}
     * is checked against and absence rules read (tests: a fixed or mutable clock; the only places the
     * topology reads the wall clock).
     */
    public static Topology build(MonitorPlan plan, MonitorCounters counters, Stage upTo, Clock clock) {
        return build(new Topology(), plan, counters, upTo, clock, new TopologyNames(plan.monitor()));
    }

    /**
     * The full monitor topology named by {@code names}: under another application id than the
     * monitor's own, with that application's re-key topic (see {@link TopologyNames#TopologyNames(String, String)}).
     */
    public static Topology build(MonitorPlan plan, MonitorCounters counters, TopologyNames names) {
        return build(new Topology(), plan, counters, Stage.RULES, Clock.systemUTC(), names);
    }

    /**
     * The processor graph of {@link #build(MonitorPlan, MonitorCounters, Stage, Clock)}: the same nodes,
     * processor suppliers, serdes and stores, for a runner without a broker (the backtest).
     */
    public static ProcessorGraph graph(MonitorPlan plan, MonitorCounters counters, Stage upTo, Clock clock) {
        GraphRecordingTopology t = new GraphRecordingTopology();
        build(t, plan, counters, upTo, clock, new TopologyNames(plan.monitor()));
        return t.graph();
    }

    private static Topology build(Topology t, MonitorPlan plan, MonitorCounters counters, Stage upTo, Clock clock,
                                  TopologyNames n) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(upTo, "upTo");
        boolean rekey = plan.spec().input().key().fromField();
        t.addSource(n.source(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                plan.spec().input().topics().toArray(new String[0]));
        EventParser parser = new EventParser(plan, clock);
        String afterParse = rekey ? n.rekeySink() : upTo == Stage.PARSE ? n.stageEnd(Stage.PARSE) : n.signals();
        long rekeyCommits = rekey ? plan.intervalMillis() : 0;
        t.addProcessor(n.parse(), () -> new ParseProcessor(parser, counters, afterParse, n.deadLetterSink(), rekeyCommits),
                n.source());
        String parsed = n.parse(); // the node that hands on the parsed events, keyed by event key
        if (rekey) {
            RekeyedEventSerde serde = new RekeyedEventSerde();
            t.addSink(n.rekeySink(), n.rekeyTopic(), new StringSerializer(), serde.serializer(), n.parse());
            t.addSource(n.rekeySource(), new StringDeserializer(), serde.deserializer(), n.rekeyTopic());
            parsed = n.rekeySource();
        }
        List<String> deadLetterParents = new ArrayList<>(List.of(n.parse()));
        if (upTo == Stage.PARSE) {
            return end(t, n, plan, counters, Stage.PARSE, parsed, deadLetterParents);
        }

        List<String> operatorNodes = new ArrayList<>();
        List<String> rawNodes = new ArrayList<>();
        List<String> alignedNodes = new ArrayList<>();
        for (PlannedOperator op : plan.operators()) {
            operatorNodes.add(n.operator(op));
            (op.aligned() ? alignedNodes : rawNodes).add(n.operator(op));
        }
        if (upTo == Stage.SIGNALS) { // the same signal work (alignment only if some operator is aligned), to the end node
            String end = n.stageEnd(Stage.SIGNALS);
            rawNodes = List.of(end);
            alignedNodes = alignedNodes.isEmpty() ? List.of() : List.of(end);
        }
        List<String> raw = rawNodes;
        List<String> aligned = alignedNodes;
        t.addProcessor(n.signals(), () -> new SignalProcessor(plan, counters, n.signalsStore(), n.deadLetterSink(),
                raw, aligned), parsed);
        t.addStateStore(store(n.signalsStore()), n.signals());
        deadLetterParents.add(n.signals());
        if (upTo == Stage.SIGNALS) {
            return end(t, n, plan, counters, Stage.SIGNALS, n.signals(), deadLetterParents);
        }

        Map<String, String> nodeByOperator = new LinkedHashMap<>();
        for (PlannedOperator op : plan.operators()) {
            nodeByOperator.put(op.name(), n.operator(op));
        }
        t.addSource(n.requestsSource(), new StringDeserializer(), new ByteArrayDeserializer(),
                plan.spec().aggregates().requests());
        t.addProcessor(n.requests(), () -> new RequestProcessor(nodeByOperator, counters, n.deadLetterSink()),
                n.requestsSource());
        String rulesNode = upTo == Stage.OPERATORS || plan.rules().isEmpty() ? null : n.rules();
        for (PlannedOperator op : plan.operators()) {
            counters.declareOperator(op.name());
            t.addProcessor(n.operator(op), () -> new OperatorProcessor(plan.monitor(), op, n.operatorStore(op),
                    plan.intervalMillis(), plan.latenessMillis(), plan.expireAfterMillis(),
                    plan.spec().aggregates().everyInterval(), plan.spec().aggregates().cacheKeys(),
                    EmissionPolicy.SLICE_KEYS, counters, rulesNode),
                    n.signals(),
                    n.requests());
            t.addStateStore(store(n.operatorStore(op)), n.operator(op));
        }
        deadLetterParents.add(n.requests());
        deadLetterSink(t, plan, n, deadLetterParents);
        String[] ops = operatorNodes.toArray(new String[0]);
        // the aggregate's record key: the input record key's bytes, whatever they are (StoreKeys.bytes)
        Serializer<String> eventKeys = (topic, key) -> key == null ? null : StoreKeys.bytes(key);
        if (upTo == Stage.OPERATORS || plan.rules().isEmpty()) {
            t.addSink(n.aggregatesSink(), plan.spec().outputs().aggregates(), eventKeys,
                    AggregateJson.serializer(), ops);
            return t;
        }

        List<String> alertEventChildren = plan.routing() == null ? List.of(n.alertEventsSink())
                : List.of(n.alertEventsSink(), RoutingTopology.feedNode(plan.routing()));
        // with rules, the aggregates go out through the rules stage, which adds what its rules computed (detections)
        t.addProcessor(n.rules(), () -> new RulesProcessor(plan.monitor(), plan.rules(), counters, n.alertsStore(),
                clock, n.aggregatesSink(), alertEventChildren, n.alertStateSink(), plan.intervalMillis(),
                timeWindowSpans(plan), plan.spec().aggregates().cacheKeys()), ops);
        t.addStateStore(store(n.alertsStore()), n.rules());
        t.addSink(n.aggregatesSink(), plan.spec().outputs().aggregates(), eventKeys,
                AggregateJson.serializer(), n.rules());
        JsonSerde<AlertRecord> alerts = JsonSerde.of(AlertRecord.class);
        t.addSink(n.alertEventsSink(), plan.spec().outputs().alertEvents(), new StringSerializer(),
                alerts.serializer(), n.rules());
        t.addSink(n.alertStateSink(), plan.spec().outputs().alertState(), new StringSerializer(),
                alerts.serializer(), n.rules());
        if (plan.routing() != null) {
            List<String> feeds = new ArrayList<>(operatorNodes);
            feeds.add(n.rules());
            RoutingTopology.attach(t, plan.routing(), plan.spec().outputs().deadLetter(), feeds.toArray(new String[0]));
        }
        return t;
    }

    /** Per operator with a time window, its span in ms (the rules' repeats of a quiet key's aggregate). */
    private static Map<String, Long> timeWindowSpans(MonitorPlan plan) {
        Map<String, Long> spans = new LinkedHashMap<>();
        for (PlannedOperator op : plan.operators()) {
            if (op.window() instanceof io.entroflow.operators.window.Window.Time t) {
                spans.put(op.name(), t.spanMillis());
            }
        }
        return spans;
    }

    /** Closes a prefix that stops inside the pipeline: {@code last}'s output to a {@link StageEnd}, and the dead-letter sink. */
    private static Topology end(Topology t, TopologyNames n, MonitorPlan plan, MonitorCounters counters, Stage stage,
                                String last, List<String> deadLetterParents) {
        t.addProcessor(n.stageEnd(stage), () -> new StageEnd(counters), last);
        deadLetterSink(t, plan, n, deadLetterParents);
        return t;
    }

    private static void deadLetterSink(Topology t, MonitorPlan plan, TopologyNames n, List<String> parents) {
        t.addSink(n.deadLetterSink(), plan.spec().outputs().deadLetter(), new ByteArraySerializer(),
                new ByteArraySerializer(), parents.toArray(new String[0]));
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return WriteBackStore.builder(name);
    }
}
