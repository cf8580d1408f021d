package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.ParsedEvent;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Kafka Streams {@link Topology} of a {@link MonitorPlan} with the Processor API (see the
 * package description for the graph). Names come from {@link TopologyNames}; stores are persistent,
 * changelogged, with record caching on.
 */
public final class MonitorTopology {
    private MonitorTopology() {
    }

    /** The topology of {@code plan}; {@code counters} receives the live counts. */
    public static Topology build(MonitorPlan plan, MonitorCounters counters) {
        TopologyNames n = new TopologyNames(plan.monitor());
        Topology t = new Topology();
        boolean rekey = plan.spec().input().key().fromField();
        t.addSource(n.source(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                plan.spec().input().topics().toArray(new String[0]));
        EventParser parser = new EventParser(plan);
        String afterParse = rekey ? n.rekeySink() : n.signals();
        t.addProcessor(n.parse(), () -> new ParseProcessor(parser, counters, afterParse, n.deadLetterSink()), n.source());
        String signalsParent = n.parse();
        if (rekey) {
            JsonSerde<ParsedEvent> serde = JsonSerde.of(ParsedEvent.class);
            t.addSink(n.rekeySink(), n.rekeyTopic(), new StringSerializer(), serde.serializer(), n.parse());
            t.addSource(n.rekeySource(), new StringDeserializer(), serde.deserializer(), n.rekeyTopic());
            signalsParent = n.rekeySource();
        }
        List<String> operatorNodes = new ArrayList<>();
        List<String> rawNodes = new ArrayList<>();
        List<String> alignedNodes = new ArrayList<>();
        for (PlannedOperator op : plan.operators()) {
            operatorNodes.add(n.operator(op));
            (op.aligned() ? alignedNodes : rawNodes).add(n.operator(op));
        }
        t.addProcessor(n.signals(), () -> new SignalProcessor(plan, counters, n.signalsStore(), n.deadLetterSink(),
                rawNodes, alignedNodes), signalsParent);
        t.addStateStore(store(n.signalsStore()), n.signals());
        Map<String, String> nodeByOperator = new LinkedHashMap<>();
        for (PlannedOperator op : plan.operators()) {
            nodeByOperator.put(op.name(), n.operator(op));
        }
        t.addSource(n.requestsSource(), new StringDeserializer(), new ByteArrayDeserializer(),
                plan.spec().aggregates().requests());
        t.addProcessor(n.requests(), () -> new RequestProcessor(nodeByOperator, counters, n.deadLetterSink()),
                n.requestsSource());
        for (PlannedOperator op : plan.operators()) {
            t.addProcessor(n.operator(op), () -> new OperatorProcessor(plan.monitor(), op, n.operatorStore(op),
                    plan.intervalMillis(), plan.latenessMillis(), plan.expireAfterMillis()), n.signals(), n.requests());
            t.addStateStore(store(n.operatorStore(op)), n.operator(op));
        }
        List<String> deadLetterParents = new ArrayList<>(List.of(n.parse(), n.signals(), n.requests()));
        t.addSink(n.deadLetterSink(), plan.spec().outputs().deadLetter(), new ByteArraySerializer(),
                new ByteArraySerializer(), deadLetterParents.toArray(new String[0]));
        String[] ops = operatorNodes.toArray(new String[0]);
        t.addSink(n.aggregatesSink(), plan.spec().outputs().aggregates(), new StringSerializer(),
                JsonSerde.of(AggregateRecord.class).serializer(), ops);
        if (!plan.rules().isEmpty()) {
            t.addProcessor(n.rules(), () -> new RulesProcessor(plan.monitor(), plan.rules(), counters, n.alertsStore()), ops);
            t.addStateStore(store(n.alertsStore()), n.rules());
            JsonSerde<AlertRecord> alerts = JsonSerde.of(AlertRecord.class);
            t.addSink(n.alertEventsSink(), plan.spec().outputs().alertEvents(), new StringSerializer(),
                    alerts.serializer(), n.rules());
            t.addSink(n.alertStateSink(), plan.spec().outputs().alertState(), new StringSerializer(),
                    alerts.serializer(), n.rules());
        }
        return t;
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }
}
