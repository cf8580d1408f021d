package io.entroflow.topology.stream;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A monitor store (String &rarr; byte[], persistent, changelogged) whose puts and deletes wait in a
 * plain map until the task commits, then go to the store and its changelog in one pass: the
 * monitor's own write-back cache in place of Kafka Streams' record cache.
 *
 * <p>Why: the processors re-put a key's current record on every event (the signal state, the
 * journal's current chunk, the high-water mark); Kafka Streams' record cache collapses these
 * re-puts too, but each put there serialises the key and goes through a sorted map of byte keys,
 * an LRU list and position tracking (the largest single cost of the stream thread in the profile,
 * docs/performance.md). Here a put is one {@link TreeMap#put} of the String key; what reaches the
 * store and the changelog at each commit is the same as with the record cache: the last value of
 * each key written since the previous commit, so every restart and exactly-once guarantee is unchanged.
 *
 * <p>Semantics (stream thread): {@link #get} sees the pending value (null after a pending delete);
 * {@link #range} and {@link #reverseRange} write the pending entries through first when one of them
 * lies in the range (else the store's range is already the answer: a due-index scan does not write
 * the journal's chunks through), {@link #prefixScan}, {@link #all} and the other reads always, then
 * read the store. The pending entries are kept in the store's key order (UTF-8 bytes, which is code
 * point order: {@link #CODE_POINT_ORDER}), so that check is one lookup and a write-through puts them
 * in key order, which RocksDB's memtable (a skip list) inserts faster than hash order (each insert
 * walks nodes the one before it just walked, still in the CPU's caches). Kafka Streams calls {@link #flushCache} before it flushes the changelog producer
 * and commits the transaction (and {@link #commit} on checkpoints): both write the pending entries
 * through first. {@link #clearCache} (a dirty task close under exactly-once) and {@link #close}
 * drop them, as the record cache does. More than {@link #MAX_PENDING_BYTES} pending bytes are written
 * through at once (bounded memory). Reads from another thread than the one that wrote the pending
 * entries (interactive queries) bypass them and see the store as of the last write-through.
 *
 * <p>Cost: O(log n) per put, get or delete of n pending keys (a delete reads the old value it returns; {@code put(key, null)}
 * deletes without that read); one store put (and changelog record) per pending key per commit, a
 * pending delete as a put of null (the same tombstone, without the store's read of the old value). Not thread-safe for writes: owned by one stream thread, like every task's stores.
 */
final class WriteBackStore extends WrappedStateStore<KeyValueStore<String, byte[]>, String, byte[]>
        implements KeyValueStore<String, byte[]>, DeferredWrites {
    /** Pending bytes (keys and values) above which the pending entries are written through. */
    static final long MAX_PENDING_BYTES = 4L << 20;
    /** Marks a pending delete in {@link #pending}. */
    private static final byte[] DELETED = new byte[0];

    /**
     * Strings in code point order, the order of their UTF-8 bytes (the store's order): UTF-16 order but
     * for surrogates (supplementary code points), which sort above U+E000&ndash;U+FFFF.
     */
    static final Comparator<String> CODE_POINT_ORDER = WriteBackStore::compareCodePoints;

    private final TreeMap<String, byte[]> pending = new TreeMap<>(CODE_POINT_ORDER);
    private long pendingBytes;
    /** The thread that wrote the pending entries (null when there are none). */
    private Thread owner;
    /** The writer's held-back values, put before every write-through ({@link DeferredWrites}); null: none. */
    private Runnable beforeWriteThrough;
    private boolean flushingWriter;

    private WriteBackStore(KeyValueStore<String, byte[]> store) {
        super(store);
    }

    /**
     * The builder of a monitor store named {@code name}: RocksDB, changelogged, String keys, byte[]
     * values, Kafka Streams' record cache off and this write-back cache on top.
     */
    static StoreBuilder<KeyValueStore<String, byte[]>> builder(String name) {
        StoreBuilder<KeyValueStore<String, byte[]>> inner = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray()).withCachingDisabled();
        return new Builder(inner);
    }

    /** A write-back store over {@code store} (tests: over an in-memory store). */
    static WriteBackStore over(KeyValueStore<String, byte[]> store) {
        return new WriteBackStore(store);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        drop();
        super.init(context, root);
    }

    @Override
    public void beforeWriteThrough(Runnable flush) {
        this.beforeWriteThrough = flush;
    }

    /** Holds the value; a null value holds a delete, without reading the old value as {@link #delete} does. */
    @Override
    public void put(String key, byte[] value) {
        hold(key, value == null ? DELETED : value);
    }

    @Override
    public byte[] putIfAbsent(String key, byte[] value) {
        byte[] old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<String, byte[]>> entries) {
        for (KeyValue<String, byte[]> e : entries) {
            put(e.key, e.value);
        }
    }

    @Override
    public byte[] delete(String key) {
        byte[] old = get(key);
        hold(key, DELETED);
        return old;
    }

    @Override
    public byte[] get(String key) {
        if (Thread.currentThread() == owner) {
            byte[] v = pending.get(key);
            if (v != null) {
                return v == DELETED ? null : v;
            }
        }
        return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<String, byte[]> range(String from, String to) {
        writeThroughIfPendingIn(from, to);
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<String, byte[]> reverseRange(String from, String to) {
        writeThroughIfPendingIn(from, to);
        return wrapped().reverseRange(from, to);
    }

    /** Writes through if this is the writer's thread and a pending key lies in [from, to] (null: unbounded). */
    private void writeThroughIfPendingIn(String from, String to) {
        if (Thread.currentThread() != owner) {
            return;
        }
        String first = pending.isEmpty() ? null : from == null ? pending.firstKey() : pending.ceilingKey(from);
        if (first != null && (to == null || compareCodePoints(first, to) <= 0)) {
            writeThrough();
        }
    }

    /** {@link #CODE_POINT_ORDER}. */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return surrogatesLast(x) - surrogatesLast(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Surrogates moved above U+E000..U+FFFF, both still above every char below U+D800 (ICU's code point order). */
    private static int surrogatesLast(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    @Override
    public KeyValueIterator<String, byte[]> all() {
        writeThroughIfOwner();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<String, byte[]> reverseAll() {
        writeThroughIfOwner();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        writeThroughIfOwner();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries() + pending.size();
    }

    @Override
    public void flushCache() {
        writeThrough();
        super.flushCache();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeThrough();
        super.commit(changelogOffsets);
    }

    @Override
    public void clearCache() {
        drop();
        super.clearCache();
    }

    @Override
    public void close() {
        drop();
        beforeWriteThrough = null;
        super.close();
    }

    private void hold(String key, byte[] value) {
        owner = Thread.currentThread(); // the processing thread: only it writes, and only it sees pending entries
        byte[] old = pending.put(key, value);
        pendingBytes += value.length + (old == null ? 2L * key.length() : -old.length);
        if (pendingBytes > MAX_PENDING_BYTES) {
            writeThrough();
        }
    }

    private void writeThroughIfOwner() {
        if (Thread.currentThread() == owner) {
            writeThrough();
        }
    }

    /**
     * Puts and deletes the pending entries in the store (and so its changelog), and empties them;
     * first the writer's held-back values join them ({@link DeferredWrites}).
     */
    private void writeThrough() {
        if (beforeWriteThrough != null && !flushingWriter) {
            flushingWriter = true; // its puts may pass the pending bound and write through themselves
            try {
                beforeWriteThrough.run();
            } finally {
                flushingWriter = false;
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        // one putAll: RocksDB applies it as one write batch (a put each paid RocksDB's write path, about half
        // of a write-through), and the changelog gets the same records in the same order
        List<KeyValue<String, byte[]>> entries = new ArrayList<>(pending.size());
        for (Map.Entry<String, byte[]> e : pending.entrySet()) {
            // a delete is a put of null: a tombstone without delete's read of the old value
            entries.add(KeyValue.pair(e.getKey(), e.getValue() == DELETED ? null : e.getValue()));
        }
        wrapped().putAll(entries); // in key order (see the class description)
        drop();
    }

    /** Empties the pending entries; with none, every thread reads the store alike, so the owner is unset. */
    private void drop() {
        pending.clear();
        pendingBytes = 0;
        owner = null;
    }

    /** Builds a {@link WriteBackStore} over the store of {@code inner}; logging settings go to {@code inner}. */
    private static final class Builder implements StoreBuilder<KeyValueStore<String, byte[]>> {
        private final StoreBuilder<KeyValueStore<String, byte[]>> inner;

        Builder(StoreBuilder<KeyValueStore<String, byte[]>> inner) {
            this.inner = inner;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, byte[]>> withCachingEnabled() {
            return this; // this store is its own cache
        }

        @Override
        public StoreBuilder<KeyValueStore<String, byte[]>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, byte[]>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, byte[]>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<String, byte[]> build() {
            return new WriteBackStore(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
