package io.entroflow.topology.stream;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A map of event key to a processor's live per-key object that holds at most {@code capacity}
 * keys, evicting the least recently used (read or written) when a new key goes in. For caches of
 * state whose every change is already in a store, so an evicted key is rebuilt from it on its next
 * access: heap is bounded by the capacity, not by the number of keys.
 *
 * <p>The order is exactly that of a {@link java.util.LinkedHashMap} in access order whose
 * {@code removeEldestEntry} evicts above the capacity: {@link #get}, {@link #put} and a hit of
 * {@link #computeIfAbsent} make the key the most recent ({@link #containsKey} does not); a new key goes in as the most recent, and
 * then the least recent is handed to {@code onEvict} and removed (by key, as {@code LinkedHashMap}
 * does, so {@code onEvict} may read the cache).
 *
 * <p>O(1) per access, and few cache lines: the keys sit in slots of parallel arrays (key, hash,
 * value, and the recency list's neighbours as slot numbers), found through an open-addressing table
 * of slot numbers (linear probing, at most half full, deletion by backward shift). A lookup reads
 * the table, the slot's hash and its key (the key's characters only when the hashes match); a move
 * to the most recent end writes three small int arrays, not three entries scattered on the heap.
 * Memory: about 28 bytes per key held plus the values. Values are never null. Not thread-safe: one
 * per processor instance, on its stream thread.
 */
final class LruCache<V> {
    private static final int NIL = -1;
    private static final int INITIAL_SLOTS = 16;

    private final int capacity;
    private final Consumer<V> onEvict;
    // slot i: keys[i], hashes[i], values[i]; recency list from head (least recent) to tail by next[]
    private String[] keys;
    private int[] hashes;
    private Object[] values;
    private int[] prev;
    private int[] next;
    private int head = NIL;
    private int tail = NIL;
    private int size;
    private int freeSlots = NIL; // free list through next[]
    private int used;            // slots ever handed out (the rest are free without being on the list)
    // open addressing: slot + 1, 0 = empty; length a power of two, at least twice the keys held
    private int[] table;
    private int mask;

    /** @param capacity keys held at most, &ge; 1 */
    LruCache(int capacity) {
        this(capacity, v -> { });
    }

    /**
     * @param capacity keys held at most, &ge; 1
     * @param onEvict  called with the value of the least recently used key just before it is evicted
     */
    LruCache(int capacity, Consumer<V> onEvict) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.onEvict = Objects.requireNonNull(onEvict, "onEvict");
        allocate((int) Math.min(INITIAL_SLOTS, capacity + 1L));
    }

    /** Keys held at most. */
    int capacity() {
        return capacity;
    }

    /** Keys held. */
    int size() {
        return size;
    }

    /** Whether the key is held (its recency unchanged). */
    boolean containsKey(String key) {
        return find(key, key.hashCode()) != NIL;
    }

    /** The key's value, made the most recent; null if absent. */
    V get(String key) {
        int s = find(key, key.hashCode());
        if (s == NIL) {
            return null;
        }
        touch(s);
        return value(s);
    }

    /**
     * The key's value, made the most recent; if absent, {@code loader}'s value for it goes in as the
     * most recent (evicting the least recent above the capacity), or nothing if the loader gives null.
     */
    V computeIfAbsent(String key, Function<? super String, ? extends V> loader) {
        int h = key.hashCode();
        int s = find(key, h);
        if (s != NIL) {
            touch(s);
            return value(s);
        }
        V v = loader.apply(key);
        if (v == null) {
            return null;
        }
        s = find(key, h); // the loader may have put it
        if (s != NIL) {
            values[s] = v;
            touch(s);
            return v;
        }
        insert(key, h, v);
        return v;
    }

    /** Puts the key's value as the most recent (evicting the least recent above the capacity); the old value or null. */
    V put(String key, V value) {
        Objects.requireNonNull(value, "value");
        int h = key.hashCode();
        int s = find(key, h);
        if (s != NIL) {
            V old = value(s);
            values[s] = value;
            touch(s);
            return old;
        }
        insert(key, h, value);
        return null;
    }

    /** Removes the key; its value or null. */
    V remove(String key) {
        int h = key.hashCode();
        int i = spread(h) & mask;
        for (int t = table[i]; t != 0; t = table[i = (i + 1) & mask]) {
            int s = t - 1;
            if (hashes[s] == h && key.equals(keys[s])) {
                V old = value(s);
                deleteAt(i);
                unlink(s);
                keys[s] = null;
                values[s] = null;
                next[s] = freeSlots;
                freeSlots = s;
                size--;
                return old;
            }
        }
        return null;
    }

    /** Removes every key (no eviction callbacks). */
    void clear() {
        allocate((int) Math.min(INITIAL_SLOTS, capacity + 1L));
        head = NIL;
        tail = NIL;
        size = 0;
        freeSlots = NIL;
        used = 0;
    }

    private void insert(String key, int h, V value) {
        int s = takeSlot();
        keys[s] = key;
        hashes[s] = h;
        values[s] = value;
        linkLast(s);
        int i = spread(h) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = s + 1;
        size++;
        if (size > capacity) {
            String eldest = keys[head];
            onEvict.accept(value(head));
            remove(eldest);
        }
    }

    private int find(String key, int h) {
        int i = spread(h) & mask;
        for (int t = table[i]; t != 0; t = table[i = (i + 1) & mask]) {
            int s = t - 1;
            if (hashes[s] == h) {
                String k = keys[s];
                if (k == key || key.equals(k)) {
                    return s;
                }
            }
        }
        return NIL;
    }

    /** Empties table position {@code i}, shifting back the entries of its probe run that may sit there. */
    private void deleteAt(int i) {
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int t = table[j];
            if (t == 0) {
                break;
            }
            int home = spread(hashes[t - 1]) & mask;
            // the entry at j may move to i when its home is not cyclically in (i, j]
            if (((j - home) & mask) >= ((j - i) & mask)) {
                table[i] = t;
                i = j;
            }
        }
        table[i] = 0;
    }

    private void touch(int s) {
        if (s != tail) {
            unlink(s);
            linkLast(s);
        }
    }

    private void unlink(int s) {
        int p = prev[s];
        int n = next[s];
        if (p == NIL) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NIL) {
            tail = p;
        } else {
            prev[n] = p;
        }
    }

    private void linkLast(int s) {
        prev[s] = tail;
        next[s] = NIL;
        if (tail == NIL) {
            head = s;
        } else {
            next[tail] = s;
        }
        tail = s;
    }

    private int takeSlot() {
        if (freeSlots != NIL) {
            int s = freeSlots;
            freeSlots = next[s];
            return s;
        }
        if (used == keys.length) {
            grow();
        }
        return used++;
    }

    /** Doubles the slots (up to one above the capacity: a new key is in before the eldest leaves) and rebuilds the table. */
    private void grow() {
        int n = (int) Math.min((long) capacity + 1, 2L * keys.length);
        keys = Arrays.copyOf(keys, n);
        hashes = Arrays.copyOf(hashes, n);
        values = Arrays.copyOf(values, n);
        prev = Arrays.copyOf(prev, n);
        next = Arrays.copyOf(next, n);
        table = new int[tableLength(n)];
        mask = table.length - 1;
        for (int s = head; s != NIL; s = next[s]) {
            int i = spread(hashes[s]) & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = s + 1;
        }
    }

    private void allocate(int slots) {
        keys = new String[slots];
        hashes = new int[slots];
        values = new Object[slots];
        prev = new int[slots];
        next = new int[slots];
        table = new int[tableLength(slots)];
        mask = table.length - 1;
    }

    private static int tableLength(int slots) {
        return Integer.highestOneBit(Math.max(2, slots) * 2 - 1) << 1;
    }

    /** Spreads a string hash over the table's low bits (strings of one prefix differ in few low bits). */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private V value(int s) {
        return (V) values[s];
    }
}
