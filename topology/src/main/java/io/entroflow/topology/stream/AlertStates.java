package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.alert.AlertState;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The rule states of a task's alerts store (key: rule name NUL event key), decoded once and kept for
 * the next aggregate of the same rule and key: at most {@code capacity} states in memory (least
 * recently used out), every change written to the store at once, so the store and its changelog are
 * exactly what they were without the cache. A kept state equals what decoding its stored bytes gives
 * (the JSON round trip is exact; the evaluator's scratch fields, which are not stored, are cleared
 * when it is handed out). Whoever changes a state it got must {@link #put} it, or {@link #forget} the
 * cache when it cannot (an exception half-way through a record).
 *
 * <p>Cost: a hit is a hash lookup; a miss a store read and a JSON decode. Confined to the rules
 * processor's stream thread.
 */
final class AlertStates {
    private final LruCache<AlertState> cache;
    private KeyValueStore<String, byte[]> store;

    /** @param capacity states kept in memory at most, &ge; 1 */
    AlertStates(int capacity) {
        this.cache = new LruCache<>(capacity);
    }

    /** Attaches the task's alerts store (a task (re)start): nothing kept from before. */
    void init(KeyValueStore<String, byte[]> store) {
        this.store = store;
        cache.clear();
    }

    /** The state under {@code key}: a fresh {@link AlertState} (not kept) if there is none. */
    AlertState get(String key) {
        AlertState s = getIfPresent(key);
        return s != null ? s : new AlertState();
    }

    /** The state under {@code key}, or null if the store has none. */
    AlertState getIfPresent(String key) {
        AlertState s = cache.get(key);
        if (s != null) {
            s.fdrTest = null;
            s.calibrator = null;
            s.candidate = null;
            s.lastDetection = null;
            return s;
        }
        byte[] bytes = store.get(key);
        if (bytes == null) {
            return null;
        }
        s = decode(bytes);
        cache.put(key, s);
        return s;
    }

    /** Writes {@code state} under {@code key} (store and changelog) and keeps it. */
    void put(String key, AlertState state) {
        store.put(key, encode(state));
        cache.put(key, state);
    }

    /** Deletes the state under {@code key}. */
    void delete(String key) {
        store.delete(key);
        cache.remove(key);
    }

    /** Drops every kept state: the next reads decode the store again (after a failed record). */
    void forget() {
        cache.clear();
    }

    /** An alerts-store value decoded (a fresh state for null). */
    static AlertState decode(byte[] bytes) {
        if (bytes == null) {
            return new AlertState();
        }
        try {
            return JsonSerde.MAPPER.readValue(bytes, AlertState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("alerts store: unreadable state", e);
        }
    }

    static byte[] encode(AlertState state) {
        try {
            return JsonSerde.MAPPER.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
