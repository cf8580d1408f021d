package io.entroflow.topology.stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processor graph of a monitor topology as built ({@link MonitorTopology#graph}): every source,
 * processor and sink with the objects Kafka Streams would run (deserializers, processor suppliers,
 * serializers), its parents, and the stores each processor is connected to. It lets a runner without
 * a broker (the backtest) drive exactly the processors the live monitor runs, whatever the graph
 * looks like. Immutable; the suppliers hand out a new processor per call, as for Kafka Streams' tasks.
 */
public final class ProcessorGraph {
    /** A node of the graph, in the order it was added (parents before children). */
    public sealed interface Node permits Source, Processor, Sink {
        String name();

        /** The nodes this one receives records from (none for a source). */
        List<String> parents();
    }

    /** A source node: the records of {@code topics}, deserialized. */
    public record Source(String name, List<String> topics, Deserializer<?> keyDeserializer,
                         Deserializer<?> valueDeserializer) implements Node {
        @Override
        public List<String> parents() {
            return List.of();
        }
    }

    /** A processor node and the names of the state stores connected to it. */
    public record Processor(String name, ProcessorSupplier<?, ?, ?, ?> supplier, List<String> parents,
                            List<String> stores) implements Node {
    }

    /**
     * A sink node: writes what it receives to {@code topic}, serialized; or, when {@code topic} is
     * null, to the topic {@code topicExtractor} names for each record.
     */
    public record Sink(String name, String topic, Serializer<?> keySerializer, Serializer<?> valueSerializer,
                       List<String> parents, TopicNameExtractor<?, ?> topicExtractor) implements Node {
        /** A sink of the fixed {@code topic}. */
        public Sink(String name, String topic, Serializer<?> keySerializer, Serializer<?> valueSerializer,
                    List<String> parents) {
            this(name, topic, keySerializer, valueSerializer, parents, null);
        }
    }

    private final List<Node> nodes;
    private final Map<String, Node> byName = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final Map<String, StoreBuilder<?>> stores;

    ProcessorGraph(List<Node> nodes, Map<String, StoreBuilder<?>> stores) {
        this.nodes = List.copyOf(nodes);
        this.stores = Collections.unmodifiableMap(new LinkedHashMap<>(stores));
        for (Node n : this.nodes) {
            byName.put(n.name(), n);
            children.put(n.name(), new ArrayList<>());
        }
        for (Node n : this.nodes) {
            for (String p : n.parents()) {
                children.get(p).add(n.name());
            }
        }
        children.replaceAll((k, v) -> List.copyOf(v));
    }

    /** Every node, in the order added (a node after its parents). */
    public List<Node> nodes() {
        return nodes;
    }

    /** The node named {@code name}; IllegalArgumentException if there is none. */
    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("processor graph: no node '" + name + "'");
        }
        return n;
    }

    /** The nodes {@code name} forwards to, in the order they were added (Kafka Streams' forwarding order). */
    public List<String> children(String name) {
        List<String> c = children.get(name);
        if (c == null) {
            throw new IllegalArgumentException("processor graph: no node '" + name + "'");
        }
        return c;
    }

    /** The state stores by name, as the topology declares them (the backtest replaces them by in-memory ones). */
    public Map<String, StoreBuilder<?>> stores() {
        return stores;
    }
}
