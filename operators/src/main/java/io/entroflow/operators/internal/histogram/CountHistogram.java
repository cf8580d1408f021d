package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Arrays;

/**
 * Whole counts of {@code long} keys, changed one unit at a time, with the exact &Sigma; c ln c
 * (nats) kept after every change: the lean sibling of {@link Histogram} for windows whose samples
 * all weigh 1 (count and all-history windows, batch recomputations), where the joint tables of transfer entropy
 * spend their time.
 *
 * <p>Exactness: &Sigma; c ln c is an {@link ExactSum} of the same pre-split terms
 * ({@link Terms}) a {@link Histogram} adds for whole weights, so both hold bit-identical sums for the
 * same counts, and a table rebuilt from its window equals the incremental one bit for bit.
 *
 * <p>Storage, fixed at construction:
 * <ul>
 *   <li>dense: an array indexed by the key (keys 0 .. capacity&minus;1), one memory access per
 *       change and no hashing; of {@code char} (2 bytes a key) when no count can pass 65,535, so
 *       that more of it stays in cache, else of {@code int};</li>
 *   <li>sparse: open addressing with linear probing over one {@code long[]} holding each key next
 *       to its count, so a probe touches one cache line; emptied keys are deleted by backward shift
 *       (no tombstones), the table doubles at 50% load and memory follows the support.</li>
 * </ul>
 * Cost: {@link #increment}/{@link #decrement} O(1) (expected O(1) probes when sparse): one count
 * change and one fixed-point addition of the tabulated step (c+1) ln(c+1) &minus; c ln c (past the
 * tabulated counts, 2<sup>20</sup>, the two terms computed with {@link StrictMath#log}, the bits
 * {@link Histogram} adds for the same whole weights).
 *
 * <p>Counts: a table for a bounded number of samples ({@link #dense(int, int)}) refuses to pass its
 * storage's limit (65,535 for 2-byte counts, 2<sup>31</sup>&minus;1 for 4-byte ones); a
 * {@link #denseGrowing} table (all-history windows) widens its array from 2 to 4 to 8 bytes a count
 * when a count first needs it (one copy of the array each time, at most twice), and a
 * {@link #sparse} table holds 64-bit counts. Counts are exact up to 2<sup>53</sup>, the bound
 * within which whole weights in {@link Histogram} are exact too; callers bound their totals there.
 *
 * <p>Single-writer, not thread-safe; readers of {@link #sumCLnC()} and {@link #support()} from
 * other threads go through the owner's {@link io.entroflow.operators.internal.concurrent.SeqLock}.
 */
public final class CountHistogram {
    private static final long EMPTY = Long.MIN_VALUE;
    /** Largest dense capacity, 2^28 keys (1 GiB of counts): the caller chooses far less. */
    public static final int MAX_DENSE_CAPACITY = 1 << 28;

    private char[] dense16;        // dense counts below 2^16, or null
    private int[] dense;           // dense counts below 2^31, or null
    private long[] dense64;        // dense counts of a growing table past 2^31 - 1, or null
    private final boolean widens;  // whether a full dense count widens the array instead of refusing
    private long[] slots;          // sparse: key at 2i, its count at 2i + 1; EMPTY marks a free slot
    private int used;
    private int support;
    private final ExactSum sumCLnC = new ExactSum();
    /** Slots of the cache of terms of counts past the table (a power of two). */
    private static final int LARGE_TERM_CACHE = 64;
    private long[] largeTermCounts;    // count per slot (0: empty, counts past the table are >= 2^20), or null
    private long[] largeTermIntegers;  // its c ln c, integer part
    private long[] largeTermFractions; // and fraction bits
    private Terms.Table table = Terms.table();

    private CountHistogram(int denseCapacity, int maxCount, boolean widens) {
        boolean narrow = maxCount <= Character.MAX_VALUE;
        dense16 = denseCapacity > 0 && narrow ? new char[denseCapacity] : null;
        dense = denseCapacity > 0 && !narrow ? new int[denseCapacity] : null;
        this.widens = widens;
        if (denseCapacity == 0) {
            allocate(16);
        }
    }

    /**
     * Counts of keys 0 .. capacity&minus;1 in an array: {@code 2 * capacity} bytes while
     * {@code maxCount} &le; 65,535, else {@code 4 * capacity}.
     *
     * @param maxCount the largest count any key will reach, &ge; 1 (a 2-byte count refuses to pass 65,535)
     */
    public static CountHistogram dense(int capacity, int maxCount) {
        if (capacity < 1 || capacity > MAX_DENSE_CAPACITY) {
            throw new IllegalArgumentException("capacity: expected 1..2^28, got " + capacity);
        }
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount: expected >= 1, got " + maxCount);
        }
        return new CountHistogram(capacity, maxCount, false);
    }

    /**
     * Counts of keys 0 .. capacity&minus;1 in an array for an unbounded number of samples (all-history
     * windows): 2 bytes a key until a count passes 65,535, then 4 until one passes 2<sup>31</sup>&minus;1,
     * then 8 (each widening copies the array once).
     */
    public static CountHistogram denseGrowing(int capacity) {
        if (capacity < 1 || capacity > MAX_DENSE_CAPACITY) {
            throw new IllegalArgumentException("capacity: expected 1..2^28, got " + capacity);
        }
        return new CountHistogram(capacity, 1, true);
    }

    /** Bytes of a dense table of {@code capacity} keys whose counts stay at most {@code maxCount}. */
    public static long denseBytes(long capacity, int maxCount) {
        return capacity * (maxCount <= Character.MAX_VALUE ? 2 : 4);
    }

    /** Counts of any key but {@link Long#MIN_VALUE} in a hash table: about 16&ndash;32 bytes per key counted. */
    public static CountHistogram sparse() {
        return new CountHistogram(0, Integer.MAX_VALUE, false);
    }

    /**
     * Bytes a sparse table needs for {@code support} keys at its largest (the power of two of
     * slots that holds them under 50% load, 16 bytes a slot), for choosing between the two layouts.
     */
    public static long sparseBytes(long support) {
        long slotsNeeded = Math.max(16, Long.highestOneBit(Math.max(1, 2 * support - 1)) << 1);
        return 16 * slotsNeeded;
    }

    /** Adds one to {@code key}'s count and returns the new count. */
    public long increment(long key) {
        long before;
        if (dense16 != null) {
            before = dense16[(int) key];
            if (before == Character.MAX_VALUE) {
                return incrementPastStorage(key);
            }
            dense16[(int) key] = (char) (before + 1);
        } else if (dense != null) {
            before = dense[(int) key];
            if (before == Integer.MAX_VALUE) {
                return incrementPastStorage(key);
            }
            dense[(int) key] = (int) before + 1;
        } else if (dense64 != null) {
            before = dense64[(int) key]++;
        } else {
            int s = slotOf(key, true);
            before = slots[s + 1]++;
        }
        support += before == 0 ? 1 : 0;
        Terms.Table t = table;
        if (before + 1 < t.size()) {
            sumCLnC.addFixed(t.stepInteger[(int) before], t.stepFraction[(int) before]);
        } else {
            stepPastTable(before);
        }
        return before + 1;
    }

    /** A dense count at its storage's limit: widens the array (growing tables) and counts, or refuses. */
    private long incrementPastStorage(long key) {
        if (!widens) {
            throw full(key);
        }
        widen();
        return increment(key);
    }

    /** Copies the dense counts into the next wider array: char to int, int to long. */
    private void widen() {
        if (dense16 != null) {
            dense = new int[dense16.length];
            for (int k = 0; k < dense16.length; k++) {
                dense[k] = dense16[k];
            }
            dense16 = null;
        } else if (dense != null) {
            dense64 = new long[dense.length];
            for (int k = 0; k < dense.length; k++) {
                dense64[k] = dense[k];
            }
            dense = null;
        }
    }

    /** The step of a count growing past the term table: grows the table, or computes the terms past its limit. */
    private void stepPastTable(long before) {
        if (before + 1 < Terms.TABLE_LIMIT) {
            table = Terms.tableCovering(before + 1);
        }
        if (before + 1 < table.size()) {
            sumCLnC.addFixed(table.stepInteger[(int) before], table.stepFraction[(int) before]);
        } else {
            replaceTerm(before, before + 1);
        }
    }

    private IllegalStateException full(long key) {
        return new IllegalStateException("increment: key " + key + " holds "
                + (dense16 != null ? "65535, the most a dense table for maxCount <= 65535 counts"
                : "2147483647, the most a dense table for a bounded number of samples counts"));
    }

    /**
     * Takes one from {@code key}'s count and returns the new count.
     *
     * @throws IllegalStateException if the key is not counted
     */
    public long decrement(long key) {
        long after;
        if (dense16 != null) {
            if (dense16[(int) key] == 0) {
                throw notCounted(key);
            }
            after = --dense16[(int) key];
        } else if (dense != null) {
            if (dense[(int) key] <= 0) {
                throw notCounted(key);
            }
            after = --dense[(int) key];
        } else if (dense64 != null) {
            if (dense64[(int) key] <= 0) {
                throw notCounted(key);
            }
            after = --dense64[(int) key];
        } else {
            int s = slotOf(key, false);
            if (s < 0) {
                throw notCounted(key);
            }
            after = --slots[s + 1];
            if (after == 0) {
                release(s);
            }
        }
        support -= after == 0 ? 1 : 0;
        Terms.Table t = table;
        if (after + 1 < t.size()) {  // the table covers every count seen
            sumCLnC.subtractFixed(t.stepInteger[(int) after], t.stepFraction[(int) after]);
        } else {
            replaceTerm(after + 1, after);
        }
        return after;
    }

    /** The count of {@code key}, 0 if absent. */
    public long count(long key) {
        if (dense16 != null) {
            return key >= 0 && key < dense16.length ? dense16[(int) key] : 0;
        }
        if (dense != null) {
            return key >= 0 && key < dense.length ? dense[(int) key] : 0;
        }
        if (dense64 != null) {
            return key >= 0 && key < dense64.length ? dense64[(int) key] : 0;
        }
        int s = slotOf(key, false);
        return s < 0 ? 0 : slots[s + 1];
    }

    /** Number of keys with a positive count. */
    public int support() {
        return support;
    }

    /** &Sigma; c ln c over the keys, nats. */
    public double sumCLnC() {
        return sumCLnC.value();
    }

    /** The exact &Sigma; c ln c, for comparing states bit for bit. */
    public ExactSum exactSumCLnC() {
        return sumCLnC.copy();
    }

    /** Removes every key (a sparse table keeps its size). */
    public void clear() {
        if (dense16 != null) {
            Arrays.fill(dense16, (char) 0);
        } else if (dense != null) {
            Arrays.fill(dense, 0);
        } else if (dense64 != null) {
            Arrays.fill(dense64, 0L);
        } else {
            for (int s = 0; s < slots.length; s += 2) {
                slots[s] = EMPTY;
                slots[s + 1] = 0;
            }
            used = 0;
        }
        support = 0;
        sumCLnC.clear();
    }

    /**
     * Adds {@code n} &ge; 1 to {@code key}'s count at once and returns the new count: the same counts
     * and the same exact sum, bit for bit, as {@code n} calls of {@link #increment} (for restoring a
     * state and for converting one). A dense table must have room for the count (see the class note).
     */
    public long add(long key, long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: expected >= 1, got " + n);
        }
        long before = count(key);
        long after = before + n;
        if (isDense()) {
            if (key < 0 || key >= denseLength()) {
                throw new IllegalArgumentException("key: expected 0.." + (denseLength() - 1) + ", got " + key);
            }
            while ((dense16 != null && after > Character.MAX_VALUE) || (dense != null && after > Integer.MAX_VALUE)) {
                if (!widens) {
                    throw full(key);
                }
                widen();
            }
            if (dense16 != null) {
                dense16[(int) key] = (char) after;
            } else if (dense != null) {
                dense[(int) key] = (int) after;
            } else {
                dense64[(int) key] = after;
            }
        } else {
            int slot = slotOf(key, true); // may rehash: index first, then the (new) array
            slots[slot + 1] = after;
        }
        support += before == 0 ? 1 : 0;
        if (after < Terms.TABLE_LIMIT && after >= table.size()) {
            table = Terms.tableCovering(after);
        }
        replaceTerm(before, after);
        return after;
    }

    /** Whether the counts are in an array (one of dense16, dense, dense64); sparse tables alone have slots. */
    private boolean isDense() {
        return slots == null;
    }

    private int denseLength() {
        return dense16 != null ? dense16.length : dense != null ? dense.length : dense64.length;
    }

    private static final int STATE_TAG = 0x434E5448; // "CNTH"

    /**
     * Writes every positive count (key, count) in key order and the exact sum, so that equal counts
     * give equal bytes whatever the layout. O(capacity) dense, O(support log support) sparse.
     */
    public void writeState(StateWriter out) {
        out.putInt(STATE_TAG).putInt(1).putInt(support);
        if (isDense()) {
            forEach((key, c) -> out.putLong(key).putLong(c));
        } else {
            long[] keys = new long[support];
            int n = 0;
            for (int s = 0; s < slots.length; s += 2) {
                if (slots[s] != EMPTY && slots[s + 1] > 0) {
                    keys[n++] = slots[s];
                }
            }
            Arrays.sort(keys, 0, n);
            for (int i = 0; i < n; i++) {
                out.putLong(keys[i]).putLong(count(keys[i]));
            }
        }
        sumCLnC.writeState(out);
    }

    /**
     * Replaces the counts with those written by {@link #writeState} (into a table of any layout
     * that can hold them) and checks the exact sum they give against the one written.
     *
     * @throws IllegalArgumentException for a corrupt state
     */
    public void readState(StateReader in) {
        in.expect(STATE_TAG, 1, "count histogram");
        int n = in.getInt();
        if (n < 0) {
            throw new IllegalArgumentException("state: " + n + " counted keys");
        }
        clear();
        for (int i = 0; i < n; i++) {
            long key = in.getLong();
            long c = in.getLong();
            if (c < 1 || count(key) != 0) {
                throw new IllegalArgumentException("state: key " + key + " with count " + c);
            }
            add(key, c);
        }
        ExactSum written = new ExactSum();
        written.readState(in);
        if (!written.equals(sumCLnC)) {
            throw new IllegalArgumentException("state: the counts' sum of c ln c " + sumCLnC + " differs from the one written, "
                    + written);
        }
    }

    /** Calls {@code action} for every key with a positive count (dense: in key order). */
    public void forEach(KeyCountConsumer action) {
        if (isDense()) {
            int length = denseLength();
            for (int k = 0; k < length; k++) {
                long c = dense16 != null ? dense16[k] : dense != null ? dense[k] : dense64[k];
                if (c > 0) {
                    action.accept(k, c);
                }
            }
        } else {
            for (int s = 0; s < slots.length; s += 2) {
                if (slots[s] != EMPTY && slots[s + 1] > 0) {
                    action.accept(slots[s], slots[s + 1]);
                }
            }
        }
    }

    /** Receives a key and its count. */
    @FunctionalInterface
    public interface KeyCountConsumer {
        void accept(long key, long count);
    }

    /** Replaces the term of a count past the tables ({@link Terms#TABLE_LIMIT}): computed, same bits as tabulated. */
    private void replaceTerm(long before, long after) {
        if (before < Terms.TABLE_LIMIT || after < Terms.TABLE_LIMIT) {
            sumCLnC.subtract(Terms.xLnX(before));
            sumCLnC.add(Terms.xLnX(after));
            return;
        }
        // both past the table (all-history windows): the term of `before` is usually the one the last
        // step of this key computed, kept in a small cache of fixed-point terms by count
        if (largeTermCounts == null) {
            largeTermCounts = new long[LARGE_TERM_CACHE];
            largeTermIntegers = new long[LARGE_TERM_CACHE];
            largeTermFractions = new long[LARGE_TERM_CACHE];
        }
        int b = largeTerm(before);
        sumCLnC.subtractFixed(largeTermIntegers[b], largeTermFractions[b]);
        int a = largeTerm(after);
        sumCLnC.addFixed(largeTermIntegers[a], largeTermFractions[a]);
    }

    /** The cache slot holding c ln c of a count past the table, split as {@link ExactSum} adds it (computed if absent). */
    private int largeTerm(long c) {
        int slot = (int) c & (LARGE_TERM_CACHE - 1);
        if (largeTermCounts[slot] != c) {
            double t = Terms.xLnX(c);
            long integer = ExactSum.integerPart(t);
            largeTermCounts[slot] = c;
            largeTermIntegers[slot] = integer;
            largeTermFractions[slot] = ExactSum.fractionBits(t, integer);
        }
        return slot;
    }

    /**
     * ln c for a count c &gt; 0 this histogram has held (from its term table: a load, no
     * logarithm), ln of other counts as {@link Histogram#ln}.
     */
    public double lnCount(long c) {
        Terms.Table t = table;
        return c < t.size() ? t.ln[(int) c] : Terms.ln(c);
    }

    private static IllegalStateException notCounted(long key) {
        return new IllegalStateException("decrement: key " + key + " is not counted");
    }

    /** Index of {@code key}'s slot (its key cell), creating it when {@code create}; -1 if absent and not created. */
    private int slotOf(long key, boolean create) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("key: Long.MIN_VALUE is reserved");
        }
        int mask = slots.length - 2;
        int i = mix(key) & mask;
        while (true) {
            long k = slots[i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                if (!create) {
                    return -1;
                }
                if (4 * (used + 1) > slots.length) {
                    rehash(slots.length * 2);
                    return slotOf(key, true);
                }
                slots[i] = key;
                used++;
                return i;
            }
            i = (i + 2) & mask;
        }
    }

    /** Backward-shift deletion of the emptied slot {@code slot}: probe sequences stay intact without tombstones. */
    private void release(int slot) {
        int mask = slots.length - 2;
        int hole = slot;
        int i = slot;
        while (true) {
            i = (i + 2) & mask;
            long k = slots[i];
            if (k == EMPTY) {
                break;
            }
            int home = mix(k) & mask;
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                slots[hole] = k;
                slots[hole + 1] = slots[i + 1];
                hole = i;
            }
        }
        slots[hole] = EMPTY;
        slots[hole + 1] = 0;
        used--;
    }

    private void allocate(int slotCount) {
        slots = new long[2 * slotCount];
        for (int s = 0; s < slots.length; s += 2) {
            slots[s] = EMPTY;
        }
        used = 0;
    }

    private void rehash(int cells) {
        long[] old = slots;
        allocate(cells / 2);
        int mask = slots.length - 2;
        for (int s = 0; s < old.length; s += 2) {
            if (old[s] != EMPTY && old[s + 1] > 0) {
                int i = mix(old[s]) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 2) & mask;
                }
                slots[i] = old[s];
                slots[i + 1] = old[s + 1];
                used++;
            }
        }
    }

    /** Slot index (even) of a key's home, before masking: the Fibonacci hash, shifted to an even cell. */
    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) << 1;
    }
}
