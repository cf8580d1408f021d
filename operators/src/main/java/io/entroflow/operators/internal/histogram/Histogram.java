package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Arrays;

/**
 * A weighted histogram over symbol keys that keeps, after every change, the sums the entropy
 * family is computed from: total weight, support, &Sigma; w ln w (exact, see {@link ExactSum}),
 * optionally &Sigma; w<sup>e</sup> for one exponent e and the largest weight.
 *
 * <p>Each {@link #add}/{@link #remove} is O(1): it replaces one symbol's terms in the sums. The
 * total weight, &Sigma; w ln w and the power sum are {@link ExactSum}s: they equal the exact sum
 * of their current terms whatever the order of changes, so a state rebuilt from its window's
 * contents after a restart is bit-identical to one never interrupted. Should a power term reach
 * 2<sup>60</sup> or the power sum 2<sup>62</sup> the power sum continues as a compensated double
 * sum ({@link PowerSum}). The maximum is kept by a {@link MaxTracker}.
 *
 * <p>Shape (HdrHistogram's): this class holds the algorithms (the running sums, the exact state
 * export, which delegates to its parts) and declares a small storage SPI (slots of weights);
 * storage variants are thin subclasses: {@link DenseHistogram} (keys 0..capacity-1, array indexed
 * by key) and {@link SparseHistogram} (any long key, open addressing). Both are single-writer and
 * not thread-safe; operators guard them with a {@link io.entroflow.operators.internal.concurrent.SeqLock}.
 */
public abstract class Histogram {
    /** {@link #ln} and {@link #xLnX} tabulate whole numbers below this (2<sup>20</sup>); past it {@link #ln} is {@link Math#log}. */
    public static final int TERM_TABLE_LIMIT = Terms.TABLE_LIMIT;

    private final double powerExponent;
    private final boolean trackMax;

    private final ExactSum exactTotal = new ExactSum();
    private double totalWeight; // exactTotal's value, cached for readers
    private int support;
    private final ExactSum sumWLnW = new ExactSum();
    private final PowerSum powerSum; // kept only with an exponent, always part of the exact state
    private final MaxTracker max = new MaxTracker(); // kept only when tracked, always part of the exact state

    private Terms.Table table = Terms.table();

    /**
     * @param powerExponent exponent e of the tracked power sum &Sigma; w<sup>e</sup>, e &gt; 0, or NaN for none
     * @param trackMax      whether to keep the largest weight (needed for R&eacute;nyi order &infin;)
     */
    protected Histogram(double powerExponent, boolean trackMax) {
        if (!Double.isNaN(powerExponent) && !(powerExponent > 0 && Double.isFinite(powerExponent))) {
            throw new IllegalArgumentException("powerExponent: expected a finite value > 0 or NaN, got " + powerExponent);
        }
        this.powerExponent = powerExponent;
        this.trackMax = trackMax;
        this.powerSum = new PowerSum(powerExponent);
    }

    // ---- storage, provided by the variants -------------------------------------------------

    /** The slot holding {@code key}, creating it when {@code create}; -1 if absent and not created. */
    protected abstract int slotOf(long key, boolean create);

    /** Whether emptied slots must be released ({@link #releaseSlot}); false for permanent slots. */
    protected boolean releasesSlots() {
        return true;
    }

    /** Releases a slot whose weight dropped to zero. */
    protected abstract void releaseSlot(int slot);

    /** Weight at a slot. */
    protected abstract double weightAt(int slot);

    /** Sets the weight at a slot. */
    protected abstract void setWeightAt(int slot, double weight);

    /** Number of slots that may hold weight (an upper bound on the support). */
    protected abstract int slotCount();

    /** Key held at a slot (meaningful only where the weight is positive). */
    protected abstract long keyAt(int slot);

    /** Removes every key. */
    protected abstract void clearStorage();

    /** Releases the slots whose weight is 0 (after a rescale); default: nothing to release. */
    protected void releaseEmptySlots() {
    }

    /** Writes the storage (keys, weights and layout) exactly. */
    protected abstract void writeStorage(StateWriter out);

    /** Replaces the storage with one written by {@link #writeStorage}. */
    protected abstract void readStorage(StateReader in);

    /** An empty histogram of the same kind and configuration. */
    public abstract Histogram emptyCopy();

    // ---- changes ----------------------------------------------------------------------------

    /** Adds {@code weight} (&gt; 0) to {@code key}. Returns the key's new weight. */
    public final double add(long key, double weight) {
        int slot = slotOf(key, true);
        double before = weightAt(slot);
        double after = before + weight;
        setWeightAt(slot, after);
        replaceTerms(before, after);
        addToTotal(weight);
        support += before <= 0 ? 1 : 0; // branch-free: whether a symbol is new is unpredictable
        return after;
    }

    /**
     * Removes {@code weight} from {@code key}, which must hold at least that much.
     * Returns the key's new weight.
     *
     * @throws IllegalStateException if the key holds less
     */
    public final double remove(long key, double weight) {
        int slot = slotOf(key, false);
        double before = slot < 0 ? 0 : weightAt(slot);
        if (before < weight) {
            throw new IllegalStateException("remove: key " + key + " holds " + before + ", cannot remove " + weight);
        }
        double after = before - weight;
        setWeightAt(slot, after);
        replaceTerms(before, after);
        addToTotal(-weight);
        support -= after <= 0 ? 1 : 0;
        if (after <= 0 && releasesSlots()) {
            releaseSlot(slot);
        }
        return after;
    }

    /** Multiplies every weight by {@code factor} (&gt; 0) and rebuilds the sums: O(slots). */
    public final void rescale(double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("factor: expected a finite value > 0, got " + factor);
        }
        int n = slotCount();
        for (int s = 0; s < n; s++) {
            double w = weightAt(s);
            if (w > 0) {
                // a weight that would turn subnormal has decayed past anything a double can weigh: drop it
                double scaled = w * factor;
                setWeightAt(s, scaled >= Double.MIN_NORMAL ? scaled : 0.0);
            }
        }
        max.markFractional();
        rebuild();
        releaseEmptySlots();
    }

    /** Adds every weight of {@code other} to this histogram (union of disjoint data). */
    public final void merge(Histogram other) {
        int n = other.slotCount();
        for (int s = 0; s < n; s++) {
            double w = other.weightAt(s);
            if (w > 0) {
                add(other.keyAt(s), w);
            }
        }
    }

    /** Removes everything. */
    public final void clear() {
        clearStorage();
        exactTotal.clear();
        totalWeight = 0;
        support = 0;
        sumWLnW.clear();
        powerSum.clear();
        max.clear();
    }

    // ---- exact state ---------------------------------------------------------------------------

    private static final int STATE_TAG = 0x48495354; // "HIST"

    /**
     * Writes the whole state: weights in their storage layout and every running sum as its exact
     * bits (the running total of a decayed histogram is the exact sum of the weights as they were
     * added, not of the current weights, so it is written, not recomputed). O(slots).
     */
    public final void writeState(StateWriter out) {
        out.putInt(STATE_TAG).putInt(1);
        out.putDouble(powerExponent).putBoolean(trackMax);
        writeStorage(out);
        exactTotal.writeState(out);
        out.putDouble(totalWeight).putInt(support);
        sumWLnW.writeState(out);
        powerSum.writeState(out);
        max.writeState(out);
    }

    /**
     * Replaces this histogram's state with one written by {@link #writeState} from a histogram of
     * the same kind and configuration; it then behaves bit-identically to that one. O(slots).
     *
     * @throws IllegalArgumentException for a state of another configuration or a corrupt state
     */
    public final void readState(StateReader in) {
        in.expect(STATE_TAG, 1, "histogram");
        double e = in.getDouble();
        boolean tracked = in.getBoolean();
        if (Double.doubleToLongBits(e) != Double.doubleToLongBits(powerExponent) || tracked != trackMax) {
            throw new IllegalArgumentException("state: histogram of power exponent " + e + ", max " + tracked
                    + " restored into one of " + powerExponent + ", " + trackMax);
        }
        readStorage(in);
        exactTotal.readState(in);
        totalWeight = in.getDouble();
        support = in.getInt();
        sumWLnW.readState(in);
        powerSum.readState(in);
        max.readState(in);
    }

    // ---- reads --------------------------------------------------------------------------------

    /** The weight of {@code key}, 0 if never seen. */
    public final double weight(long key) {
        int slot = slotOf(key, false);
        return slot < 0 ? 0.0 : weightAt(slot);
    }

    /** W, the total weight. */
    public final double totalWeight() {
        return totalWeight;
    }

    /** Number of keys with positive weight. */
    public final int support() {
        return support;
    }

    /** &Sigma; w ln w. */
    public final double sumWLnW() {
        return sumWLnW.value();
    }

    /** The exact &Sigma; w ln w, for comparing states bit for bit. */
    public final ExactSum exactSumWLnW() {
        return sumWLnW.copy();
    }

    /** Whether the largest weight is tracked. */
    public final boolean tracksMax() {
        return trackMax;
    }

    /** The power exponent e, or NaN. */
    public final double powerExponent() {
        return powerExponent;
    }

    /** &Sigma; w<sup>e</sup>, or NaN if no exponent was configured. */
    public final double powerSum() {
        if (Double.isNaN(powerExponent)) {
            return Double.NaN;
        }
        return powerSum.value();
    }

    /** The largest weight, or NaN if not tracked. Pure read: safe for a seqlock reader. */
    public final double maxWeight() {
        return trackMax ? max.value() : Double.NaN;
    }

    /** Calls {@code action} for every key with positive weight, in slot order. */
    public final void forEach(KeyWeightConsumer action) {
        int n = slotCount();
        for (int s = 0; s < n; s++) {
            double w = weightAt(s);
            if (w > 0) {
                action.accept(keyAt(s), w);
            }
        }
    }

    /**
     * Copies keys and weights into fresh arrays. Tolerates running concurrently with the writer
     * (the result may then be inconsistent and must be validated by the caller's
     * {@link io.entroflow.operators.internal.concurrent.SeqLock}).
     */
    public final HistogramCopy copy() {
        int n = slotCount();
        long[] keys = new long[Math.max(0, support)];
        double[] weights = new double[keys.length];
        int i = 0;
        for (int s = 0; s < n && i < keys.length; s++) {
            double w = weightAt(s);
            if (w > 0) {
                keys[i] = keyAt(s);
                weights[i] = w;
                i++;
            }
        }
        return new HistogramCopy(i == keys.length ? keys : Arrays.copyOf(keys, i),
                i == weights.length ? weights : Arrays.copyOf(weights, i));
    }

    /**
     * ln x for x &gt; 0, from a shared table for whole numbers below 2<sup>20</sup> (bit-identical on
     * every JVM, and a load instead of a logarithm), {@link Math#log} otherwise.
     */
    public static double ln(double x) {
        return Terms.ln(x);
    }

    /**
     * x ln x (0 for x = 0), bit-identical on every JVM for whole x (a shared table below
     * 2<sup>20</sup>, {@link StrictMath#log} above), {@link Math#log} for fractional x.
     */
    public static double xLnX(double x) {
        return Terms.xLnX(x);
    }

    /** Receives a key and its weight. */
    @FunctionalInterface
    public interface KeyWeightConsumer {
        void accept(long key, double weight);
    }

    // ---- internals ------------------------------------------------------------------------------

    private void addToTotal(double weight) {
        if ((weight == 1.0 || weight == -1.0) && exactTotal.isSmallWholeNumber() && totalWeight + weight >= 0) {
            // unit weights on a whole total: plain double arithmetic is exact, skip the conversion
            exactTotal.addFixed(weight > 0 ? 1 : -1, 0);
            totalWeight += weight;
        } else {
            exactTotal.add(weight);
            totalWeight = exactTotal.value();
        }
    }

    private void replaceTerms(double before, double after) {
        int b = (int) before;
        int a = (int) after;
        boolean whole = b == before && a == after;
        int top = Math.max(a, b);
        if (whole && top >= table.size() && top < Terms.TABLE_LIMIT) {
            table = Terms.tableCovering(top);
        }
        if (whole && top < table.size()) {
            // whole counts: pre-split fixed-point terms, no logarithm and no conversion
            sumWLnW.subtractFixed(table.xLnXInteger[b], table.xLnXFraction[b]);
            sumWLnW.addFixed(table.xLnXInteger[a], table.xLnXFraction[a]);
        } else {
            sumWLnW.subtract(Terms.xLnX(before));
            sumWLnW.add(Terms.xLnX(after));
        }
        if (!Double.isNaN(powerExponent)) {
            powerSum.replace(before, after, whole, top, this);
        }
        if (trackMax) {
            max.replace(before, after, this);
        }
    }

    private void rebuild() {
        sumWLnW.clear();
        exactTotal.clear();
        int count = 0;
        int n = slotCount();
        for (int s = 0; s < n; s++) {
            double w = weightAt(s);
            if (w > 0) {
                sumWLnW.add(Terms.xLnX(w));
                exactTotal.add(w);
                count++;
            }
        }
        totalWeight = exactTotal.value();
        support = count;
        if (!Double.isNaN(powerExponent)) {
            powerSum.rebuild(this);
        }
        if (trackMax) {
            max.recompute(this);
        }
    }
}
