package io.entroflow.operators.joint;

import io.entroflow.operators.histogram.DenseHistogram;
import io.entroflow.operators.histogram.Histogram;
import io.entroflow.operators.histogram.SparseHistogram;
import io.entroflow.operators.state.StateReader;
import io.entroflow.operators.state.StateWriter;

/**
 * Weighted counts of several projections (tables) of one joint variable, each keeping its exact
 * &Sigma; w ln w, so that Shannon entropies of every table and signed sums of them are O(1).
 * Every plug-in information measure of discrete variables is such a sum, e.g.
 * I(A;B|C) = H(A,C) + H(B,C) &minus; H(A,B,C) &minus; H(C) (see {@link #conditionalMutualInformation}).
 *
 * <p>Formulas (nats). Table i counts the codes ANDed with mask m<sub>i</sub>; all tables share
 * the total weight W, and H<sub>i</sub> = ln W &minus; S<sub>i</sub>/W with S<sub>i</sub> the exact
 * &Sigma; w ln w of table i. The local (pointwise) entropy of a code x in table i is
 * h<sub>i</sub>(x) = ln(W / w<sub>i</sub>(x &amp; m<sub>i</sub>)); local values of combined measures
 * are the same signed sums of h<sub>i</sub>.
 *
 * <p>Storage: a projection onto a contiguous run of at most 12 bits is kept in a
 * {@link DenseHistogram} indexed by the shifted bits (no hashing); others in a {@link SparseHistogram}.
 * Cost: {@link #add}/{@link #remove} touch one bucket per table, O(tables) = O(1), and never
 * rescan; a table with mask 0 (the empty projection) has entropy 0 and stores nothing.
 * {@link #rescale} is O(support) (decay windows, rarely).
 *
 * <p>Single-writer, not thread-safe; operators guard it with a
 * {@link io.entroflow.operators.concurrent.SeqLock} and read it through {@link #sums()}.
 */
public final class JointTables {
    /** w ln w, 0 for w = 0: the sum of a mask-0 table, whose one key holds all the weight. */
    private static final class Terms {
        static double xLnX(double w) {
            return w > 0 ? w * Math.log(w) : 0.0;
        }
    }

    private final long[] masks;
    /** Widest contiguous projection stored densely (2^12 keys, 32 KiB); wider ones are hashed. */
    static final int MAX_DENSE_BITS = 12;

    private final int[] shifts;             // key of a code in table i: (code & masks[i]) >>> shifts[i]
    private final Histogram[] tables;       // null where the mask is 0
    private final Histogram anyTable;       // a non-null table for W, or null
    private double totalWeight;
    private final double[] lastAddedWeights; // each table's weight of the code last added ...
    private long lastAdded;                    // ... valid while this is that code
    private boolean lastAddedValid;            // and no change came after it

    /** @param masks projection of each table (from {@link JointCodeLayout#mask(int...)}) */
    public JointTables(long... masks) {
        this.masks = masks.clone();
        this.tables = new Histogram[masks.length];
        this.shifts = new int[masks.length];
        Histogram any = null;
        for (int i = 0; i < masks.length; i++) {
            long m = masks[i];
            if (m != 0) {
                int shift = Long.numberOfTrailingZeros(m);
                int bits = Long.bitCount(m);
                boolean contiguous = ((m >>> shift) & ((m >>> shift) + 1)) == 0;
                if (contiguous && bits <= MAX_DENSE_BITS) {
                    shifts[i] = shift;
                    tables[i] = new DenseHistogram(1 << bits, Double.NaN, false);
                } else {
                    tables[i] = new SparseHistogram(Double.NaN, false);
                }
                any = any == null ? tables[i] : any;
            }
        }
        this.anyTable = any;
        this.lastAddedWeights = new double[masks.length];
    }

    /**
     * The four tables of I(A;B|C): index 0 = (A,C), 1 = (B,C), 2 = (A,B,C), 3 = (C);
     * evaluate with {@link #conditionalMutualInformationNats}. Mask c = 0 gives I(A;B).
     */
    public static JointTables conditionalMutualInformation(long a, long b, long c) {
        return new JointTables(a | c, b | c, a | b | c, c);
    }

    /**
     * I(A;B|C) = H<sub>0</sub> + H<sub>1</sub> &minus; H<sub>2</sub> &minus; H<sub>3</sub>
     * = (S<sub>2</sub> + S<sub>3</sub> &minus; S<sub>0</sub> &minus; S<sub>1</sub>) / W (the ln W terms cancel),
     * nats, from a reading of the tables made by {@link #conditionalMutualInformation}; 0 when W = 0.
     */
    public static double conditionalMutualInformationNats(Sums s) {
        double w = s.totalWeight();
        if (!(w > 0)) {
            return 0.0;
        }
        double[] t = s.sumWLnW();
        return (t[2] + t[3] - t[0] - t[1]) / w;
    }

    /** As {@link #conditionalMutualInformationNats(Sums)} on the current state, without allocating. Writer thread. */
    public double conditionalMutualInformationNats() {
        if (!(totalWeight > 0)) {
            return 0.0;
        }
        return (sumWLnW(2) + sumWLnW(3) - sumWLnW(0) - sumWLnW(1)) / totalWeight;
    }

    /** Local I(a;b|c) of {@code code} = ln(w(a,b,c)&middot;w(c) / (w(a,c)&middot;w(b,c))), nats; NaN if the code is not counted. */
    public double localConditionalMutualInformationNats(long code) {
        double abc = weight(2, code);
        if (!(abc > 0)) {
            return Double.NaN;
        }
        // ln of whole counts comes from the shared table: four loads instead of a logarithm
        return Histogram.ln(abc) + Histogram.ln(weight(3, code)) - Histogram.ln(weight(0, code)) - Histogram.ln(weight(1, code));
    }

    private double sumWLnW(int i) {
        return tables[i] == null ? Terms.xLnX(totalWeight) : tables[i].sumWLnW();
    }

    /** Counts {@code code} with {@code weight} &gt; 0. */
    public void add(long code, double weight) {
        for (int i = 0; i < tables.length; i++) {
            if (tables[i] != null) {
                lastAddedWeights[i] = tables[i].add((code & masks[i]) >>> shifts[i], weight);
            }
        }
        totalWeight = anyTable == null ? totalWeight + weight : anyTable.totalWeight();
        lastAdded = code;
        lastAddedValid = true;
    }

    /** Takes back {@code weight} of {@code code}, which must have been counted. */
    public void remove(long code, double weight) {
        lastAddedValid = false;
        for (int i = 0; i < tables.length; i++) {
            if (tables[i] != null) {
                tables[i].remove((code & masks[i]) >>> shifts[i], weight);
            }
        }
        totalWeight = anyTable == null ? Math.max(0, totalWeight - weight) : anyTable.totalWeight();
    }

    /**
     * Takes back {@code weight} of {@code leaving} and counts {@code weight} of {@code entering}, as
     * {@link #remove} then {@link #add} but skipping every table in which both project to the same
     * key (its counts would not change): a sliding window's usual step.
     */
    public void replace(long leaving, long entering, double weight) {
        for (int i = 0; i < tables.length; i++) {
            Histogram t = tables[i];
            if (t == null) {
                continue;
            }
            long out = (leaving & masks[i]) >>> shifts[i];
            long in = (entering & masks[i]) >>> shifts[i];
            if (out == in) {
                lastAddedWeights[i] = t.weight(in);
            } else {
                t.remove(out, weight);
                lastAddedWeights[i] = t.add(in, weight);
            }
        }
        totalWeight = anyTable == null ? totalWeight : anyTable.totalWeight();
        lastAdded = entering;
        lastAddedValid = true;
    }

    /** Multiplies every weight by {@code factor} (decay windows). O(support). */
    public void rescale(double factor) {
        lastAddedValid = false;
        for (Histogram t : tables) {
            if (t != null) {
                t.rescale(factor);
            }
        }
        totalWeight = anyTable == null ? totalWeight * factor : anyTable.totalWeight();
    }

    /** Removes everything. */
    public void clear() {
        lastAddedValid = false;
        for (Histogram t : tables) {
            if (t != null) {
                t.clear();
            }
        }
        totalWeight = 0;
    }

    /** Writes every table and the total weight exactly. O(support). */
    public void writeState(StateWriter out) {
        out.putInt(tables.length).putDouble(totalWeight);
        for (Histogram t : tables) {
            if (t != null) {
                t.writeState(out);
            }
        }
    }

    /**
     * Replaces the state with one written by {@link #writeState} from tables of the same masks.
     *
     * @throws IllegalArgumentException for a state of other tables or a corrupt state
     */
    public void readState(StateReader in) {
        int n = in.getInt();
        if (n != tables.length) {
            throw new IllegalArgumentException("state: " + n + " joint tables restored into " + tables.length);
        }
        lastAddedValid = false;
        totalWeight = in.getDouble();
        for (Histogram t : tables) {
            if (t != null) {
                t.readState(in);
            }
        }
    }

    /** W, the total weight counted. */
    public double totalWeight() {
        return totalWeight;
    }

    /** Weight of {@code code}'s projection in table {@code i} (W for a mask-0 table). */
    public double weight(int i, long code) {
        if (tables[i] == null) {
            return totalWeight;
        }
        return lastAddedValid && code == lastAdded ? lastAddedWeights[i] : tables[i].weight((code & masks[i]) >>> shifts[i]); // skip the probe right after add
    }

    /** Distinct projections with positive weight in table {@code i} (1 for a mask-0 table with data). */
    public int support(int i) {
        return tables[i] == null ? (totalWeight > 0 ? 1 : 0) : tables[i].support();
    }

    /** Local entropy ln(W / w<sub>i</sub>) of {@code code} in table {@code i}, nats; NaN if its weight is 0. */
    public double localNats(int i, long code) {
        double w = weight(i, code);
        return w > 0 ? Histogram.ln(totalWeight) - Histogram.ln(w) : Double.NaN;
    }

    /** Entropy of table {@code i} in nats. */
    public double entropyNats(int i) {
        return sums().entropyNats(i);
    }

    /**
     * A reading of W and every table's &Sigma; w ln w. Tolerates a concurrent writer (the result
     * is then to be discarded by the caller's seqlock).
     */
    public Sums sums() {
        double[] s = new double[tables.length];
        for (int i = 0; i < tables.length; i++) {
            s[i] = sumWLnW(i);
        }
        return new Sums(totalWeight, s, masks.clone());
    }

    /**
     * A reading of the running sums.
     *
     * @param totalWeight W
     * @param sumWLnW     &Sigma; w ln w per table (W ln W for a mask-0 table: one key holds all weight)
     * @param masks       the tables' masks
     */
    public record Sums(double totalWeight, double[] sumWLnW, long[] masks) {
        /** H of table i in nats: ln W &minus; S<sub>i</sub>/W (0 for an empty reading or a mask-0 table). */
        public double entropyNats(int i) {
            if (!(totalWeight > 0) || masks[i] == 0) {
                return 0.0;
            }
            return Math.max(0.0, Math.log(totalWeight) - sumWLnW[i] / totalWeight);
        }
    }
}
