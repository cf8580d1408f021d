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
 * expiry index, {@code \0x} + an interval (16 hex digits, sign bit flipped) + the key's state key,
 * one entry per key, at the start of the slot of the key's expiry interval e: e rounded down to a
 * multiple of w = min({@link #MAX_SLOT}, max(1, floor(x / 2I))) intervals, so a busy key's entry
 * moves once every w intervals rather than at every interval (one delete and one put each time, in
 * the store and its changelog). An entry is a lower bound: the punctuator ({@link #gone}) checks the
 * key's latest event time and leaves an entry found before e where it is (found again at the next
 * intervals, at most w &minus; 1 times: only keys idle for x &minus; wI get there). Stores written
 * with entries at e itself (before the slots) read the same way, and their entries are deleted as
 * the key's next event or expiry moves them.
 * Cost: O(1) per event (two divisions; a move of the entry every w intervals of a busy key); the
 * punctuator reads one range of the index and the latest event time of each key in it, deleting at
 * most {@link #SLICE_KEYS} keys per run (when keys go by the hundred thousand at once, the rest
 * follow in the next runs: deleting them early or late changes nothing, and the task's transaction
 * stays short). Not thread-safe: one per processor instance, on its stream thread.
 */
final class SignalExpiry {
    /** The task's largest accepted event time; no key's record starts with NUL. */
    static final String HIGH_WATER_KEY = "\u0000t";
    private static final String INDEX_MARK = "\u0000x";
    private static final byte[] EMPTY = new byte[0];
    /** Most intervals per slot of the expiry index. */
    static final long MAX_SLOT = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** At most this many gone keys are deleted in one punctuation; the rest in the next ones. */
    static final int SLICE_KEYS = 2_048;

    private final long interval;
    private final long expireAfter;
    /** Intervals per slot: an entry sits at its key's expiry interval rounded down to a multiple of this. */
    private final long slot;
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
        this.slot = Math.min(MAX_SLOT, Math.max(1, expireAfterMillis / (2 * intervalMillis)));
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
     * advances the high-water mark and moves the key's index entry when its expiry slot changed.
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
        long to = slot(tick(after));
        if (before == SignalState.NONE) {
            store.put(indexKey(to, stateKey), EMPTY);
        } else if (slot(tick(before)) != to) {
            deleteEntries(stateKey, before);
            store.put(indexKey(to, stateKey), EMPTY);
        }
    }

    /** Deletes the index entry of a key whose latest event time is {@code maxTime}: in its slot, or (written before the slots) at its expiry interval. */
    private void deleteEntries(String stateKey, long maxTime) {
        long tick = tick(maxTime);
        store.delete(indexKey(slot(tick), stateKey));
        if (slot(tick) != tick) {
            store.delete(indexKey(tick, stateKey));
        }
    }

    /**
     * The first {@code limit} index entries of the keys gone at the task's high-water mark, by index
     * interval; one range scan of the index. An entry found before its key's expiry interval stays in
     * its slot (one written before the slots moves to its slot) and is skipped.
     *
     * @param maxTime the latest accepted event time of the key with a given state key
     *                ({@link SignalState#NONE}: no state)
     */
    List<String> gone(int limit, java.util.function.ToLongFunction<String> maxTime) {
        List<String> gone = new ArrayList<>();
        if (!enabled() || highWater() == SignalState.NONE) {
            return gone;
        }
        long now = Math.floorDiv(highWater, interval);
        String to = INDEX_MARK + hex(now) + '\u00ff';
        List<String> early = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(INDEX_MARK, to)) {
            while (gone.size() < limit && it.hasNext()) {
                String entry = it.next().key;
                long m = maxTime.applyAsLong(stateKeyOf(entry));
                if (m == SignalState.NONE || tick(m) <= now) {
                    gone.add(entry);
                } else if (entryTick(entry) != slot(tick(m))) {
                    early.add(entry);
                }
            }
        }
        for (String entry : early) { // written before the slots: to the key's slot
            String stateKey = stateKeyOf(entry);
            store.delete(entry);
            store.put(indexKey(slot(tick(maxTime.applyAsLong(stateKey))), stateKey), EMPTY);
        }
        return gone;
    }

    /** The interval of an index entry. */
    private static long entryTick(String indexEntry) {
        return Long.parseUnsignedLong(indexEntry.substring(INDEX_MARK.length(), INDEX_MARK.length() + 16), 16)
                ^ Long.MIN_VALUE;
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
        store.delete(stateKey);
        store.delete(SignalState.categoriesKey(stateKey));
        deleteEntries(stateKey, maxTime);
    }

    /** The interval at which a key with latest event time {@code maxTime} expires: ceil((maxTime + x) / I). */
    private long tick(long maxTime) {
        return -Math.floorDiv(-(maxTime + expireAfter), interval);
    }

    private static String indexKey(long tick, String stateKey) {
        return INDEX_MARK + hex(tick) + stateKey;
    }

    /** The start of the slot of expiry interval {@code tick}: the index interval of its entry. */
    private long slot(long tick) {
        return Math.floorDiv(tick, slot) * slot;
    }

    /** The interval as 16 hex digits with the sign bit flipped (sorts as a signed number). */
    private static String hex(long tick) {
        long v = tick ^ Long.MIN_VALUE;
        char[] hex = new char[16];
        for (int i = 15; i >= 0; i--, v >>>= 4) {
            hex[i] = HEX[(int) (v & 0xf)];
        }
        return new String(hex);
    }
}
