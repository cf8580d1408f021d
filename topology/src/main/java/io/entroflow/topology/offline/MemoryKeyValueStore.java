package io.entroflow.topology.offline;

import io.entroflow.topology.stream.DeferredWrites;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * An in-memory key-value store of String keys for an offline task, iterated in the order Kafka
 * Streams' persistent String-keyed stores use: the keys' UTF-8 bytes, unsigned (= code point order,
 * which differs from {@link String#compareTo} for characters beyond U+FFFF). Point reads and writes
 * go to a hash map, O(1); a sorted index of the keys is updated only when a key appears or goes,
 * O(log n). A {@code null} value deletes, as in Kafka Streams. Iterators see the keys present when
 * they were opened (and their values as of each {@code next()}; deleted ones are skipped), like
 * Kafka Streams' in-memory store, whose iterators copy the keys; here an open iterator walks the
 * sorted index itself and copies its remaining keys only when a key is added or removed while it is
 * open, so a scan that changes nothing copies nothing. Not thread-safe (one task, one thread).
 */
final class MemoryKeyValueStore implements KeyValueStore<String, byte[]>, DeferredWrites {
    /** UTF-8 byte order of two strings = the order of their code points. */
    static final Comparator<String> UTF8_ORDER = MemoryKeyValueStore::compareUtf8;

    /**
     * {@link #UTF8_ORDER}: below U+D800 code units and code points agree, so the first differing
     * pair of units decides unless one of them is a surrogate or above (then code points compare).
     */
    private static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char ca = a.charAt(k);
            char cb = b.charAt(k);
            if (ca != cb) {
                return ca < 0xD800 && cb < 0xD800 ? Character.compare(ca, cb) : compareCodePoints(a, b);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private final String name;
    private final HashMap<String, byte[]> values = new HashMap<>();
    private final NavigableSet<String> keys = new TreeSet<>(UTF8_ORDER);
    private final List<Scan> scans = new ArrayList<>();
    private boolean open = true;

    MemoryKeyValueStore(String name) {
        this.name = name;
    }

    /**
     * An offline task never commits and nothing reads its stores from outside, so this store never
     * writes through: a writer's held-back values (see {@link DeferredWrites}) stay with it, put only
     * when the writer reads its own records back or drops them from memory.
     */
    @Override
    public void beforeWriteThrough(Runnable flush) {
    }

    @Override
    public void put(String key, byte[] value) {
        if (value == null) {
            delete(key);
        } else if (values.put(key, value) == null) { // a new key: open scans copy the keys they have left first
            detachScans();
            keys.add(key);
        }
    }

    @Override
    public byte[] putIfAbsent(String key, byte[] value) {
        byte[] old = values.get(key);
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
        byte[] old = values.remove(key);
        if (old != null) { // open scans skip the key from now on (no value), and copy the keys they have left
            detachScans();
            keys.remove(key);
        }
        return old;
    }

    @Override
    public byte[] get(String key) {
        return values.get(key);
    }

    /** The entries with from &le; key &le; to (UTF-8 order); empty when from &gt; to, as in Kafka Streams. */
    @Override
    public KeyValueIterator<String, byte[]> range(String from, String to) {
        if (from != null && to != null && UTF8_ORDER.compare(from, to) > 0) {
            return scan(java.util.Collections.emptyIterator());
        }
        NavigableSet<String> s = keys;
        if (from != null) {
            s = s.tailSet(from, true);
        }
        if (to != null) {
            s = s.headSet(to, true);
        }
        return scan(s.iterator());
    }

    /**
     * The entries whose key starts with {@code prefix} (serialized with {@code prefixKeySerializer}
     * and read back as UTF-8, as Kafka Streams compares the key bytes), in UTF-8 order. O(log n + matches).
     */
    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, byte[]> prefixScan(
            P prefix, PS prefixKeySerializer) {
        String p = new String(prefixKeySerializer.serialize(name, prefix), java.nio.charset.StandardCharsets.UTF_8);
        java.util.Iterator<String> tail = keys.tailSet(p, true).iterator();
        return scan(new java.util.Iterator<>() {
            private String next = advance();

            private String advance() {
                if (tail.hasNext()) {
                    String k = tail.next();
                    if (k.startsWith(p)) {
                        return k;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String k = next;
                next = advance();
                return k;
            }
        });
    }

    @Override
    public KeyValueIterator<String, byte[]> all() {
        return scan(keys.iterator());
    }

    @Override
    public long approximateNumEntries() {
        return values.size();
    }

    private KeyValueIterator<String, byte[]> scan(java.util.Iterator<String> live) {
        Scan scan = new Scan(live);
        scans.add(scan);
        return scan;
    }

    /** The key set is about to change: every open scan copies the keys it has not reached yet. */
    private void detachScans() {
        for (Scan s : scans) {
            s.detach();
        }
        scans.clear();
    }

    /** An iterator over the keys present when it was opened; see the class description. */
    private final class Scan implements KeyValueIterator<String, byte[]> {
        private java.util.Iterator<String> keysLeft;
        private KeyValue<String, byte[]> next;
        private boolean closed;

        Scan(java.util.Iterator<String> live) {
            this.keysLeft = live;
        }

        void detach() {
            List<String> rest = new ArrayList<>();
            keysLeft.forEachRemaining(rest::add);
            keysLeft = rest.iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null && keysLeft.hasNext()) {
                String k = keysLeft.next();
                byte[] v = values.get(k);
                if (v != null) {
                    next = KeyValue.pair(k, v);
                }
            }
            if (next == null) {
                close();
            }
            return next != null;
        }

        @Override
        public KeyValue<String, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<String, byte[]> r = next;
            next = null;
            return r;
        }

        @Override
        public String peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                scans.remove(this);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
