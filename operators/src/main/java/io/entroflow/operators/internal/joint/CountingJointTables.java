package io.entroflow.operators.internal.joint;

import io.entroflow.operators.internal.histogram.CountHistogram;
import io.entroflow.operators.internal.histogram.Histogram;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/**
 * {@link JointTables} of unit weights: one {@link CountHistogram} per table, for count windows,
 * batch recomputations and all-history (cumulative) windows. Bounded tables hold at most
 * {@code maxSamples} samples at once, which bounds every count and sizes the arrays; unbounded
 * tables ({@link #unbounded}, cumulative windows) count up to {@link #MAX_EXACT_SAMPLES} samples,
 * with arrays whose counts widen from 2 to 4 to 8 bytes as they grow.
 *
 * <p>Layout per table (a contiguous projection of b bits; non-contiguous ones are always hashed):
 * dense, an array of 2<sup>b</sup> counts indexed by the shifted bits (2 bytes a count while
 * maxSamples &le; 65,535, else 4), when b &le; {@link #ALWAYS_DENSE_BITS} or when the array takes
 * at most {@link #DENSE_MEMORY_FACTOR} times the bytes of a full hash table for
 * min(maxSamples, 2<sup>b</sup>) keys (16 bytes a slot at &le; 50% load); hashed otherwise.
 * Dense costs one memory access per change and no probing: for TE with k = 3, l = 2 over 8 symbols
 * and a window of 10,000 the update measured 80 ns with the two wide tables dense against 140 ns
 * hashed. Memory per operator there: (A,B,C) 2<sup>18</sup> counts = 512 KiB (hashed: up to
 * 512 KiB), (B,C) 64 KiB, (A,C) 8 KiB, (C) 1 KiB. A window of 1,000 keeps (B,C) and (A,B,C) hashed
 * (32 KiB each at most); a window of 10,000 stores projections of up to 19 bits densely (1 MiB).
 * Unbounded tables store contiguous projections of up to {@link #UNBOUNDED_DENSE_BITS} bits densely
 * (at most 2<sup>18</sup> counts: 512 KiB while every count is below 65,536, 1 MiB below
 * 2<sup>31</sup>, 2 MiB beyond), the support of an all-history table being unknown in advance;
 * wider ones are hashed and follow the support.
 *
 * <p>State ({@link #writeState}/{@link #readState}): the total and every table's counts and exact
 * sum. {@link #readState} also takes the state {@link WeightedJointTables} wrote for the same masks
 * (cumulative windows kept weighted tables before December 2026) if every weight in it is a whole
 * count, and continues bit-identically: the exact sums of the same whole counts are the same bits
 * in either storage.
 */
final class CountingJointTables extends JointTables {
    /** Contiguous projections of up to this many bits are always dense (2^12 counts, at most 16 KiB). */
    static final int ALWAYS_DENSE_BITS = 12;
    /** A wider projection is dense while its array is at most this many times a full hash table's bytes. */
    static final int DENSE_MEMORY_FACTOR = 2;
    /** Unbounded tables store contiguous projections of up to this many bits densely. */
    static final int UNBOUNDED_DENSE_BITS = 18;
    /**
     * Most samples unbounded tables count: 2<sup>53</sup>, within which every count and the total are
     * exact as doubles too (the bound weighted tables have for whole weights).
     */
    static final long MAX_EXACT_SAMPLES = 1L << 53;
    private static final int STATE_TAG = 0x434A5442; // "CJTB"

    private final CountHistogram[] tables;  // null where the mask is 0
    private final long maxSamples;
    private final boolean unbounded;
    private long total;
    private final long[] lastAddedCounts;   // each table's count of the code last added ...
    private long lastAdded;                 // ... valid while this is that code
    private boolean lastAddedValid;         // and no change came after it

    CountingJointTables(int maxSamples, long[] masks) {
        this(checkMaxSamples(maxSamples), false, masks);
    }

    private static int checkMaxSamples(int maxSamples) {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples: expected 1..2^31-1, got " + maxSamples);
        }
        return maxSamples;
    }

    private CountingJointTables(long maxSamples, boolean unbounded, long[] masks) {
        super(masks);
        this.maxSamples = maxSamples;
        this.unbounded = unbounded;
        this.tables = new CountHistogram[masks.length];
        for (int i = 0; i < masks.length; i++) {
            long m = masks[i];
            if (m == 0) {
                continue;
            }
            int bits = contiguousBits(m);
            if (bits >= 0 && (unbounded ? bits <= UNBOUNDED_DENSE_BITS : dense(bits, (int) maxSamples))) {
                shifts[i] = Long.numberOfTrailingZeros(m);
                tables[i] = unbounded ? CountHistogram.denseGrowing(1 << bits) : CountHistogram.dense(1 << bits, (int) maxSamples);
            } else {
                tables[i] = CountHistogram.sparse();
            }
        }
        this.lastAddedCounts = new long[masks.length];
    }

    /** Tables for all history: up to {@link #MAX_EXACT_SAMPLES} samples, never removed in practice. */
    static CountingJointTables unbounded(long[] masks) {
        return new CountingJointTables(MAX_EXACT_SAMPLES, true, masks);
    }

    /** Whether a contiguous projection of {@code bits} bits is kept in an array (see the class note). */
    static boolean dense(int bits, int maxSamples) {
        if (bits <= ALWAYS_DENSE_BITS) {
            return true;
        }
        if (bits > 28) {
            return false;
        }
        long support = Math.min(maxSamples, 1L << bits);
        return CountHistogram.denseBytes(1L << bits, maxSamples) <= DENSE_MEMORY_FACTOR * CountHistogram.sparseBytes(support);
    }

    @Override
    double sumWLnW(int i) {
        return tables[i] == null ? xLnX(total) : tables[i].sumCLnC();
    }

    @Override
    public void add(long code, double weight) {
        checkUnit(weight);
        if (total == maxSamples) {
            throw new IllegalStateException("add: these counting tables hold at most " + maxSamples + " samples"
                    + (unbounded ? " (2^53, the most counted exactly); reset the operator's state" : ""));
        }
        for (int i = 0; i < tables.length; i++) {
            if (tables[i] != null) {
                lastAddedCounts[i] = tables[i].increment((code & masks[i]) >>> shifts[i]);
            }
        }
        total++;
        lastAdded = code;
        lastAddedValid = true;
    }

    @Override
    public void remove(long code, double weight) {
        checkUnit(weight);
        lastAddedValid = false;
        for (int i = 0; i < tables.length; i++) {
            if (tables[i] != null) {
                tables[i].decrement((code & masks[i]) >>> shifts[i]);
            }
        }
        total = Math.max(0L, total - 1);
    }

    @Override
    public void replace(long leaving, long entering, double weight) {
        checkUnit(weight);
        for (int i = 0; i < tables.length; i++) {
            CountHistogram t = tables[i];
            if (t == null) {
                continue;
            }
            long out = (leaving & masks[i]) >>> shifts[i];
            long in = (entering & masks[i]) >>> shifts[i];
            if (out == in) {
                lastAddedCounts[i] = t.count(in);
            } else {
                t.decrement(out);
                lastAddedCounts[i] = t.increment(in);
            }
        }
        lastAdded = entering;
        lastAddedValid = true;
    }

    @Override
    public void rescale(double factor) {
        throw new IllegalStateException("rescale: counting tables hold unit weights; use JointTables.weighted for decay windows");
    }

    /** Writes the total and every table exactly (tag, version, table count, total, then each table). O(support), dense tables O(capacity). */
    @Override
    public void writeState(StateWriter out) {
        out.putInt(STATE_TAG).putInt(1).putInt(tables.length).putLong(total);
        for (CountHistogram t : tables) {
            if (t != null) {
                t.writeState(out);
            }
        }
    }

    /**
     * Replaces the state with one written by {@link #writeState}, or by {@link WeightedJointTables#writeState}
     * for the same masks with whole weights only (the cumulative windows' format before December 2026).
     */
    @Override
    public void readState(StateReader in) {
        int first = in.getInt();
        lastAddedValid = false;
        if (first != STATE_TAG) {
            readWeightedState(first, in);
            return;
        }
        int version = in.getInt();
        int n = in.getInt();
        if (version != 1 || n != tables.length) {
            throw new IllegalArgumentException("state: counting tables version " + version + " with " + n
                    + " tables restored into " + tables.length + " tables of version 1");
        }
        long w = in.getLong();
        if (w < 0 || w > maxSamples) {
            throw new IllegalArgumentException("state: " + w + " samples in tables of at most " + maxSamples);
        }
        total = w;
        for (CountHistogram t : tables) {
            if (t != null) {
                t.readState(in);
            }
        }
    }

    /** The weighted tables' format (after its first int, the table count): converted to counts, bit-identical. */
    private void readWeightedState(int tableCount, StateReader in) {
        WeightedJointTables weighted = new WeightedJointTables(masks);
        weighted.readStateAfterTableCount(tableCount, in);
        double w = weighted.totalWeight();
        if (!(w >= 0 && w <= maxSamples && w == Math.rint(w))) {
            throw new IllegalArgumentException("state: total weight " + w + " is not a whole number of samples");
        }
        clear();
        total = (long) w;
        for (int i = 0; i < tables.length; i++) {
            CountHistogram t = tables[i];
            if (t != null) {
                int from = weighted.shifts[i];  // the weighted tables shift only the projections they keep dense
                int to = shifts[i];
                weighted.histogram(i).forEach((key, weight) -> {
                    if (weight != Math.rint(weight)) {
                        throw new IllegalArgumentException("state: weight " + weight + " of key " + key
                                + " is not a whole count; counting tables hold whole counts only");
                    }
                    t.add((key << from) >>> to, (long) weight);
                });
            }
        }
    }

    @Override
    public void clear() {
        lastAddedValid = false;
        for (CountHistogram t : tables) {
            if (t != null) {
                t.clear();
            }
        }
        total = 0;
    }

    @Override
    public double totalWeight() {
        return total;
    }

    @Override
    public double weight(int i, long code) {
        return count(i, code);
    }

    @Override
    public double localConditionalMutualInformationNats(long code) {
        long abc = count(2, code);
        if (abc <= 0) {
            return Double.NaN;
        }
        return lnCount(2, abc) + lnCount(3, count(3, code)) - lnCount(0, count(0, code)) - lnCount(1, count(1, code));
    }

    @Override
    public int support(int i) {
        return tables[i] == null ? (total > 0 ? 1 : 0) : tables[i].support();
    }

    private long count(int i, long code) {
        if (tables[i] == null) {
            return total;
        }
        return lastAddedValid && code == lastAdded ? lastAddedCounts[i] : tables[i].count((code & masks[i]) >>> shifts[i]); // skip the probe right after add
    }

    /** ln c of a count of table {@code i} from that table's term table; the mask-0 table's count is W. */
    private double lnCount(int i, long c) {
        return tables[i] == null ? Histogram.ln(c) : tables[i].lnCount(c);
    }

    private static void checkUnit(double weight) {
        if (weight != 1.0) {
            throw new IllegalArgumentException("weight: counting tables take unit weights, got " + weight);
        }
    }
}
