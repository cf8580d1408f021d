package io.entroflow.topology.offline;

import io.entroflow.topology.stream.ProcessorGraph;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a {@link ProcessorGraph} on records handed to it one by one, in one thread, without a broker.
 *
 * <p>Tasks as in Kafka Streams: the graph's nodes fall into subtopologies (nodes connected by an edge
 * or a shared store; numbered in the order of their first node), and each subtopology runs one
 * {@link OfflineTask} per partition, created when its first record arrives; a record of partition p
 * of a topic goes to task (subtopology of the topic's source, p). Internal topics (written by a sink
 * and read by a source of the same graph, like the monitor's re-key topic) are not stored: a record
 * a sink writes there is serialized, given the partition Kafka's default partitioner would give it
 * (murmur2 of the key bytes modulo the topic's partitions: {@code partitions} unless
 * {@code topicPartitions} says otherwise; a null key stays in the writing task's partition) and the
 * next offset of that partition, and read, deserialized, by its source once the record that caused
 * it is done (first in, first out). Records written to every other topic (a sink's fixed topic or the
 * one its topic-name extractor names) go to the {@link OfflineOutput}, serialized, in the order
 * written. Wall-clock punctuations run on the run's {@link #wallClock} (default: each task's stream time).
 *
 * <p>Cost per record: the processors' own work plus a map lookup per node; no commits, changelogs,
 * caches or serialization except at sinks. Deterministic. Not thread-safe.
 */
public final class OfflineRunner implements AutoCloseable {
    private final ProcessorGraph graph;
    private final int partitions;
    private final Map<String, Integer> topicPartitions;
    private final Map<String, Object> configs;
    private final ProcessingExceptionHandler handler;
    private final OfflineOutput output;
    private Clock wallClock;
    private final Map<String, List<ProcessorGraph.Source>> sourcesByTopic = new HashMap<>();
    private final Map<String, Integer> subtopologyOf = new HashMap<>();
    private final List<List<String>> subtopologies = new ArrayList<>();
    private final Set<String> internalTopics = new HashSet<>();
    private final Map<TaskId, OfflineTask> tasks = new LinkedHashMap<>();
    /** {@link #tasks} by subtopology, then partition (null: not created yet): no TaskId per record. */
    private OfflineTask[][] taskArray = new OfflineTask[0][];
    private final Map<String, long[]> nextOffsets = new HashMap<>();
    private final ArrayDeque<OfflineRecord> internal = new ArrayDeque<>();
    /** What deserializers see for a record without headers (read-only: shared). */
    private static final Headers NO_HEADERS = readOnly(new RecordHeaders());
    /** Per topic read: its source nodes and their subtopologies, resolved once (no lookups per record). */
    private final Map<String, Readers> readersByTopic = new HashMap<>();
    private String lastSinkTopic;
    private boolean lastSinkInternal;

    /**
     * @param partitions partitions of the internal topics (the monitor creates its re-key topic with
     *                   as many partitions as its first input topic), &ge; 1
     * @param configs    what the processors see as {@code appConfigs()} (at least {@code application.id})
     * @param handler    the processing-exception handler, configured (null: any exception stops the run)
     */
    public OfflineRunner(ProcessorGraph graph, int partitions, Map<String, Object> configs,
                         ProcessingExceptionHandler handler, OfflineOutput output) {
        this(graph, partitions, Map.of(), configs, handler, output);
    }

    /**
     * @param topicPartitions partitions of the internal topics that differ from {@code partitions}
     *                        (e.g. the one-partition topic feeding the monitor's alert router), each &ge; 1
     */
    public OfflineRunner(ProcessorGraph graph, int partitions, Map<String, Integer> topicPartitions,
                         Map<String, Object> configs, ProcessingExceptionHandler handler, OfflineOutput output) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: expected >= 1, got " + partitions);
        }
        topicPartitions.forEach((t, n) -> {
            if (n < 1) {
                throw new IllegalArgumentException("partitions of " + t + ": expected >= 1, got " + n);
            }
        });
        this.graph = Objects.requireNonNull(graph, "graph");
        this.partitions = partitions;
        this.topicPartitions = Map.copyOf(topicPartitions);
        this.configs = Map.copyOf(configs);
        this.handler = handler;
        this.output = Objects.requireNonNull(output, "output");
        Set<String> sinkTopics = new HashSet<>();
        for (ProcessorGraph.Node n : graph.nodes()) {
            if (n instanceof ProcessorGraph.Source s) {
                for (String t : s.topics()) {
                    sourcesByTopic.computeIfAbsent(t, k -> new ArrayList<>()).add(s);
                }
            } else if (n instanceof ProcessorGraph.Sink s && s.topic() != null) {
                sinkTopics.add(s.topic());
            }
        }
        for (String t : sinkTopics) {
            if (sourcesByTopic.containsKey(t)) {
                internalTopics.add(t);
            }
        }
        groupSubtopologies();
        sourcesByTopic.forEach((t, sources) -> {
            int[] subtopologies = new int[sources.size()];
            for (int i = 0; i < subtopologies.length; i++) {
                subtopologies[i] = subtopologyOf.get(sources.get(i).name());
            }
            readersByTopic.put(t, new Readers(sources.toArray(new ProcessorGraph.Source[0]), subtopologies,
                    internalTopics.contains(t)));
        });
    }

    /** The source nodes that read a topic, the subtopology of each, and whether the topic is internal. */
    private record Readers(ProcessorGraph.Source[] sources, int[] subtopologies, boolean internal) {
    }

    /** Union of nodes joined by an edge or a store, numbered by first node, like Kafka Streams' node groups. */
    private void groupSubtopologies() {
        Map<String, String> parent = new HashMap<>();
        for (ProcessorGraph.Node n : graph.nodes()) {
            parent.put(n.name(), n.name());
        }
        Map<String, String> storeOwner = new HashMap<>();
        for (ProcessorGraph.Node n : graph.nodes()) {
            for (String p : n.parents()) {
                union(parent, n.name(), p);
            }
            if (n instanceof ProcessorGraph.Processor p) {
                for (String store : p.stores()) {
                    String owner = storeOwner.putIfAbsent(store, n.name());
                    if (owner != null) {
                        union(parent, n.name(), owner);
                    }
                }
            }
        }
        Map<String, Integer> indexOfRoot = new LinkedHashMap<>();
        for (ProcessorGraph.Node n : graph.nodes()) {
            String root = find(parent, n.name());
            Integer i = indexOfRoot.get(root);
            if (i == null) {
                i = subtopologies.size();
                indexOfRoot.put(root, i);
                subtopologies.add(new ArrayList<>());
            }
            subtopologies.get(i).add(n.name());
            subtopologyOf.put(n.name(), i);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        String r = x;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        parent.put(x, r);
        return r;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }

    /** The topics the graph reads that are not internal (its input topics and, for a monitor, its requests topic). */
    public Set<String> inputTopics() {
        Set<String> s = new java.util.TreeSet<>(sourcesByTopic.keySet());
        s.removeAll(internalTopics);
        return s;
    }

    /**
     * Processes one input record and everything it causes (internal topics included); its outputs
     * are written before this returns.
     *
     * @throws IllegalArgumentException the graph does not read the record's topic, or the record's
     *                                  partition or timestamp is negative
     * @throws OfflineRunFailure        a processor failed and the handler answered FAIL
     */
    public void process(OfflineRecord record) {
        Readers readers = readersByTopic.get(record.topic());
        if (readers == null || readers.internal()) {
            throw new IllegalArgumentException("no source of the topology reads topic '" + record.topic() + "'");
        }
        read(record);
        while (!internal.isEmpty()) {
            read(internal.poll());
        }
    }

    @SuppressWarnings("unchecked")
    private void read(OfflineRecord r) {
        if (r.partition() < 0) {
            throw new IllegalArgumentException("record of " + r.topic() + " at offset " + r.offset()
                    + ": negative partition " + r.partition());
        }
        if (r.timestamp() < 0) { // Kafka Streams' default timestamp extractor (FailOnInvalidTimestamp) stops here
            throw new IllegalArgumentException("record of " + r.topic() + "/" + r.partition() + "@" + r.offset()
                    + ": invalid (negative) timestamp " + r.timestamp());
        }
        Readers readers = readersByTopic.get(r.topic());
        ProcessorGraph.Source[] sources = readers.sources();
        for (int i = 0; i < sources.length; i++) {
            ProcessorGraph.Source s = sources[i];
            OfflineTask task = task(readers.subtopologies()[i], r.partition());
            Headers h = r.headers() == null ? NO_HEADERS : r.headers();
            Object key = ((Deserializer<Object>) s.keyDeserializer()).deserialize(r.topic(), h, r.key());
            Object value = ((Deserializer<Object>) s.valueDeserializer()).deserialize(r.topic(), h, r.value());
            task.process(s.name(), key, value, r);
        }
    }

    private static Headers readOnly(RecordHeaders h) {
        h.setReadOnly();
        return h;
    }

    private OfflineTask task(int subtopology, int partition) {
        OfflineTask[] known = subtopology < taskArray.length ? taskArray[subtopology] : null;
        if (known != null && partition < known.length) {
            OfflineTask t = known[partition];
            if (t != null) {
                return t;
            }
        }
        TaskId id = new TaskId(subtopology, partition);
        OfflineTask t = new OfflineTask(id, subtopologies.get(subtopology), graph, this, handler);
        tasks.put(id, t);
        if (subtopology >= taskArray.length) {
            taskArray = Arrays.copyOf(taskArray, subtopologies.size());
        }
        OfflineTask[] row = taskArray[subtopology];
        if (row == null || partition >= row.length) {
            row = row == null ? new OfflineTask[partition + 1] : Arrays.copyOf(row, partition + 1);
            taskArray[subtopology] = row;
        }
        row[partition] = t;
        return t;
    }

    /** A sink node of {@code task} writes {@code r}. */
    @SuppressWarnings("unchecked")
    void sink(OfflineTask task, ProcessorGraph.Sink sink, Record<Object, Object> r) {
        if (r.timestamp() < 0) {
            throw new OfflineRunFailure("sink '" + sink.name() + "': invalid (negative) timestamp " + r.timestamp(), null);
        }
        String topic = sink.topic() != null ? sink.topic()
                : ((TopicNameExtractor<Object, Object>) sink.topicExtractor()).extract(r.key(), r.value(), task.recordContext());
        byte[] key;
        byte[] value;
        try { // Kafka Streams' default production exception handler fails the thread on these
            key = ((Serializer<Object>) sink.keySerializer()).serialize(topic, r.headers(), r.key());
            value = ((Serializer<Object>) sink.valueSerializer()).serialize(topic, r.headers(), r.value());
        } catch (RuntimeException e) {
            throw new OfflineRunFailure("sink '" + sink.name() + "': cannot serialize a record for " + topic
                    + ": " + e, e);
        }
        if (topic != lastSinkTopic) { // sinks name their topic with one instance each
            lastSinkInternal = internalTopics.contains(topic);
            lastSinkTopic = topic;
        }
        if (!lastSinkInternal) {
            output(topic, key, value, r.timestamp(), r.headers());
            return;
        }
        int n = topicPartitions.getOrDefault(topic, partitions);
        int partition = key == null ? task.id.partition() % n : Utils.toPositive(Utils.murmur2(key)) % n;
        long offset = nextOffsets.computeIfAbsent(topic, t -> new long[n])[partition]++;
        internal.add(new OfflineRecord(topic, partition, offset, r.timestamp(), key, value,
                new RecordHeaders(r.headers().toArray())));
    }

    /** Hands a record to the output; its failure (e.g. a full disk) stops the run instead of reaching a handler. */
    void output(String topic, byte[] key, byte[] value, long timestamp, Headers headers) {
        try {
            output.write(topic, key, value, timestamp, headers);
        } catch (RuntimeException e) {
            throw new OfflineRunFailure("writing a record of " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets the wall clock of the run: what wall-clock punctuations see (default: none, so the wall
     * clock of a task is its stream time). A backtest gives its {@link RecordClock}, the clock its
     * topology reads too. Returns this.
     */
    public OfflineRunner wallClock(Clock clock) {
        this.wallClock = clock;
        return this;
    }

    /** The wall-clock time {@code task} sees now. */
    long wallClockMillis(OfflineTask task) {
        return wallClock != null ? wallClock.millis() : task.streamTime();
    }

    Map<String, Object> appConfigs() {
        return configs;
    }

    /** Closes every task's processors and stores, in the order the tasks were created. */
    @Override
    public void close() {
        for (OfflineTask t : tasks.values()) {
            t.close();
        }
        tasks.clear();
        taskArray = new OfflineTask[0][];
    }
}
