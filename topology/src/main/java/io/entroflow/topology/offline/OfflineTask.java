package io.entroflow.topology.offline;

import io.entroflow.topology.stream.ProcessorGraph;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * One task of an {@link OfflineRunner}: the processors of one subtopology for one partition, with
 * their in-memory stores, the task's stream time and its stream-time punctuations, run as a Kafka
 * Streams task runs them: a record goes from its source node depth-first through
 * {@code forward} to the children (in the order they were added, or the named child); an exception
 * a processor throws is given to the processing-exception handler at that node, whose dead-letter
 * records are written and whose RESUME lets the forwarding go on with the next child (FAIL stops the
 * run); after each record, every punctuation due at the task's stream time (the largest record
 * timestamp the task has read) runs, at stream time, and is rescheduled as
 * {@code PunctuationSchedule.next} does (aligned to its start, missed intervals skipped); then the
 * wall-clock punctuations due at the run's wall clock ({@link #scheduleWallClock}).
 */
final class OfflineTask {
    /** Kafka Streams' "no stream time yet" (RecordQueue.UNKNOWN). */
    static final long UNKNOWN = -1;

    final TaskId id;
    private final OfflineRunner runner;
    private final ProcessingExceptionHandler handler;
    /** The task's nodes by name, each with its processor (or sink), children and stores resolved once. */
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, StateStore> stores = new HashMap<>();
    // by time only, as Kafka Streams' PunctuationQueue (Stamped.compareTo): with the same adds and polls,
    // punctuations due at the same time run in the same (heap) order as in a stream task
    private final PriorityQueue<Schedule> schedules = new PriorityQueue<>((a, b) -> Long.compare(a.time, b.time));
    private final List<Schedule> wallSchedules = new java.util.ArrayList<>();
    private final TaskContext context;
    private long scheduled;
    private long streamTime = UNKNOWN;

    // the record context: the source record being processed (or the punctuation), and the node at work
    String topic;
    int partition;
    long offset;
    long timestamp;
    Headers headers;
    byte[] rawKey;
    byte[] rawValue;
    /** The node at work (null between records). */
    Node node;
    /** {@link TaskContext#recordMetadata}'s answer for the record at hand, made on first request. */
    Optional<RecordMetadata> metadata;

    @SuppressWarnings("unchecked")
    OfflineTask(TaskId id, List<String> nodeNames, ProcessorGraph graph, OfflineRunner runner,
                ProcessingExceptionHandler handler) {
        this.id = id;
        this.runner = runner;
        this.handler = handler;
        this.context = new TaskContext(this, runner.appConfigs());
        for (String name : nodeNames) {
            ProcessorGraph.Node n = graph.node(name);
            Node node = new Node(name, n instanceof ProcessorGraph.Sink sink ? sink : null,
                    n instanceof ProcessorGraph.Processor p ? p.stores() : List.of());
            if (n instanceof ProcessorGraph.Processor p) {
                for (String store : p.stores()) {
                    stores.computeIfAbsent(store, MemoryKeyValueStore::new);
                }
                node.processor = (Processor<Object, Object, Object, Object>) p.supplier().get();
            }
            nodes.put(name, node);
        }
        for (Node n : nodes.values()) { // a node's children are in its subtopology (joined by the edge)
            List<String> children = graph.children(n.name);
            n.children = new Node[children.size()];
            for (int i = 0; i < children.size(); i++) {
                n.children[i] = nodes.get(children.get(i));
                n.childByName.put(children.get(i), n.children[i]);
            }
        }
        for (Node n : nodes.values()) {
            if (n.processor != null) {
                node = n;
                n.processor.init(context);
            }
        }
        node = null;
    }

    /**
     * A node of the task as the forwarding needs it: its processor (or sink), its children in
     * forwarding order and by name, and the stores it may use; resolved once, so forwarding a
     * record costs no lookup by name unless a child is named.
     */
    static final class Node {
        final String name;
        final ProcessorGraph.Sink sink;
        final List<String> storeNames;
        final Map<String, Node> childByName = new HashMap<>();
        Processor<Object, Object, Object, Object> processor;
        Node[] children;
        /** The child last named in a forward, and its node. */
        String lastChildName;
        Node lastChild;

        Node(String name, ProcessorGraph.Sink sink, List<String> storeNames) {
            this.name = name;
            this.sink = sink;
            this.storeNames = storeNames;
        }
    }

    /** The source node last named in {@link #process}, and its node. */
    private String lastSourceName;
    private Node lastSource;

    /** Processes one deserialized record read by source node {@code source}, then the punctuations due. */
    void process(String source, Object key, Object value, OfflineRecord in) {
        topic = in.topic();
        partition = in.partition();
        offset = in.offset();
        rawKey = in.key();
        rawValue = in.value();
        metadata = null;
        if (in.timestamp() > streamTime) {
            streamTime = in.timestamp();
        }
        Headers h = in.headers(); // null: none (the record makes its own empty headers)
        if (source != lastSourceName) {
            lastSource = nodes.get(source);
            lastSourceName = source;
        }
        forward(lastSource, new Record<>(key, value, in.timestamp(), h), null);
        punctuate();
        punctuateWallClock();
    }

    long streamTime() {
        return streamTime;
    }

    /** The context of the record at hand, as a topic-name extractor sees it. */
    RecordContext recordContext() {
        String t = topic;
        int p = partition;
        long o = offset;
        long ts = timestamp;
        Headers h = headers;
        byte[] k = rawKey;
        byte[] v = rawValue;
        return new RecordContext() {
            @Override
            public String topic() {
                return t;
            }

            @Override
            public int partition() {
                return p;
            }

            @Override
            public long offset() {
                return o;
            }

            @Override
            public long timestamp() {
                return ts;
            }

            @Override
            public Headers headers() {
                return h;
            }

            @Override
            public byte[] sourceRawKey() {
                return k;
            }

            @Override
            public byte[] sourceRawValue() {
                return v;
            }
        };
    }

    long wallClockMillis() {
        return runner.wallClockMillis(this);
    }

    StateStore store(String name) {
        StateStore s = stores.get(name);
        if (s == null || node == null || !node.storeNames.contains(name)) {
            throw new StreamsException("offline task " + id + ": processor '" + (node == null ? null : node.name)
                    + "' has no access to store '" + name + "'");
        }
        return s;
    }

    /** Forwards {@code r} from node {@code from} to all its children, or to {@code child} only. */
    void forward(Node from, Record<Object, Object> r, String child) {
        if (child != null) {
            Node c = child == from.lastChildName ? from.lastChild : from.childByName.get(child);
            from.lastChildName = child; // processors name a child with one instance: compared by identity
            from.lastChild = c;
            if (c == null) {
                throw new StreamsException("offline task " + id + ": '" + child + "' is not a child of '" + from.name + "'");
            }
            deliver(c, r);
            return;
        }
        for (Node c : from.children) {
            deliver(c, r);
        }
    }

    private void deliver(Node to, Record<Object, Object> r) {
        Node previousNode = node;
        long previousTimestamp = timestamp;
        Headers previousHeaders = headers;
        node = to;
        timestamp = r.timestamp();
        headers = r.headers();
        try {
            if (to.sink != null) {
                runner.sink(this, to.sink, r);
            } else {
                try {
                    to.processor.process(r);
                } catch (OfflineRunFailure e) {
                    throw e;
                } catch (RuntimeException e) {
                    handle(r, e);
                }
            }
        } finally {
            node = previousNode;
            timestamp = previousTimestamp;
            headers = previousHeaders;
        }
    }

    private void handle(Record<Object, Object> r, RuntimeException e) {
        if (handler == null) {
            throw new OfflineRunFailure("processor '" + node.name + "' failed on a record of " + where() + ": " + e, e);
        }
        ErrorHandlerContext ctx = new Error(topic, partition, offset, headers, node.name, id, timestamp, rawKey, rawValue);
        ProcessingExceptionHandler.Response response = handler.handleError(ctx, r, e);
        for (var dead : response.deadLetterQueueRecords()) {
            runner.output(dead.topic(), dead.key(), dead.value(), dead.timestamp() == null ? timestamp : dead.timestamp(),
                    dead.headers());
        }
        if (response.result() == ProcessingExceptionHandler.Result.FAIL) {
            throw new OfflineRunFailure("processor '" + node.name + "' failed on a record of " + where() + ": " + e, e);
        }
    }

    private String where() {
        return topic == null ? "a punctuation" : topic + "/" + partition + "@" + offset;
    }

    private record Error(String topic, int partition, long offset, Headers headers, String processorNodeId,
                         TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue)
            implements ErrorHandlerContext {
    }

    /** A stream-time punctuation of {@code owner}, first due at {@code start} (Kafka Streams aligns it to 0). */
    Cancellable schedule(long start, long interval, Punctuator punctuator) {
        if (interval < 1) {
            throw new IllegalArgumentException("punctuation interval must be >= 1 ms, got " + interval);
        }
        Schedule s = new Schedule(node, start, interval, punctuator, scheduled++);
        schedules.add(s);
        return () -> s.cancelled = true;
    }

    /**
     * A wall-clock punctuation of the node at work: first due {@code interval} after the wall-clock
     * time of the task's first record (the offline wall clock, {@link OfflineRunner#wallClockMillis}),
     * then every {@code interval} on that grid, missed intervals skipped, as Kafka Streams does.
     */
    Cancellable scheduleWallClock(long interval, Punctuator punctuator) {
        if (interval < 1) {
            throw new IllegalArgumentException("punctuation interval must be >= 1 ms, got " + interval);
        }
        Schedule s = new Schedule(node, UNKNOWN, interval, punctuator, scheduled++);
        wallSchedules.add(s);
        return () -> s.cancelled = true;
    }

    /** Runs the wall-clock punctuations due, in the order they were scheduled. */
    private void punctuateWallClock() {
        if (wallSchedules.isEmpty()) {
            return;
        }
        long now = wallClockMillis();
        for (int i = 0; i < wallSchedules.size(); i++) { // by index: a punctuator may schedule another
            Schedule s = wallSchedules.get(i);
            if (s.cancelled) {
                wallSchedules.remove(i--);
                continue;
            }
            if (s.time == UNKNOWN) {
                s.time = now + s.interval;
                continue;
            }
            if (now < s.time) {
                continue;
            }
            enterPunctuation(s, now);
            try {
                s.punctuator.punctuate(now);
            } finally {
                node = null;
            }
            s.time += ((now - s.time) / s.interval + 1) * s.interval;
        }
    }

    private void enterPunctuation(Schedule s, long time) {
        topic = null;
        partition = -1;
        offset = -1;
        rawKey = null;
        rawValue = null;
        metadata = null;
        timestamp = time;
        headers = new RecordHeaders();
        node = s.node;
    }

    private void punctuate() {
        if (streamTime == UNKNOWN) {
            return;
        }
        while (!schedules.isEmpty() && schedules.peek().time <= streamTime) {
            Schedule s = schedules.poll();
            if (s.cancelled) {
                continue;
            }
            enterPunctuation(s, streamTime);
            try {
                s.punctuator.punctuate(streamTime);
            } finally {
                node = null;
            }
            if (!s.cancelled) {
                long next = s.time + s.interval;
                if (streamTime >= next) { // missed intervals: the next one after stream time, on the grid
                    next = s.time + ((streamTime - s.time) / s.interval + 1) * s.interval;
                }
                s.time = next;
                schedules.add(s);
            }
        }
    }

    /** Closes the processors (in the order added) and the stores. */
    void close() {
        for (Node n : nodes.values()) {
            if (n.processor != null) {
                n.processor.close();
            }
        }
        stores.values().forEach(StateStore::close);
    }

    private static final class Schedule {
        final Node node;
        final long interval;
        final Punctuator punctuator;
        final long seq;
        long time;
        boolean cancelled;

        Schedule(Node node, long time, long interval, Punctuator punctuator, long seq) {
            this.node = node;
            this.time = time;
            this.interval = interval;
            this.punctuator = punctuator;
            this.seq = seq;
        }
    }
}
