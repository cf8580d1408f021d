package io.entroflow.topology.stream;

import io.entroflow.operators.window.Window;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.Provenance;
import io.entroflow.topology.operator.OperatorResult;
import io.entroflow.topology.operator.StreamingOperator;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Runs one spec operator for every key, crash-safe and replay-exact.
 *
 * <p>Design (measured in DESIGN.md): the store holds a chunked journal of each key's window
 * contents ({@link Journal}); the operator objects live in a plain map that is only a cache of the
 * derived sums, cleared in {@link #init} and rebuilt for a key on first access by replaying its
 * chunks into a fresh operator. Each event updates the operator and re-puts a fresh copy of the
 * current chunk, whose header carries the key's bookkeeping (sequence, counts, provenance), so an
 * event costs one store put; with record caching the re-puts between two commits collapse into one
 * changelog record. The key's last emitted interval is a separate record, put once per interval. Chunks whose events have all left the window (count windows: by sequence; time windows:
 * by event time older than span + lateness behind the key's latest time) are deleted. The
 * operators keep &Sigma; w ln w exactly, so a rebuilt operator is bit-identical to the original.
 *
 * <p>Aggregates advance on the task's stream time, kept as the largest event time this processor
 * has seen in its task (the high-water mark, in the store, changelogged). For every key and every
 * interval boundary b = n &middot; interval, exactly one aggregate stamped b is emitted: the key's
 * state after the events that arrived before the record that first brought the high-water mark to
 * b or beyond. A key's own event first emits the boundaries it is behind (its state before the
 * event); a STREAM_TIME punctuator at the interval emits them for keys that stay quiet. Either way
 * the key's state is the same, so the aggregates do not depend on when the punctuator runs, and a
 * restart reproduces them. Count windows keep their last N events (a quiet key's value is
 * unchanged); a time window is evaluated at b over the journalled events in (b &minus; span, b).
 * At most {@link #MAX_CATCH_UP} boundaries are emitted per key when the high-water mark jumps.
 * Decay and cumulative windows report the state after the key's last event before b, not decayed
 * further to b: a common decay factor leaves the distribution, and so every plug-in value, unchanged;
 * only the effective sample size (Miller&ndash;Madow term, p-values) is as of that last event.
 *
 * <p>Operators over decay and cumulative windows depend on all history: they are persisted as
 * checkpoint + journal tail ({@link OperatorCheckpoints}) instead of a journal of the window.
 *
 * <p>With {@code aggregates.expire-after} = x, a key whose latest event time is x or more behind an
 * interval boundary b it reaches is forgotten there (by either path, at the same b): after the
 * aggregate stamped b it emits one more, stamped b and marked {@link AggregateRecord#EXPIRED}, and
 * deletes its journal, checkpoint and meta record; its next event starts it afresh.
 *
 * <p>On demand ({@link AggregateRequest}, from the requests topic) the processor emits, for the
 * requested key or for every key of its task, the aggregate as of now, stamped with the task's
 * stream time and marked {@link AggregateRecord#REQUEST}; a time window is evaluated over the events
 * in [stream time + 2 &minus; span, stream time], as wide as at an interval boundary. Answers change no state, so the interval aggregates and the
 * alerts are the same with or without requests.
 *
 * <p>O(1) amortised per event plus the operator's own cost; a rebuild costs one replay of the window.
 */
final class OperatorProcessor implements Processor<String, OperatorInput, String, AggregateRecord> {
    private static final long NONE = Long.MIN_VALUE;
    /** At most this many intervals are emitted for one key in one catch-up (a jump of stream time). */
    static final int MAX_CATCH_UP = 1_000;

    private final String monitor;
    private final PlannedOperator op;
    private final String storeName;
    private final long interval;
    private final long retentionMillis;
    private final long expireAfter;
    private final int stride;
    private final List<String> signalNames;
    private final Map<String, KeyState> cache = new HashMap<>();
    private ProcessorContext<String, AggregateRecord> context;
    private KeyValueStore<String, byte[]> store;
    private long highWater = NONE;
    private boolean highWaterLoaded;

    OperatorProcessor(String monitor, PlannedOperator op, String storeName, long intervalMillis, long latenessMillis,
                      long expireAfterMillis) {
        this.expireAfter = expireAfterMillis;
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
        highWaterLoaded = false;
        context.schedule(Duration.ofMillis(interval), PunctuationType.STREAM_TIME, ignored -> catchUpQuietKeys());
    }

    @Override
    public void process(Record<String, OperatorInput> record) {
        if (record.value() instanceof AggregateRequest request) {
            answer(request);
            return;
        }
        SignalEvent e = (SignalEvent) record.value();
        loadHighWater();
        if (e.time() > highWater) {
            highWater = e.time();
            store.put(Journal.HIGH_WATER_KEY, Journal.encodeLong(highWater));
        }
        int[] idx = op.signalIndices();
        long[] inputs = new long[idx.length];
        for (int k = 0; k < idx.length; k++) {
            if (!e.has(idx[k])) {
                return; // this signal has no value yet for the key (history-based symbolisers)
            }
            inputs[k] = e.values()[idx[k]];
        }
        KeyState s = cache.computeIfAbsent(e.key(), this::load);
        long target = Math.floorDiv(highWater, interval);
        if (s.lastTick == NONE) {
            s.lastTick = target;
            store.put(Journal.metaKey(e.key()), Journal.encodeLong(s.lastTick));
        } else if (catchUp(e.key(), s, target)) { // the key's state before this event, at every boundary it closed
            if (expired(s)) {
                s = forget(e.key(), s);
                s.lastTick = target;
            }
            store.put(Journal.metaKey(e.key()), Journal.encodeLong(s.lastTick));
        }
        if (op.checkpointed()) {
            OperatorCheckpoints.beforeEvent(store, e.key(), s.nextSeq, s.operator);
        }
        s.operator.update(e.time(), inputs);
        append(s, e.time(), inputs);
        s.eventsSeen++;
        s.maxTime = Math.max(s.maxTime, e.time());
        if (s.offsetFrom < 0 || !e.topic().equals(s.topic) || e.partition() != s.partition) {
            s.offsetFrom = e.offset();
        }
        s.setTopic(e.topic());
        s.partition = e.partition();
        s.offsetTo = e.offset();
        prune(e.key(), s);
        store.put(s.chunkKey, s.encodeChunk());
    }

    /**
     * The STREAM_TIME punctuator: every key of the task whose last emitted interval is behind the
     * task's event-time high-water mark emits the intervals that closed. Scans the store's meta
     * records (one per key) and re-puts the last chunk of each key it catches up (its provenance
     * header starts afresh after an aggregate); a key's state has not changed since the boundary was crossed (its own
     * next event would have caught it up first), so the output does not depend on when this runs.
     */
    private void catchUpQuietKeys() {
        loadHighWater();
        if (highWater == NONE) {
            return;
        }
        long target = Math.floorDiv(highWater, interval);
        for (String key : keys(lastTick -> lastTick < target)) {
            KeyState s = cache.computeIfAbsent(key, this::load);
            if (!catchUp(key, s, target)) {
                continue;
            }
            if (expired(s)) {
                forget(key, s);
                cache.remove(key); // its next event starts it afresh, as after a restart
                continue;
            }
            store.put(Journal.metaKey(key), Journal.encodeLong(s.lastTick));
            if (s.chunkKey != null) {
                store.put(s.chunkKey, s.encodeChunk());
            }
        }
    }

    /** The task's keys (from the store's meta records) whose last emitted interval matches {@code filter}. */
    private List<String> keys(LongPredicate filter) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (Journal.isMetaKey(kv.key) && filter.test(Journal.decodeLong(kv.value))) {
                    keys.add(Journal.keyOfMeta(kv.key));
                }
            }
        }
        return keys;
    }

    /** Emits the requested key's (or every key's) aggregate as of the task's stream time; changes no state. */
    private void answer(AggregateRequest request) {
        loadHighWater();
        if (highWater == NONE) {
            return;
        }
        List<String> keys = request.key() == null ? keys(lastTick -> true)
                : cache.containsKey(request.key()) || store.get(Journal.metaKey(request.key())) != null
                ? List.of(request.key()) : List.of();
        for (String key : keys) {
            KeyState s = cache.computeIfAbsent(key, this::load);
            OperatorResult r = s.operator.result();
            if (op.window() instanceof Window.Time t) {
                OperatorResult w = evaluateTimeWindowAt(key, highWater + 1, t.spanMillis());
                r = new OperatorResult(w.value(), w.unit(), w.windowStart(), highWater, w.events(), w.pValue(), w.regime());
            }
            context.forward(new Record<>(key, aggregate(key, s, highWater, r, AggregateRecord.REQUEST), highWater));
        }
    }

    private void loadHighWater() {
        if (!highWaterLoaded) {
            byte[] bytes = store.get(Journal.HIGH_WATER_KEY);
            highWater = bytes == null ? NONE : Journal.decodeLong(bytes);
            highWaterLoaded = true;
        }
    }

    /**
     * Emits the key's aggregate at each interval boundary in (lastTick, target] (the last
     * {@link #MAX_CATCH_UP}); true when it emitted (lastTick and the provenance changed). Stops at
     * the first boundary where the key {@link #expired}, so both paths expire it at the same boundary.
     */
    private boolean catchUp(String key, KeyState s, long target) {
        if (target <= s.lastTick) {
            return false;
        }
        long from = Math.max(s.lastTick + 1, target - MAX_CATCH_UP + 1);
        for (long tick = from; tick <= target; tick++) {
            emit(key, s, tick * interval);
            s.lastTick = tick;
            if (expired(s)) {
                return true;
            }
        }
        return true;
    }

    private void emit(String key, KeyState s, long time) {
        emit(key, s, time, AggregateRecord.INTERVAL);
        s.offsetFrom = -1;
    }

    private void emit(String key, KeyState s, long time, String trigger) {
        OperatorResult r = op.window() instanceof Window.Time t ? evaluateTimeWindowAt(key, time, t.spanMillis())
                : s.operator.result();
        context.forward(new Record<>(key, aggregate(key, s, time, r, trigger), time));
    }

    /** Whether the key, caught up to its last boundary, is more than expire-after behind it. */
    private boolean expired(KeyState s) {
        return expireAfter > 0 && s.maxTime != NONE && s.maxTime <= s.lastTick * interval - expireAfter;
    }

    /**
     * Forgets an expired key at its last boundary b: emits its last aggregate there (trigger
     * {@link AggregateRecord#EXPIRED}, which makes the rules resolve its firing alerts), deletes its
     * journal, checkpoint and meta record, and returns a fresh state (caught up to b) in the cache.
     */
    private KeyState forget(String key, KeyState s) {
        emit(key, s, s.lastTick * interval, AggregateRecord.EXPIRED);
        List<String> records = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(Journal.firstChunkKey(key), Journal.lastChunkKey(key))) {
            it.forEachRemaining(kv -> records.add(kv.key));
        }
        records.add(Journal.checkpointKey(key));
        records.add(Journal.metaKey(key));
        records.forEach(store::delete);
        KeyState fresh = new KeyState(key, op.newOperator(), stride);
        fresh.lastTick = s.lastTick;
        cache.put(key, fresh);
        return fresh;
    }

    private AggregateRecord aggregate(String key, KeyState s, long time, OperatorResult r, String trigger) {
        return new AggregateRecord(monitor, key, op.name(), op.type(), signalNames, time, r.value(),
                r.unit(), r.windowStart(), r.windowEnd(), r.events(), s.eventsSeen, r.pValue(), r.regime(),
                s.offsetFrom < 0 ? null : new Provenance(s.topic, s.partition, s.offsetFrom, s.offsetTo), trigger);
    }

    /**
     * A time window evaluated at boundary {@code time}: the key's journalled events with event time
     * in (time &minus; span, time), replayed in arrival order into a fresh operator; bounds
     * [time &minus; span + 1, time]. (The live operator's window is relative to the key's own latest
     * event, which for a quiet key lies in the past.) O(window) per call.
     */
    private OperatorResult evaluateTimeWindowAt(String key, long time, long span) {
        StreamingOperator fresh = op.newOperator();
        long[] inputs = new long[stride - 1];
        long cutoff = time - span;
        try (KeyValueIterator<String, byte[]> it = store.range(Journal.firstChunkKey(key), Journal.lastChunkKey(key))) {
            while (it.hasNext()) {
                long[] entries = Journal.decodeEntries(it.next().value, stride);
                for (int p = 0; p + stride <= entries.length; p += stride) {
                    if (entries[p] > cutoff && entries[p] < time) {
                        System.arraycopy(entries, p + 1, inputs, 0, inputs.length);
                        fresh.update(entries[p], inputs);
                    }
                }
            }
        }
        OperatorResult r = fresh.result();
        return new OperatorResult(r.value(), r.unit(), cutoff + 1, time, r.events(), r.pValue(), r.regime());
    }

    /** Writes the event into the key's current chunk (starting a new one every {@link Journal#CHUNK} events). */
    private void append(KeyState s, long time, long[] inputs) {
        long chunk = s.nextSeq / Journal.CHUNK;
        int pos = (int) (s.nextSeq % Journal.CHUNK);
        if (pos == 0) {
            s.chunkKey = Journal.chunkKey(s.key, chunk);
            s.chunks.addLast(new long[] {chunk, time});
            s.entriesLength = 0;
            s.lastEntryTime = 0;
        }
        s.entriesLength = Journal.putVarLong(s.entries, s.entriesLength, time - s.lastEntryTime);
        s.lastEntryTime = time;
        for (long input : inputs) {
            s.entriesLength = Journal.putVarLong(s.entries, s.entriesLength, input);
        }
        long[] tail = s.chunks.peekLast();
        tail[1] = Math.max(tail[1], time);
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
            if (op.checkpointed()) {
                gone = true; // the checkpoint holds the state before the current chunk
            } else if (op.window() instanceof Window.Count c) {
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
        KeyState s = new KeyState(key, op.newOperator(), stride);
        byte[] meta = store.get(Journal.metaKey(key));
        if (meta == null) {
            return s;
        }
        s.lastTick = Journal.decodeLong(meta);
        if (op.checkpointed()) {
            OperatorCheckpoints.restore(store, key, s.operator);
        }
        long[] inputs = new long[stride - 1];
        byte[] last = null;
        long lastChunk = -1;
        try (KeyValueIterator<String, byte[]> it = store.range(Journal.firstChunkKey(key), Journal.lastChunkKey(key))) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                long chunk = Journal.chunkIndex(kv.key);
                long[] entries = Journal.decodeEntries(kv.value, stride);
                long maxTime = NONE;
                for (int p = 0; p + stride <= entries.length; p += stride) {
                    System.arraycopy(entries, p + 1, inputs, 0, inputs.length);
                    s.operator.update(entries[p], inputs);
                    maxTime = Math.max(maxTime, entries[p]);
                }
                s.chunks.addLast(new long[] {chunk, maxTime});
                last = kv.value;
                lastChunk = chunk;
                s.lastEntryTime = entries.length == 0 ? 0 : entries[entries.length - stride];
            }
        }
        if (last != null) {
            Journal.Header h = Journal.decodeHeader(last);
            s.nextSeq = h.nextSeq();
            s.eventsSeen = h.eventsSeen();
            s.maxTime = h.maxTime();
            s.setTopic(h.topic());
            s.partition = h.partition();
            s.offsetFrom = h.offsetFrom();
            s.offsetTo = h.offsetTo();
            s.chunkKey = Journal.chunkKey(key, lastChunk);
            int start = Journal.entriesStart(last);
            s.entriesLength = last.length - start;
            System.arraycopy(last, start, s.entries, 0, s.entriesLength);
        }
        return s;
    }

    /** A key's live state: the operator (derived) and the journal bookkeeping. */
    private static final class KeyState {
        final String key;
        final StreamingOperator operator;
        /** Per chunk still in the store, oldest first: {chunk index, latest event time in it}. */
        final ArrayDeque<long[]> chunks = new ArrayDeque<>();
        /** The current chunk's encoded events (never handed to the store: {@link #encodeChunk} copies). */
        final byte[] entries;
        int entriesLength;
        /** Time of the current chunk's last event (the base of the next time difference). */
        long lastEntryTime;
        String chunkKey;
        long nextSeq;
        long lastTick = NONE;
        long eventsSeen;
        long maxTime = NONE;
        String topic = "";
        byte[] topicBytes = new byte[0];
        int partition = -1;
        long offsetFrom = -1;
        long offsetTo = -1;

        KeyState(String key, StreamingOperator operator, int stride) {
            this.key = key;
            this.operator = operator;
            this.entries = new byte[Journal.CHUNK * stride * Journal.MAX_VAR_LONG];
        }

        void setTopic(String t) {
            if (!t.equals(topic)) {
                topic = t;
                topicBytes = t.getBytes(StandardCharsets.UTF_8);
            }
        }

        /** A fresh copy of the current chunk record, with the key's bookkeeping in its header. */
        byte[] encodeChunk() {
            return Journal.encodeChunk(new Journal.Header(nextSeq, eventsSeen, maxTime, topic, partition, offsetFrom,
                    offsetTo), topicBytes, entries, entriesLength);
        }
    }
}
