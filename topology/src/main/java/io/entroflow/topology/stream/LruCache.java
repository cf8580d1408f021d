package io.entroflow.topology.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A map of event key to a processor's live per-key object that holds at most {@code capacity}
 * keys, evicting the least recently used (read or written) when a new key goes in. For caches of
 * state whose every change is already in a store, so an evicted key is rebuilt from it on its next
 * access: heap is bounded by the capacity, not by the number of keys.
 *
 * <p>O(1) per access ({@link LinkedHashMap} in access order). Not thread-safe: one per processor
 * instance, on its stream thread.
 */
final class LruCache<V> extends LinkedHashMap<String, V> {
    private final int capacity;
    private final Consumer<V> onEvict;

    /** @param capacity keys held at most, &ge; 1 */
    LruCache(int capacity) {
        this(capacity, v -> { });
    }

    /**
     * @param capacity keys held at most, &ge; 1
     * @param onEvict  called with the value of the least recently used key just before it is evicted
     */
    LruCache(int capacity, Consumer<V> onEvict) {
        super(16, 0.75f, true);
        this.onEvict = onEvict;
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keys held at most. */
    int capacity() {
        return capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        if (size() > capacity) {
            onEvict.accept(eldest.getValue());
            return true;
        }
        return false;
    }
}
