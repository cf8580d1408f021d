package io.entroflow.topology.stream;

import io.entroflow.operators.window.Window;
import io.entroflow.topology.operator.StreamingOperator;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One operator's per-key state in its store, and the cache of live operators rebuilt from it.
 *
 * <p>Design (measured: docs/architecture.md, "State and exactly-once"): the store holds a chunked journal of each key's window
 * contents (record layout in {@link Journal}); the operator objects live in a plain map that is only
 * a cache of the derived sums, cleared in {@link #init} and rebuilt for a key on first access by
 * replaying its chunks into a fresh operator ({@link #state}). Each event updates the operator and
 * the key's current chunk, whose header carries the key's bookkeeping (sequence, counts,
 * provenance) ({@link #append}); a fresh copy of the chunk is put after every event, or, when the
 * store takes deferred writes ({@link DeferredWrites}: the {@link WriteBackStore}, the offline
 * store), once when the store writes through (a commit) and whenever the journal reads the key's
 * records back, evicts or deletes the key or starts its next chunk, so the store holds the same at
 * every commit and a change of the key costs one flag per event. The key's last emitted interval
 * and its due interval are in the same header ({@link #putLastTick}); its meta record, put once when
 * the key becomes live, marks it live (and holds its intervals for chunks written before the header
 * held them: those stores are read as they are); the task's event-time high-water mark is one more
 * record. Chunks whose events have all left the window (count windows:
 * by sequence; time windows: by event time older than span + lateness behind the key's latest time)
 * are deleted. The operators keep &Sigma; w ln w exactly, so a rebuilt operator is bit-identical to
 * the original. Operators over decay and cumulative windows depend on all history: they are
 * persisted as checkpoint + journal tail ({@link OperatorCheckpoints}, {@link #beforeUpdate}).
 *
 * <p>Cost: O(1) amortised store work per event (one put, or with deferred writes one per key and
 * write-through plus one per {@link Journal#CHUNK} events; a delete per chunk that leaves the
 * window, a checkpoint per {@link Journal#CHUNK} events when checkpointed); a rebuild costs one
 * range scan and replay of the key's window, and a read of its {@link #events} one range scan, or
 * none right after its rebuild. Not thread-safe: owned by
 * one processor instance on its stream thread.
 */
final class KeyJournal {
    /** The value of a due-index entry and of {@link Journal#INDEXED_KEY} (only the key matters). */
    private static final byte[] DUE = new byte[0];
    private final PlannedOperator op;
    private final String storeName;
    /** Longs per journalled event: the time, then one per input signal. */
    private final int stride;
    /** Bit i set for each input signal i of the operator. */
    private final long signalMask;
    /** Time windows: how far behind the key's latest event time a chunk is kept (span + lateness). */
    private final long retentionMillis;
    private final LruCache<KeyState> cache;
    /** Keys whose current chunk changed since it was last put, when the store takes deferred writes; null: every change is put at once. */
    private HeldBackWrites<KeyState> held;
    /** The high-water mark to put at the next write-through ({@link KeyState#NONE}: none held back). */
    private long heldHighWater = KeyState.NONE;
    private final Function<String, KeyState> loader = this::load;
    private KeyValueStore<String, byte[]> store;
    /** Keys rebuilt from the store since the start (cache misses of keys with a meta record). */
    private long rebuilds;
    /** Keys with a meta record in the store; mirrored in the store's {@link Journal#LIVE_KEYS_KEY} record. */
    private long liveKeys;
    /**
     * Time windows: the events the last rebuild read ({@link #load}), of state {@link #rebuiltState} at
     * sequence {@link #rebuiltSeq}; taken by {@link #events}, null once taken.
     */
    private JournalEvents rebuiltEvents;
    private KeyState rebuiltState;
    private long rebuiltSeq;

    /** A journal whose cache holds {@link io.entroflow.schemas.spec.MonitorSpec.Aggregates#DEFAULT_CACHE_KEYS} keys. */
    KeyJournal(PlannedOperator op, String storeName, long latenessMillis) {
        this(op, storeName, latenessMillis, io.entroflow.schemas.spec.MonitorSpec.Aggregates.DEFAULT_CACHE_KEYS);
    }

    /** @param cacheKeys live operators held in memory, least recently used evicted (&ge; 1) */
    KeyJournal(PlannedOperator op, String storeName, long latenessMillis, int cacheKeys) {
        this.cache = new LruCache<>(cacheKeys, this::putIfChanged);
        this.op = op;
        this.storeName = storeName;
        this.stride = 1 + op.signalIndices().length;
        long mask = 0;
        for (int i : op.signalIndices()) {
            mask |= 1L << i;
        }
        this.signalMask = mask;
        this.retentionMillis = op.window() instanceof Window.Time t ? t.spanMillis() + latenessMillis : 0;
    }

    /**
     * Attaches the store of {@code context} and empties the cache (a task (re)start). When the store
     * takes deferred writes, each key's current chunk is put when the store writes through (a commit,
     * or a read of the store), not after every event.
     */
    void init(ProcessorContext<?, ?> context) {
        this.store = context.getStateStore(storeName);
        DeferredWrites deferred = DeferredWrites.of(store);
        held = deferred == null ? null : new HeldBackWrites<>(s -> store.put(s.chunkKey, encodeChunk(s)), cache::size);
        heldHighWater = KeyState.NONE;
        if (deferred != null) {
            deferred.beforeWriteThrough(this::writeThrough);
        }
        cache.clear();
        rebuiltEvents = null;
        rebuiltState = null;
        liveKeys = -1; // read from the store on first use
    }

    /**
     * Keys of this task with state in the store (a meta record): a key becomes live with its first
     * meta record and leaves when {@link #delete deleted} (expired). Kept in the store with the
     * records it counts, so it is exact after a restart or a crash. O(1) (the first call after
     * {@link #init} on a store written before the count was kept scans the meta records once).
     */
    long liveKeys() {
        if (liveKeys < 0) {
            byte[] count = store.get(Journal.LIVE_KEYS_KEY);
            liveKeys = count != null ? Journal.decodeLong(count) : keys().size();
        }
        return liveKeys;
    }

    /**
     * The key's live state: from the cache, or rebuilt from the store (empty if the key has no meta
     * record), evicting the least recently used key when the cache is full. Every field of a state is
     * in the store once the caller has put what it changed, so an evicted key rebuilds bit-identically.
     */
    KeyState state(String key) {
        return cache.computeIfAbsent(key, loader);
    }

    /** Keys rebuilt from the store since this journal was created (tests and benchmarks: cache misses). */
    long rebuilds() {
        return rebuilds;
    }

    /** Live operators held in memory now (&le; the cache's capacity). */
    int cached() {
        return cache.size();
    }

    /** Whether the key is live: cached, or with a meta record in the store. */
    boolean contains(String key) {
        return cache.containsKey(key) || store.get(Journal.metaKey(key)) != null;
    }

    /** The task's keys (from the store's meta records). One full scan. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (Journal.isMetaKey(kv.key)) {
                    keys.add(Journal.keyOfMeta(kv.key));
                }
            }
        }
        return keys;
    }

    /** The stored event-time high-water mark of the task (or the one held back), or {@link KeyState#NONE}. */
    long highWater() {
        if (heldHighWater != KeyState.NONE) {
            return heldHighWater;
        }
        byte[] bytes = store.get(Journal.HIGH_WATER_KEY);
        return bytes == null ? KeyState.NONE : Journal.decodeLong(bytes);
    }

    /** Puts the task's event-time high-water mark: at once, or (deferred writes) when the store writes through. */
    void putHighWater(long highWater) {
        if (held == null) {
            store.put(Journal.HIGH_WATER_KEY, Journal.encodeLong(highWater));
        } else {
            heldHighWater = highWater;
        }
    }

    /** Puts what the store's write-through needs: the held-back high-water mark and chunks. */
    private void writeThrough() {
        if (heldHighWater != KeyState.NONE) {
            store.put(Journal.HIGH_WATER_KEY, Journal.encodeLong(heldHighWater));
            heldHighWater = KeyState.NONE;
        }
        held.putAll();
    }

    /**
     * Records the key's last emitted interval and the interval it is next due: in its current chunk's
     * header (put now, or with deferred writes at the write-through, with the chunk's other changes);
     * the key's first call also puts its meta record, which marks it live (and holds the intervals
     * until the key has a chunk, and for chunks written before the header held them).
     */
    void putLastTick(KeyState s) {
        boolean first = !s.stored;
        if (first) {
            putLiveKeys(liveKeys() + 1); // counted before the put: a first count scans the meta records
            s.stored = true;
        }
        if (first || s.chunkKey == null) {
            store.put(s.metaKey, Journal.encodeMeta(s.lastTick, s.dueTick));
        }
        putChunk(s);
    }

    /**
     * Makes the key due at interval {@code tick} ({@link KeyState#NONE}: never) in the due index:
     * moves its index entry and puts its meta record when the tick changed; else changes nothing.
     */
    void schedule(KeyState s, long tick) {
        if (tick == s.dueTick) {
            return;
        }
        if (s.dueTick != KeyState.NONE) {
            remove(Journal.dueKeyOfStored(s.dueTick, s.storeKey));
        }
        if (tick != KeyState.NONE) {
            store.put(Journal.dueKeyOfStored(tick, s.storeKey), DUE);
        }
        s.dueTick = tick;
        putLastTick(s);
    }

    /**
     * The first {@code limit} due-index entries at an interval &le; {@code tick}, by due interval then
     * store key (the event key: {@link Journal#keyOfDue}), after the entry {@code after} (null: from
     * interval {@code from} on, or from the first entry if that is {@link KeyState#NONE}). One range scan
     * of the due index.
     */
    List<String> dueEntries(long tick, int limit, String after, long from) {
        List<String> entries = new ArrayList<>();
        String first = after != null ? after + '\u0000' // the least key above it
                : from == KeyState.NONE ? Journal.firstDueKey() : Journal.firstDueKey(from);
        String last = Journal.lastDueKey(tick);
        if (first.compareTo(last) > 0) {
            return entries; // the floor is above the target (a second complete pass at one target)
        }
        try (KeyValueIterator<String, byte[]> it = store.range(first, last)) {
            while (entries.size() < limit && it.hasNext()) {
                entries.add(it.next().key);
            }
        }
        return entries;
    }

    /** Deletes a due-index entry whose key has no state (none is written so; a guard, not a path). */
    void deleteDueEntry(String entry) {
        remove(entry);
    }

    /**
     * Puts every key whose meta record predates the due index (8 bytes) into it, due at its next
     * interval (its first catch-up then schedules it properly), once per store: afterwards, and in a
     * store created with the index, {@link Journal#INDEXED_KEY} is present and this reads one record.
     */
    void indexKeysOnce() {
        if (store.get(Journal.INDEXED_KEY) != null) {
            return;
        }
        List<KeyValue<String, Long>> old = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (Journal.isMetaKey(kv.key) && Journal.predatesIndex(kv.value)) {
                    old.add(KeyValue.pair(Journal.keyOfMeta(kv.key), Journal.decodeLong(kv.value)));
                }
            }
        }
        for (KeyValue<String, Long> kv : old) {
            KeyState s = state(kv.key);
            schedule(s, s.lastTick + 1);
        }
        markIndexed();
    }

    /** Records that every key of the store is in the due index (a store created with it). */
    void markIndexed() {
        store.put(Journal.INDEXED_KEY, DUE);
    }

    /**
     * The key's journalled events, decoded (time windows: where the window changes and what it holds at
     * each boundary, from one read). Those its rebuild just read, when {@code s} was rebuilt from the
     * store by the last {@link #state} call that missed the cache and has had no event since (no store
     * read then); else one range scan of its chunks.
     */
    JournalEvents events(KeyState s) {
        JournalEvents events = rebuiltEvents;
        rebuiltEvents = null;
        if (events != null && rebuiltState == s && rebuiltSeq == s.nextSeq) {
            rebuiltState = null;
            return events;
        }
        rebuiltState = null;
        putIfChanged(s.key);
        return readEvents(s.key);
    }

    /** The key's journalled events in the store. One range scan of its chunks. */
    private JournalEvents readEvents(String key) {
        return readEvents(store, key, stride);
    }

    /** The journalled events of the key in {@code store}, {@code stride} longs each. One range scan of its chunks. */
    private static JournalEvents readEvents(ReadOnlyKeyValueStore<String, byte[]> store, String key, int stride) {
        JournalEvents events = new JournalEvents(stride);
        try (KeyValueIterator<String, byte[]> it = store.range(Journal.firstChunkKey(key), Journal.lastChunkKey(key))) {
            while (it.hasNext()) {
                events.add(Journal.decodeEntries(it.next().value, stride));
            }
        }
        return events;
    }

    /**
     * Deletes a record: a put of null, which deletes as {@link KeyValueStore#delete} does (the same
     * tombstone in the changelog) without its read of the old value (a store read per move of a due-index
     * entry otherwise, in RocksDB when the entry was written through).
     */
    private void remove(String storeKey) {
        store.put(storeKey, null);
    }

    private void putLiveKeys(long n) {
        liveKeys = n;
        store.put(Journal.LIVE_KEYS_KEY, Journal.encodeLong(n));
    }

    /** Re-puts the key's current chunk (its header after a change of bookkeeping), if it has one. */
    private void putChunk(KeyState s) {
        if (s.chunkKey != null) {
            changed(s);
        }
    }

    /** The key's current chunk changed: put now, or (deferred writes) when the store writes through. */
    private void changed(KeyState s) {
        if (held == null) {
            store.put(s.chunkKey, encodeChunk(s));
        } else {
            held.changed(s);
        }
    }

    /** Puts the key's current chunk if it changed since it was last put. */
    private void putIfChanged(KeyState s) {
        if (held != null) {
            held.putIfChanged(s);
        }
    }

    /** Puts the key's current chunk if it changed, before its records are read back from the store. */
    private void putIfChanged(String key) {
        if (held != null) {
            KeyState s = cache.get(key);
            if (s != null) {
                held.putIfChanged(s);
            }
        }
    }

    /**
     * Before the operator admits the key's next event: its checkpoint at a chunk boundary (decay and
     * cumulative windows), to hand to {@link #append}; else null. Changes nothing.
     */
    byte[] beforeUpdate(KeyState s) {
        return op.checkpointed() ? OperatorCheckpoints.beforeEvent(s.nextSeq, s.operator) : null;
    }

    /** Drops the key's live state (its operator may be half-updated): the next access rebuilds it from the store. */
    void evict(String key) {
        putIfChanged(key); // the chunk as of the key's last event: append has not run for this one
        cache.remove(key);
    }

    /**
     * After the operator admitted event {@code e} with {@code inputs}: puts {@code checkpoint} (from
     * {@link #beforeUpdate}, or null), writes the event into the key's
     * current chunk (a new one every {@link Journal#CHUNK} events), updates the bookkeeping, deletes
     * the chunks that left the window and puts a fresh copy of the current chunk.
     */
    void append(KeyState s, SignalEvent e, long[] inputs, byte[] checkpoint) {
        OperatorCheckpoints.put(store, s.key, checkpoint);
        long time = e.time();
        long chunk = s.nextSeq / Journal.CHUNK;
        int pos = (int) (s.nextSeq % Journal.CHUNK);
        if (pos == 0) {
            if (s.chunkKey != null) {
                putIfChanged(s); // the finished chunk as of its last event
            }
            s.chunkKey = Journal.chunkKeyOfStored(s.storeKey, chunk);
            s.tail = new long[] {chunk, time};
            s.chunks.addLast(s.tail);
            s.entriesLength = 0;
            s.lastEntryTime = 0;
        }
        s.entriesLength = Journal.putVarLong(s.entries, s.entriesLength, time - s.lastEntryTime);
        s.lastEntryTime = time;
        for (long input : inputs) {
            s.entriesLength = Journal.putVarLong(s.entries, s.entriesLength, input);
        }
        long[] tail = s.tail;
        tail[1] = Math.max(tail[1], time);
        s.nextSeq++;
        s.eventsSeen++;
        if ((e.overflowed() & signalMask) != 0) {
            s.overflowed++;
        }
        s.maxTime = Math.max(s.maxTime, time);
        s.source.add(e.topic(), e.partition(), e.offset());
        if (pruneDue(s, pos)) {
            prune(s);
        }
        changed(s);
    }

    /**
     * Deletes the key's journal, checkpoint, meta record and due-index entry, and drops it from the
     * cache: its next access starts it afresh.
     */
    void delete(KeyState s) {
        putIfChanged(s); // so that the deletes below are the same whenever the store was last written
        String key = s.key;
        List<String> records = new ArrayList<>();
        if (s.dueTick != KeyState.NONE) {
            records.add(Journal.dueKeyOfStored(s.dueTick, s.storeKey));
        }
        try (KeyValueIterator<String, byte[]> it = store.range(Journal.firstChunkKey(key), Journal.lastChunkKey(key))) {
            it.forEachRemaining(kv -> records.add(kv.key));
        }
        records.add(Journal.checkpointKey(key));
        records.add(s.metaKey);
        if (store.get(s.metaKey) != null) {
            putLiveKeys(liveKeys() - 1); // counted before the deletes: a first count scans the meta records
        }
        records.forEach(this::remove);
        cache.remove(key);
    }

    /** A fresh, empty state for the key, put in the cache (after {@link #delete}). */
    KeyState fresh(String key) {
        KeyState s = new KeyState(key, op.newOperator(), stride);
        cache.put(key, s);
        return s;
    }

    /**
     * A fresh operator fed, in arrival order, with the journalled events of the key in {@code store} (a
     * read-only view of an operator's store) whose event time is in ({@code after}, {@code before}).
     * O(journal) per call; changes nothing. The stream thread replays from {@link #events} instead.
     */
    static StreamingOperator replay(PlannedOperator op, ReadOnlyKeyValueStore<String, byte[]> store, String key,
                                    long after, long before) {
        return readEvents(store, key, 1 + op.signalIndices().length).replay(op, after, before);
    }

    private void prune(KeyState s) {
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
            remove(Journal.chunkKeyOfStored(s.storeKey, oldest[0]));
            s.chunks.pollFirst();
        }
    }

    /**
     * Whether a chunk may have left the window with the event just appended at position {@code pos}
     * of its chunk (every chunk that left before has been deleted): a count window's oldest chunk
     * leaves when the event count behind the window reaches a multiple of {@link Journal#CHUNK}, a
     * checkpointed operator's when a chunk begins; a time window's may leave with any event.
     */
    private boolean pruneDue(KeyState s, int pos) {
        if (op.checkpointed()) {
            return pos == 0;
        }
        if (op.window() instanceof Window.Count c) {
            return (s.nextSeq - c.size()) % Journal.CHUNK == 0;
        }
        return true;
    }

    /**
     * Rebuilds the key from the store: meta record, checkpoint (if any), then a replay of its chunks;
     * for a time window, the chunks' events are kept for {@link #events} (the last rebuilt key only).
     */
    private KeyState load(String key) {
        JournalEvents events = retentionMillis > 0 ? new JournalEvents(stride) : null;
        KeyState s = rebuild(op, stride, store, key, events);
        if (s.lastTick != KeyState.NONE) {
            rebuilds++;
        }
        rebuiltEvents = events;
        rebuiltState = s;
        rebuiltSeq = s.nextSeq;
        return s;
    }

    /**
     * The key's state rebuilt from {@code store} (read only: the stream thread's own store, or an
     * interactive-query view of it): meta record, checkpoint (read only when the key's oldest chunk is
     * not its first: a checkpoint is put with the start of every later chunk and the chunks before it
     * deleted in the same step), then a replay of its chunks into a fresh operator; empty (no events,
     * {@link KeyState#lastTick} NONE) if the key has no meta record. O(window) per call.
     */
    static KeyState rebuild(PlannedOperator op, ReadOnlyKeyValueStore<String, byte[]> store, String key) {
        return rebuild(op, 1 + op.signalIndices().length, store, key, null);
    }

    /** {@link #rebuild(PlannedOperator, ReadOnlyKeyValueStore, String)}, adding the chunks' events to {@code events} if not null. */
    private static KeyState rebuild(PlannedOperator op, int stride, ReadOnlyKeyValueStore<String, byte[]> store,
                                    String key, JournalEvents events) {
        KeyState s = new KeyState(key, op.newOperator(), stride);
        byte[] meta = store.get(Journal.metaKey(key));
        if (meta == null) {
            return s;
        }
        s.lastTick = Journal.decodeLong(meta);
        s.dueTick = Journal.dueOfMeta(meta, KeyState.NONE);
        s.stored = true;
        long[] inputs = new long[stride - 1];
        byte[] last = null;
        long lastChunk = -1;
        try (KeyValueIterator<String, byte[]> it = store.range(Journal.firstChunkKey(key), Journal.lastChunkKey(key))) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                long chunk = Journal.chunkIndex(kv.key);
                if (last == null && chunk > 0 && op.checkpointed()) {
                    // a checkpoint exists once the key's first chunk was replaced (OperatorCheckpoints):
                    // not looked up before, as a read of an absent record is the store's slowest read
                    OperatorCheckpoints.restore(store, key, s.operator);
                }
                long[] entries = Journal.decodeEntries(kv.value, stride);
                if (events != null) {
                    events.add(entries);
                }
                long maxTime = KeyState.NONE;
                for (int p = 0; p + stride <= entries.length; p += stride) {
                    System.arraycopy(entries, p + 1, inputs, 0, inputs.length);
                    s.operator.update(entries[p], inputs);
                    maxTime = Math.max(maxTime, entries[p]);
                }
                s.tail = new long[] {chunk, maxTime};
                s.chunks.addLast(s.tail);
                last = kv.value;
                lastChunk = chunk;
                s.lastEntryTime = entries.length == 0 ? 0 : entries[entries.length - stride];
            }
        }
        if (last != null) {
            Journal.Header h = Journal.decodeHeader(last);
            if (h.hasTicks()) { // else (a chunk written before the header held them) the meta record's
                s.lastTick = h.lastTick();
                s.dueTick = h.dueTick();
            }
            s.nextSeq = h.nextSeq();
            s.eventsSeen = h.eventsSeen();
            s.overflowed = h.overflowed();
            s.maxTime = h.maxTime();
            s.source.restore(h.topic(), h.partition(), h.offsetFrom(), h.offsetTo());
            s.chunkKey = Journal.chunkKey(key, lastChunk);
            int start = Journal.entriesStart(last);
            s.entriesLength = last.length - start;
            System.arraycopy(last, start, s.entries, 0, s.entriesLength);
        }
        return s;
    }

    /** A fresh copy of the key's current chunk record, with its bookkeeping in the header. */
    private static byte[] encodeChunk(KeyState s) {
        OffsetRange r = s.source;
        return Journal.encodeChunk(s.lastTick, s.dueTick, s.nextSeq, s.eventsSeen, s.maxTime, r.from(), r.to(),
                r.partition(), s.overflowed, r.topicBytes(), s.entries, s.entriesLength);
    }
}
