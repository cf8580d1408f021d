package io.entroflow.topology.stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link Topology} that also records what is added to it through the methods
 * {@link MonitorTopology} uses (sources, processors, sinks of a topic or of a topic-name extractor, stores), for {@link #graph()}. Any other way of adding a node or store is
 * caught by {@link #graph()}, which compares the record with Kafka Streams' own
 * {@link Topology#describe() description}, so the graph never silently misses a node.
 */
final class GraphRecordingTopology extends Topology {
    private final List<ProcessorGraph.Node> nodes = new ArrayList<>();
    private final Map<String, StoreBuilder<?>> stores = new LinkedHashMap<>();
    private final Map<String, Set<String>> storesByProcessor = new LinkedHashMap<>();

    @Override
    public synchronized <K, V> Topology addSource(String name, Deserializer<K> keyDeserializer,
                                                  Deserializer<V> valueDeserializer, String... topics) {
        super.addSource(name, keyDeserializer, valueDeserializer, topics);
        nodes.add(new ProcessorGraph.Source(name, List.of(topics), keyDeserializer, valueDeserializer));
        return this;
    }

    @Override
    public synchronized <KIn, VIn, KOut, VOut> Topology addProcessor(
            String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parentNames) {
        super.addProcessor(name, supplier, parentNames);
        nodes.add(new ProcessorGraph.Processor(name, supplier, List.of(parentNames), List.of()));
        Set<StoreBuilder<?>> own = supplier.stores();
        if (own != null) {
            for (StoreBuilder<?> b : own) {
                stores.put(b.name(), b);
                storesByProcessor.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(b.name());
            }
        }
        return this;
    }

    @Override
    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
                                                Serializer<V> valueSerializer, String... parentNames) {
        super.addSink(name, topic, keySerializer, valueSerializer, parentNames);
        nodes.add(new ProcessorGraph.Sink(name, topic, keySerializer, valueSerializer, List.of(parentNames)));
        return this;
    }

    @Override
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
                                                Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                String... parentNames) {
        super.addSink(name, topicExtractor, keySerializer, valueSerializer, parentNames);
        nodes.add(new ProcessorGraph.Sink(name, null, keySerializer, valueSerializer, List.of(parentNames), topicExtractor));
        return this;
    }

    @Override
    public synchronized <S extends StateStore> Topology addStateStore(StoreBuilder<S> storeBuilder,
                                                                      String... processorNames) {
        super.addStateStore(storeBuilder, processorNames);
        stores.put(storeBuilder.name(), storeBuilder);
        for (String p : processorNames) {
            storesByProcessor.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(storeBuilder.name());
        }
        return this;
    }

    /**
     * The recorded graph; IllegalStateException naming the difference if Kafka Streams' description
     * holds a node, edge or store connection the record does not.
     */
    synchronized ProcessorGraph graph() {
        List<ProcessorGraph.Node> withStores = new ArrayList<>();
        for (ProcessorGraph.Node n : nodes) {
            withStores.add(n instanceof ProcessorGraph.Processor p
                    ? new ProcessorGraph.Processor(p.name(), p.supplier(), p.parents(),
                    List.copyOf(storesByProcessor.getOrDefault(p.name(), Set.of())))
                    : n);
        }
        ProcessorGraph g = new ProcessorGraph(withStores, stores);
        check(g);
        return g;
    }

    private void check(ProcessorGraph g) {
        TopologyDescription d = describe();
        Set<String> described = new TreeSet<>();
        for (TopologyDescription.Subtopology s : d.subtopologies()) {
            for (TopologyDescription.Node n : s.nodes()) {
                described.add(n.name());
                ProcessorGraph.Node recorded;
                try {
                    recorded = g.node(n.name());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("processor graph: node '" + n.name()
                            + "' was added in a way the graph does not record", e);
                }
                Set<String> parents = new TreeSet<>();
                n.predecessors().forEach(p -> parents.add(p.name()));
                if (!parents.equals(new TreeSet<>(recorded.parents()))) {
                    throw new IllegalStateException("processor graph: node '" + n.name() + "' has parents " + parents
                            + " in the topology, " + recorded.parents() + " in the graph");
                }
                if (n instanceof TopologyDescription.Processor p && recorded instanceof ProcessorGraph.Processor r
                        && !p.stores().equals(Set.copyOf(r.stores()))) {
                    throw new IllegalStateException("processor graph: node '" + n.name() + "' has stores " + p.stores()
                            + " in the topology, " + r.stores() + " in the graph");
                }
            }
        }
        if (!d.globalStores().isEmpty()) {
            throw new IllegalStateException("processor graph: global stores are not recorded");
        }
        Set<String> recordedNames = new TreeSet<>();
        g.nodes().forEach(n -> recordedNames.add(n.name()));
        if (!described.equals(recordedNames)) {
            throw new IllegalStateException("processor graph: nodes " + recordedNames + " recorded, " + described
                    + " in the topology");
        }
    }
}
