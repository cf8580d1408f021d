package io.entroflow.topology.stream;

import io.entroflow.topology.plan.MonitorPlan;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark-only prefixes of {@link MonitorTopology}, built from the same (package-private)
 * processors, so a broker benchmark can attribute the monitor's cost to its stages. Lives in the
 * bench module under the topology's package name; the product never sees it.
 */
public final class PartialMonitorTopologies {
    private PartialMonitorTopologies() {
    }

    /** source &rarr; parse &rarr; a terminal node counting the parsed events into {@code done}. */
    public static Topology parseOnly(MonitorPlan plan, MonitorCounters counters, AtomicLong done) {
        TopologyNames n = new TopologyNames(plan.monitor());
        Topology t = source(plan, n);
        EventParser parser = new EventParser(plan);
        t.addProcessor(n.parse(), () -> new ParseProcessor(parser, counters, "discard", n.deadLetterSink()), n.source());
        t.addProcessor("discard", () -> (Processor<Object, Object, Void, Void>) (Record<Object, Object> r) -> done.incrementAndGet(),
                n.parse());
        t.addSink(n.deadLetterSink(), plan.spec().outputs().deadLetter(), new ByteArraySerializer(),
                new ByteArraySerializer(), n.parse());
        return t;
    }

    /** source &rarr; parse &rarr; signals (with its store), no operators; progress in {@code counters}. */
    public static Topology parseAndSignals(MonitorPlan plan, MonitorCounters counters) {
        TopologyNames n = new TopologyNames(plan.monitor());
        Topology t = source(plan, n);
        EventParser parser = new EventParser(plan);
        t.addProcessor(n.parse(), () -> new ParseProcessor(parser, counters, n.signals(), n.deadLetterSink()), n.source());
        t.addProcessor(n.signals(), () -> new SignalProcessor(plan, counters, n.signalsStore(), n.deadLetterSink(),
                List.of(), List.of()), n.parse());
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(n.signalsStore()), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled(), n.signals());
        t.addSink(n.deadLetterSink(), plan.spec().outputs().deadLetter(), new ByteArraySerializer(),
                new ByteArraySerializer(), n.parse(), n.signals());
        return t;
    }

    private static Topology source(MonitorPlan plan, TopologyNames n) {
        Topology t = new Topology();
        t.addSource(n.source(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                plan.spec().input().topics().toArray(new String[0]));
        return t;
    }
}
