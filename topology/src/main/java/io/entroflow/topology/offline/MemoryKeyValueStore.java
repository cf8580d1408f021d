package io.entroflow.topology.offline;

import io.entroflow.topology.stream.DeferredWrites;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An in-memory key-value store of String keys for an offline task, iterated in the order Kafka
 * Streams' persistent String-keyed stores use: the keys' UTF-8 bytes, unsigned (= code point order,
 * which differs from {@link String#compareTo} for characters beyond U+FFFF). Point reads and writes
 * go to a hash map, O(1). The sorted index of the keys is split by the keys' first code point (one
 * {@link Bucket} each: the monitor's index and task records, which start with NUL, apart from the
 * keys' own records) and kept lazily: a new key is put in its bucket's hash set and sorted in only
 * when a scan reaches the bucket (or the set outgrows the sorted keys), so a key put and deleted
 * between two scans of its bucket never touches the sorted index, and a scan of the index records
 * does not pay for the keys' chunk records. The sorted keys are an array: the added keys are sorted
 * and merged in at once (O(n + m log m) for m added to n), and a deleted key stays in the array,
 * dead (scans skip keys without a value), until the next merge or until the dead outnumber the
 * live ones, so removing a key costs no search and keeping the index costs O(log m) per key. A
 * {@code null} value deletes, as in Kafka Streams. Iterators see the keys present when they were
 * opened (and their values as of each {@code next()}; deleted ones are skipped), like Kafka Streams'
 * in-memory store, whose iterators copy the keys; here an open iterator walks the sorted index
 * itself and copies its remaining keys when a key is added or removed while it is open, so a scan
 * that changes nothing copies nothing. Not thread-safe (one task, one thread).
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
    /** Fewest added keys of a bucket sorted in at once when no scan reaches it. */
    private static final int LAZY_MIN = 1024;
    private final int lazyMin;

    private final HashMap<String, byte[]> values = new HashMap<>();
    /** The buckets by first code point (-1: the empty key), in UTF-8 order of the keys they hold. */
    private final java.util.TreeMap<Integer, Bucket> buckets = new java.util.TreeMap<>();
    /** The buckets of the first code points below 128, for a lookup without boxing. */
    private final Bucket[] ascii = new Bucket[128];
    private final List<Scan> scans = new ArrayList<>();
    private boolean open = true;

    MemoryKeyValueStore(String name) {
        this(name, LAZY_MIN);
    }

    /** @param lazyMin fewest added keys of a bucket sorted in at once when no scan reaches it (tests: small) */
    MemoryKeyValueStore(String name, int lazyMin) {
        this.name = name;
        this.lazyMin = lazyMin;
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
            return;
        }
        if (!scans.isEmpty() && !values.containsKey(key)) {
            detachScans(); // a new key: open scans copy the keys they have left first
        }
        if (values.put(key, value) == null) { // a new key: sorted in when a scan reaches its bucket
            Bucket b = bucket(key);
            b.added.add(key);
            if (b.added.size() > Math.max(lazyMin, b.size)) {
                sortIn(b);
            }
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
        if (!scans.isEmpty() && values.containsKey(key)) {
            detachScans(); // open scans copy the keys they have left first
        }
        byte[] old = values.remove(key);
        if (old != null) {
            Bucket b = bucket(key);
            // a key not sorted in yet leaves no trace in the sorted index; a sorted-in one stays there, dead
            if (!b.added.remove(key) && ++b.dead > Math.max(lazyMin, b.size / 2)) {
                detachScans();
                b.dropDead(values);
            }
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
        java.util.NavigableMap<Integer, Bucket> reached = buckets;
        if (from != null) {
            reached = reached.tailMap(firstCodePoint(from), true);
        }
        if (to != null) {
            reached = reached.headMap(firstCodePoint(to), true);
        }
        return scan(keys(reached.values(), from, to));
    }

    /** The keys of {@code reached} (sorted in first) within [from, to] (null: unbounded), in order. */
    private java.util.Iterator<String> keys(java.util.Collection<Bucket> reached, String from, String to) {
        List<java.util.Iterator<String>> parts = new ArrayList<>(reached.size());
        for (Bucket b : reached) {
            sortIn(b);
            parts.add(b.iterator(from, to));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new java.util.Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                while (i < parts.size() && !parts.get(i).hasNext()) {
                    i++;
                }
                return i < parts.size();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return parts.get(i).next();
            }
        };
    }

    /** The bucket of keys starting with the key's first code point. */
    private Bucket bucket(String key) {
        int cp = firstCodePoint(key);
        if (cp >= 0 && cp < ascii.length) {
            Bucket b = ascii[cp];
            if (b == null) {
                b = new Bucket();
                ascii[cp] = b;
                buckets.put(cp, b);
            }
            return b;
        }
        return buckets.computeIfAbsent(cp, c -> new Bucket());
    }

    private static int firstCodePoint(String key) {
        return key.isEmpty() ? -1 : key.codePointAt(0);
    }

    /** Sorts the bucket's listed keys into its index, dropping its dead keys (open scans copy their keys first). */
    private void sortIn(Bucket b) {
        if (b.added.isEmpty()) {
            return;
        }
        detachScans();
        b.merge(values);
    }

    /**
     * The keys starting with one code point: {@code keys[0, size)} sorted in (UTF-8 order, no
     * duplicates; deleted ones included until dropped), and the keys added since the last merge.
     * Every key with a value is in exactly one of the two, except a key deleted and put again
     * before its dead copy was dropped (in both: the merge keeps one).
     */
    private static final class Bucket {
        String[] keys = new String[8];
        int size;
        /** Deletes of sorted-in keys since dead keys were last dropped (when to drop them; merges drop them too). */
        int dead;
        final java.util.Set<String> added = new java.util.HashSet<>();

        /** Merges the added keys in (sorted), dropping the keys without a value. O(n + m log m). */
        void merge(java.util.Map<String, byte[]> values) {
            String[] in = added.toArray(new String[0]);
            added.clear();
            Arrays.sort(in, UTF8_ORDER);
            String[] out = new String[Math.max(8, size + in.length)];
            int n = 0;
            int i = 0;
            int j = 0;
            while (i < size || j < in.length) {
                if (i < size && !values.containsKey(keys[i])) {
                    i++;
                    continue;
                }
                int c = i == size ? 1 : j == in.length ? -1 : UTF8_ORDER.compare(keys[i], in[j]);
                if (c < 0) {
                    out[n++] = keys[i++];
                } else {
                    out[n++] = in[j++];
                    if (c == 0) {
                        i++;
                    }
                }
            }
            keys = out;
            size = n;
            dead = 0;
        }

        /** Drops the keys without a value, in place (no scan may be walking the array). O(n). */
        void dropDead(java.util.Map<String, byte[]> values) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (values.containsKey(keys[i])) {
                    keys[n++] = keys[i];
                }
            }
            Arrays.fill(keys, n, size, null);
            size = n;
            dead = 0;
        }

        /** The sorted-in keys within [from, to] (null: unbounded), dead ones included. O(log n) to open. */
        java.util.Iterator<String> iterator(String from, String to) {
            String[] a = keys;
            int lo = from == null ? 0 : firstAtLeast(from, false);
            int hi = to == null ? size : firstAtLeast(to, true);
            return new java.util.Iterator<>() {
                private int i = lo;

                @Override
                public boolean hasNext() {
                    return i < hi;
                }

                @Override
                public String next() {
                    if (i >= hi) {
                        throw new NoSuchElementException();
                    }
                    return a[i++];
                }
            };
        }

        /** The first index whose key is &ge; {@code bound} (&gt; it if {@code after}), or {@code size}. */
        private int firstAtLeast(String bound, boolean after) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int c = UTF8_ORDER.compare(keys[mid], bound);
                if (c < 0 || after && c == 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * The entries whose key starts with {@code prefix} (serialized with {@code prefixKeySerializer}
     * and read back as UTF-8, as Kafka Streams compares the key bytes), in UTF-8 order. O(log n + matches).
     */
    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, byte[]> prefixScan(
            P prefix, PS prefixKeySerializer) {
        String p = new String(prefixKeySerializer.serialize(name, prefix), java.nio.charset.StandardCharsets.UTF_8);
        java.util.Iterator<String> tail = keys(p.isEmpty() ? buckets.values()
                : buckets.subMap(firstCodePoint(p), true, firstCodePoint(p), true).values(), p, null);
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
        return scan(keys(buckets.values(), null, null));
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
            keysLeft.forEachRemaining(k -> {
                if (values.containsKey(k)) { // the dead keys of the sorted index were not there at open
                    rest.add(k);
                }
            });
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
