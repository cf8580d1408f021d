package io.entroflow.operators.internal.joint;

import io.entroflow.operators.internal.histogram.Histogram;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.window.Window;

/**
 * Weighted counts of several projections (tables) of one joint variable, each keeping its exact
 * &Sigma; w ln w, so that Shannon entropies of every table and signed sums of them are O(1).
 * Every plug-in information measure of discrete variables is such a sum, e.g.
 * I(A;B|C) = H(A,C) + H(B,C) &minus; H(A,B,C) &minus; H(C) (see {@link #conditionalMutualInformationMasks}).
 *
 * <p>Formulas (nats). Table i counts the codes ANDed with mask m<sub>i</sub>; all tables share
 * the total weight W, and H<sub>i</sub> = ln W &minus; S<sub>i</sub>/W with S<sub>i</sub> the exact
 * &Sigma; w ln w of table i. The local (pointwise) entropy of a code x in table i is
 * h<sub>i</sub>(x) = ln(W / w<sub>i</sub>(x &amp; m<sub>i</sub>)); local values of combined measures
 * are the same signed sums of h<sub>i</sub>.
 *
 * <p>Two storage variants, chosen by the factories and equal bit for bit on the same data:
 * {@link #weighted} (any positive weights: decay and time windows) keeps
 * {@link io.entroflow.operators.internal.histogram.Histogram}s of doubles; {@link #counting} (unit weights,
 * at most a known number of samples at once: count windows, batch recomputations; or
 * {@link #cumulative}, unbounded: all-history windows) keeps
 * {@link io.entroflow.operators.internal.histogram.CountHistogram}s of ints, dense for wider tables, and is
 * 2&ndash;3&times; faster per change. {@link #forWindow} picks the variant for a window.
 * Cost: {@link #add}/{@link #remove} touch one bucket per table, O(tables) = O(1), and never
 * rescan; {@link #replace} skips the tables whose key does not change; a table with mask 0 (the
 * empty projection) has entropy 0 and stores nothing. {@link #rescale} (weighted only) is
 * O(support) (decay windows, rarely).
 *
 * <p>Single-writer, not thread-safe; operators guard it with a
 * {@link io.entroflow.operators.internal.concurrent.SeqLock} and read it through {@link #sums()}.
 */
public abstract class JointTables {
    final long[] masks;
    final int[] shifts;  // key of a code in table i: (code & masks[i]) >>> shifts[i] (0 for hashed tables)
    private double lnTotalOf = Double.NaN;     // the W lnTotal is for (writer thread only)
    private double lnTotal;
    private double mathLogTotalOf = Double.NaN; // the W mathLogTotal is for
    private double mathLogTotal;

    JointTables(long[] masks) {
        this.masks = masks.clone();
        this.shifts = new int[masks.length];
    }

    /** Tables of any positive weights, one per mask (from {@link JointCodeLayout#mask(int...)}). */
    public static JointTables weighted(long... masks) {
        return new WeightedJointTables(masks);
    }

    /**
     * Tables of unit weights for at most {@code maxSamples} samples at once, one per mask;
     * {@link #add}/{@link #remove}/{@link #replace} accept only the weight 1.
     *
     * @param maxSamples the most samples counted at once (a count window's size), 1 .. 2<sup>31</sup>&minus;1;
     *                   it bounds the counts and sizes the dense tables
     */
    public static JointTables counting(int maxSamples, long... masks) {
        return new CountingJointTables(maxSamples, masks);
    }

    /**
     * Tables of unit weights without a bound on the number of samples (up to 2<sup>53</sup>), for
     * all-history windows: the counts of {@link #counting}, exact at any size, and a state
     * ({@link #writeState}) that also restores the {@link #weighted} tables' state of the same masks.
     */
    public static JointTables cumulative(long... masks) {
        return CountingJointTables.unbounded(masks);
    }

    /**
     * {@link #counting} for a count window, {@link #cumulative} for an all-history window (both hold
     * whole counts only), {@link #weighted} for time and decay windows.
     */
    public static JointTables forWindow(Window window, long... masks) {
        if (window instanceof Window.Count c) {
            return counting(c.size(), masks);
        }
        return window instanceof Window.Cumulative ? cumulative(masks) : weighted(masks);
    }

    /**
     * The masks of the four tables of I(A;B|C): index 0 = (A,C), 1 = (B,C), 2 = (A,B,C), 3 = (C);
     * evaluate with {@link #conditionalMutualInformationNats}. Mask c = 0 gives I(A;B).
     */
    public static long[] conditionalMutualInformationMasks(long a, long b, long c) {
        return new long[] {a | c, b | c, a | b | c, c};
    }

    /**
     * I(A;B|C) = H<sub>0</sub> + H<sub>1</sub> &minus; H<sub>2</sub> &minus; H<sub>3</sub>
     * = (S<sub>2</sub> + S<sub>3</sub> &minus; S<sub>0</sub> &minus; S<sub>1</sub>) / W (the ln W terms cancel),
     * nats, from a reading of tables with {@link #conditionalMutualInformationMasks}; 0 when W = 0.
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
    public final double conditionalMutualInformationNats() {
        double w = totalWeight();
        if (!(w > 0)) {
            return 0.0;
        }
        return (sumWLnW(2) + sumWLnW(3) - sumWLnW(0) - sumWLnW(1)) / w;
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

    /** &Sigma; w ln w of table {@code i} (W ln W for a mask-0 table: one key holds all the weight). */
    abstract double sumWLnW(int i);

    /** Counts {@code code} with {@code weight} &gt; 0. */
    public abstract void add(long code, double weight);

    /** Takes back {@code weight} of {@code code}, which must have been counted. */
    public abstract void remove(long code, double weight);

    /**
     * Takes back {@code weight} of {@code leaving} and counts {@code weight} of {@code entering}, as
     * {@link #remove} then {@link #add} but skipping every table in which both project to the same
     * key (its counts would not change): a sliding window's usual step.
     */
    public abstract void replace(long leaving, long entering, double weight);

    /**
     * Multiplies every weight by {@code factor} (decay windows). O(support).
     *
     * @throws IllegalStateException for {@link #counting} tables
     */
    public abstract void rescale(double factor);

    /** Removes everything. */
    public abstract void clear();

    /** Writes every table and the total weight exactly. O(support) (O(capacity) for dense count tables). */
    public abstract void writeState(StateWriter out);

    /**
     * Replaces the state with one written by {@link #writeState} from tables of the same masks.
     *
     * @throws IllegalArgumentException for a state of other tables or a corrupt state
     */
    public abstract void readState(StateReader in);

    /** W, the total weight counted. */
    public abstract double totalWeight();

    /** Weight of {@code code}'s projection in table {@code i} (W for a mask-0 table). */
    public abstract double weight(int i, long code);

    /** Distinct projections with positive weight in table {@code i} (1 for a mask-0 table with data). */
    public abstract int support(int i);

    /** Local entropy ln(W / w<sub>i</sub>) of {@code code} in table {@code i}, nats; NaN if its weight is 0. */
    public final double localNats(int i, long code) {
        double w = weight(i, code);
        return w > 0 ? lnTotal() - Histogram.ln(w) : Double.NaN;
    }

    /**
     * {@link Histogram#ln} of W, computed once per W: the local values of several tables and the
     * entropies of a query share it (past the term table it is a logarithm per call otherwise).
     */
    private double lnTotal() {
        double w = totalWeight();
        if (!(w < Histogram.TERM_TABLE_LIMIT)) {
            return mathLogTotal(); // past the table Histogram.ln is Math.log: one logarithm for both
        }
        if (w != lnTotalOf) {
            lnTotal = Histogram.ln(w);
            lnTotalOf = w;
        }
        return lnTotal;
    }

    /** {@link Math#log} of W, computed once per W (for {@link #entropyNats}, as {@link Sums#entropyNats} takes it). */
    private double mathLogTotal() {
        double w = totalWeight();
        if (w != mathLogTotalOf) {
            mathLogTotal = Math.log(w);
            mathLogTotalOf = w;
        }
        return mathLogTotal;
    }

    /** Entropy of table {@code i} in nats, as {@link Sums#entropyNats} of a reading (same bits), without allocating. Writer thread. */
    public final double entropyNats(int i) {
        double w = totalWeight();
        if (!(w > 0) || masks[i] == 0) {
            return 0.0;
        }
        return Math.max(0.0, mathLogTotal() - sumWLnW(i) / w);
    }

    /**
     * A reading of W and every table's &Sigma; w ln w. Tolerates a concurrent writer (the result
     * is then to be discarded by the caller's seqlock).
     */
    public final Sums sums() {
        double[] s = new double[masks.length];
        for (int i = 0; i < masks.length; i++) {
            s[i] = sumWLnW(i);
        }
        return new Sums(totalWeight(), s, masks.clone());
    }

    /** Bits of a contiguous mask ({@code m >>> shift} is 2<sup>bits</sup>&minus;1), or -1 if its bits are not contiguous. */
    static int contiguousBits(long m) {
        int shift = Long.numberOfTrailingZeros(m);
        long run = m >>> shift;
        return (run & (run + 1)) == 0 ? Long.bitCount(m) : -1;
    }

    /** w ln w, 0 for w = 0: the sum of a mask-0 table, whose one key holds all the weight. */
    static double xLnX(double w) {
        return w > 0 ? w * Math.log(w) : 0.0;
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
