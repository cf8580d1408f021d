package io.entroflow.topology.stream;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle-key expiry of the signals store ({@code aggregates.expire-after} = x, interval I): a key whose
 * latest accepted event time m has {@code ceil((m + x) / I) <= floor(h / I)}, h the task's largest
 * accepted event time, is gone: its next accepted event starts it afresh (no categories, no previous
 * time, no ordinal tail, no alignment), and the STREAM_TIME punctuator deletes its records. This is
 * the operators' expiry condition on the same event times (an operator's key is forgotten at the
 * first interval boundary b with m &le; b &minus; x that the operator's stream time reaches), so the
 * signals stage never forgets a key an operator still holds, and whether the punctuator deleted the
 * key's records before its next event changes nothing.
 *
 * <p>Records in the signals store: the high-water mark h under {@link #HIGH_WATER_KEY} (put when
 * its interval floor(h / I) changes, the only thing read from it; so the first event time of that
 * interval, the same after a restart as without one), and an
 * expiry index, {@code \0x} + the expiry interval (16 hex digits, sign bit flipped) + the key's state
 * key, one entry per key, moved when the key's expiry interval changes (at most once per interval).
 * Cost: O(1) per event; the punctuator reads one range of the index, deleting at most
 * {@link #SLICE_KEYS} keys per run (when keys go by the hundred thousand at once, the rest follow in
 * the next runs: deleting them early or late changes nothing, and the task's transaction stays short). Not thread-safe: one per
 * processor instance, on its stream thread.
 */
final class SignalExpiry {
    /** The task's largest accepted event time; no key's record starts with NUL. */
    static final String HIGH_WATER_KEY = "\u0000t";
    private static final String INDEX_MARK = "\u0000x";
    private static final byte[] EMPTY = new byte[0];
    /** At most this many gone keys are deleted in one punctuation; the rest in the next ones. */
    static final int SLICE_KEYS = 2_048;

    private final long interval;
    private final long expireAfter;
    private KeyValueStore<String, byte[]> store;
    private long highWater = SignalState.NONE;
    private boolean highWaterLoaded;

    /**
     * @param intervalMillis    the aggregate interval, &gt; 0
     * @param expireAfterMillis {@code aggregates.expire-after}; 0: keys never expire (nothing is written)
     */
    SignalExpiry(long intervalMillis, long expireAfterMillis) {
        this.interval = intervalMillis;
        this.expireAfter = expireAfterMillis;
    }

    /** Attaches the store (a task (re)start); the high-water mark is read from it on first use. */
    void init(KeyValueStore<String, byte[]> store) {
        this.store = store;
        highWaterLoaded = false;
    }

    private long highWater() {
        if (!highWaterLoaded) {
            byte[] hw = store.get(HIGH_WATER_KEY);
            highWater = hw == null ? SignalState.NONE : ByteBuffer.wrap(hw).getLong();
            highWaterLoaded = true;
        }
        return highWater;
    }

    boolean enabled() {
        return expireAfter > 0;
    }

    /** Whether a key whose latest accepted event time is {@code maxTime} is gone once an event at {@code time} is accepted. */
    boolean expired(long maxTime, long time) {
        return enabled() && maxTime != SignalState.NONE
                && tick(maxTime) <= Math.floorDiv(Math.max(highWater(), time), interval);
    }

    /**
     * An event at {@code time} of the key with state key {@code stateKey} was accepted, moving its
     * latest event time from {@code before} ({@link SignalState#NONE}: a fresh key) to {@code after}:
     * advances the high-water mark and moves the key's index entry when its expiry interval changed.
     */
    void accepted(String stateKey, long time, long before, long after) {
        if (!enabled()) {
            return;
        }
        long known = highWater();
        if (time > known) {
            highWater = time;
            // only its interval is ever read (expired, gone): stored when that changes, not per event
            if (known == SignalState.NONE || Math.floorDiv(time, interval) != Math.floorDiv(known, interval)) {
                store.put(HIGH_WATER_KEY, ByteBuffer.allocate(Long.BYTES).putLong(time).array());
            }
        }
        long from = before == SignalState.NONE ? Long.MIN_VALUE : tick(before);
        long to = tick(after);
        if (from != to) {
            if (before != SignalState.NONE) {
                store.delete(indexKey(from, stateKey));
            }
            store.put(indexKey(to, stateKey), EMPTY);
        }
    }

    /**
     * The first {@code limit} index entries of the keys gone at the task's high-water mark, by expiry
     * interval; one range scan of the index.
     */
    List<String> gone(int limit) {
        List<String> entries = new ArrayList<>();
        if (!enabled() || highWater() == SignalState.NONE) {
            return entries;
        }
        String to = INDEX_MARK + hex(Math.floorDiv(highWater, interval)) + '\u00ff';
        try (KeyValueIterator<String, byte[]> it = store.range(INDEX_MARK, to)) {
            while (entries.size() < limit && it.hasNext()) {
                entries.add(it.next().key);
            }
        }
        return entries;
    }

    /** The state key of an index entry of {@link #gone}. */
    static String stateKeyOf(String indexEntry) {
        return indexEntry.substring(INDEX_MARK.length() + 16);
    }

    /** Deletes a gone key's records: its state, categories and the index entry {@code indexEntry} of {@link #gone}. */
    void forget(String indexEntry) {
        String stateKey = stateKeyOf(indexEntry);
        store.delete(stateKey);
        store.delete(SignalState.categoriesKey(stateKey));
        store.delete(indexEntry);
    }

    /** Deletes the records of the key with {@code stateKey} whose latest event time was {@code maxTime}. */
    void forget(String stateKey, long maxTime) {
        forget(indexKey(tick(maxTime), stateKey));
    }

    /** The interval at which a key with latest event time {@code maxTime} expires: ceil((maxTime + x) / I). */
    private long tick(long maxTime) {
        return -Math.floorDiv(-(maxTime + expireAfter), interval);
    }

    private static String indexKey(long tick, String stateKey) {
        return INDEX_MARK + hex(tick) + stateKey;
    }

    private static String hex(long tick) {
        return String.format("%016x", tick ^ Long.MIN_VALUE);
    }
}
