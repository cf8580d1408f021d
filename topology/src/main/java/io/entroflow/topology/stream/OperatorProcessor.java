package io.entroflow.topology.stream;

import io.entroflow.operators.window.Window;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.Provenance;
import io.entroflow.topology.operator.OperatorResult;
import io.entroflow.topology.operator.StreamingOperator;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one spec operator for every key, crash-safe and replay-exact.
 *
 * <p>Design (measured in DESIGN.md): the store holds a chunked journal of each key's window
 * contents ({@link Journal}); the operator objects live in a plain map that is only a cache of the
 * derived sums, cleared in {@link #init} and rebuilt for a key on first access by replaying its
 * chunks into a fresh operator. Each event updates the operator and re-puts a fresh copy of the
 * current chunk; with record caching the re-puts between two commits collapse into one changelog
 * record. Chunks whose events have all left the window (count windows: by sequence; time windows:
 * by event time older than span + lateness behind the key's latest time) are deleted. The
 * operators keep &Sigma; w ln w exactly, so a rebuilt operator is bit-identical to the original.
 *
 * <p>Aggregates: per key, when an event's time enters a new interval (floor(time / interval) grows),
 * the operator's result before that event is emitted, stamped with the interval boundary. This
 * depends on the key's events only, so replays emit the same aggregates.
 *
 * <p>O(1) amortised per event plus the operator's own cost; a rebuild costs one replay of the window.
 */
final class OperatorProcessor implements Processor<String, SignalEvent, String, AggregateRecord> {
    private static final long NONE = Long.MIN_VALUE;

    private final String monitor;
    private final PlannedOperator op;
    private final String storeName;
    private final long interval;
    private final long retentionMillis;
    private final int stride;
    private final List<String> signalNames;
    private final Map<String, KeyState> cache = new HashMap<>();
    private ProcessorContext<String, AggregateRecord> context;
    private KeyValueStore<String, byte[]> store;

    OperatorProcessor(String monitor, PlannedOperator op, String storeName, long intervalMillis, long latenessMillis) {
        this.monitor = monitor;
        this.op = op;
        this.storeName = storeName;
        this.interval = intervalMillis;
        this.retentionMillis = op.window() instanceof Window.Time t ? t.spanMillis() + latenessMillis : 0;
        this.stride = 1 + op.signalIndices().length;
        this.signalNames = op.context().spec().signals();
    }

    @Override
    public void init(ProcessorContext<String, AggregateRecord> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        cache.clear();
    }

    @Override
    public void process(Record<String, SignalEvent> record) {
        SignalEvent e = record.value();
        int[] idx = op.signalIndices();
        long[] inputs = new long[idx.length];
        for (int k = 0; k < idx.length; k++) {
            if (!e.has(idx[k])) {
                return; // this signal has no value yet for the key (history-based symbolisers)
            }
            inputs[k] = e.values()[idx[k]];
        }
        KeyState s = cache.computeIfAbsent(e.key(), this::load);
        long tick = Math.floorDiv(e.time(), interval);
        if (s.lastTick == NONE) {
            s.lastTick = tick;
        } else if (tick > s.lastTick) {
            emit(e.key(), s, tick * interval);
            s.lastTick = tick;
        }
        s.operator.update(e.time(), inputs);
        append(e.key(), s, e.time(), inputs);
        s.eventsSeen++;
        s.maxTime = Math.max(s.maxTime, e.time());
        if (s.offsetFrom < 0 || !e.topic().equals(s.topic) || e.partition() != s.partition) {
            s.offsetFrom = e.offset();
        }
        s.topic = e.topic();
        s.partition = e.partition();
        s.offsetTo = e.offset();
        prune(e.key(), s);
        store.put(Journal.metaKey(e.key()), s.meta().encode());
    }

    private void emit(String key, KeyState s, long time) {
        OperatorResult r = s.operator.result();
        AggregateRecord agg = new AggregateRecord(monitor, key, op.name(), op.type(), signalNames, time, r.value(),
                r.unit(), r.windowStart(), r.windowEnd(), r.events(), s.eventsSeen, r.pValue(), r.regime(),
                s.offsetFrom < 0 ? null : new Provenance(s.topic, s.partition, s.offsetFrom, s.offsetTo));
        s.offsetFrom = -1;
        context.forward(new Record<>(key, agg, time));
    }

    private void append(String key, KeyState s, long time, long[] inputs) {
        long chunk = s.nextSeq / Journal.CHUNK;
        int pos = (int) (s.nextSeq % Journal.CHUNK);
        if (pos == 0) {
            s.current = new long[Journal.CHUNK * stride];
            s.chunks.addLast(new long[] {chunk, time});
        }
        s.current[pos * stride] = time;
        System.arraycopy(inputs, 0, s.current, pos * stride + 1, inputs.length);
        long[] tail = s.chunks.peekLast();
        tail[1] = Math.max(tail[1], time);
        store.put(Journal.chunkKey(key, chunk), Journal.encodeChunk(s.current, (pos + 1) * stride));
        s.nextSeq++;
    }

    private void prune(String key, KeyState s) {
        long currentChunk = (s.nextSeq - 1) / Journal.CHUNK;
        while (s.chunks.size() > 1) {
            long[] oldest = s.chunks.peekFirst();
            if (oldest[0] == currentChunk) {
                return;
            }
            boolean gone;
            if (op.window() instanceof Window.Count c) {
                gone = (oldest[0] + 1) * Journal.CHUNK <= s.nextSeq - c.size();
            } else {
                gone = oldest[1] < s.maxTime - retentionMillis;
            }
            if (!gone) {
                return;
            }
            store.delete(Journal.chunkKey(key, oldest[0]));
            s.chunks.pollFirst();
        }
    }

    private KeyState load(String key) {
        KeyState s = new KeyState(op.newOperator());
        byte[] meta = store.get(Journal.metaKey(key));
        if (meta == null) {
            return s;
        }
        Journal.Meta m = Journal.Meta.decode(meta);
        s.nextSeq = m.nextSeq();
        s.lastTick = m.lastTick();
        s.eventsSeen = m.eventsSeen();
        s.maxTime = m.maxTime();
        s.topic = m.topic();
        s.partition = m.partition();
        s.offsetFrom = m.offsetFrom();
        s.offsetTo = m.offsetTo();
        long[] inputs = new long[stride - 1];
        try (KeyValueIterator<String, byte[]> it = store.range(Journal.firstChunkKey(key), Journal.lastChunkKey(key))) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                long chunk = Journal.chunkIndex(kv.key);
                long[] entries = Journal.decodeChunk(kv.value);
                long maxTime = NONE;
                for (int p = 0; p + stride <= entries.length; p += stride) {
                    System.arraycopy(entries, p + 1, inputs, 0, inputs.length);
                    s.operator.update(entries[p], inputs);
                    maxTime = Math.max(maxTime, entries[p]);
                }
                s.chunks.addLast(new long[] {chunk, maxTime});
                if (chunk == (s.nextSeq - 1) / Journal.CHUNK && s.nextSeq % Journal.CHUNK != 0) {
                    s.current = new long[Journal.CHUNK * stride];
                    System.arraycopy(entries, 0, s.current, 0, entries.length);
                }
            }
        }
        return s;
    }

    /** A key's live state: the operator (derived) and the journal bookkeeping. */
    private static final class KeyState {
        final StreamingOperator operator;
        final ArrayDeque<long[]> chunks = new ArrayDeque<>();
        long[] current;
        long nextSeq;
        long lastTick = NONE;
        long eventsSeen;
        long maxTime = NONE;
        String topic = "";
        int partition = -1;
        long offsetFrom = -1;
        long offsetTo = -1;

        KeyState(StreamingOperator operator) {
            this.operator = operator;
        }

        Journal.Meta meta() {
            return new Journal.Meta(nextSeq, lastTick, eventsSeen, maxTime, topic, partition, offsetFrom, offsetTo);
        }
    }
}
