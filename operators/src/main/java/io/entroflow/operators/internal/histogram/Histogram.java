package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.entropy.HistogramStats;
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
 * 2<sup>60</sup> or the power sum 2<sup>62</sup> (e.g. counts past 4,000 with e = 5, or large
 * decayed weights), the power sum continues as a compensated
 * double sum rebuilt from the weights every max(4096, 2&middot;slots) changes (amortised O(1),
 * within a few ulps, but no longer order-independent). The maximum is kept with counts of counts
 * while all weights are whole numbers, and by a rescan when a fractional top weight shrinks.
 *
 * <p>Storage variants: {@link DenseHistogram} (keys 0..capacity-1, array indexed by key) and
 * {@link SparseHistogram} (any long key, open addressing). Both are single-writer and not
 * thread-safe; operators guard them with a {@link io.entroflow.operators.internal.concurrent.SeqLock}.
 */
public abstract class Histogram {
    private static final int MIN_REBASE_INTERVAL = 4096;
    /** Power terms below this are summed exactly, */
    private static final double EXACT_TERM_LIMIT = 0x1p60;
    /** while the exact power sum stays below this, so one more term cannot overflow 2^63. */
    private static final long EXACT_SUM_LIMIT = 1L << 62;
    /**
     * Largest weight kept in counts of counts (4 MiB of ints); beyond it the maximum is tracked
     * as for fractional weights. Decay windows produce whole weights up to 2^32 (powers of two),
     * which must not size the array.
     */
    private static final int MAX_COUNTED_WEIGHT = 1 << 20;

    private final double powerExponent;
    private final boolean trackMax;

    private final ExactSum exactTotal = new ExactSum();
    private double totalWeight; // exactTotal's value, cached for readers
    private int support;
    private final ExactSum sumWLnW = new ExactSum();
    private final ExactSum exactPowerSum = new ExactSum();
    private boolean powerSumInexact; // a term reached 2^62: compensated double sum from then on
    private double powerSum;         // the power sum's value (cached from exactPowerSum while exact)
    private double powerCompensation;
    private long changesSinceRebase;

    private Terms.Table table = Terms.table();
    private double[] powerTable = new double[0];  // c^e for whole counts c, grown on demand
    private long[] powerInteger = new long[0];    // its ExactSum parts, while c^e < 2^62
    private long[] powerFraction = new long[0];
    private boolean integral = true;   // every weight so far a whole number
    private int[] countOfCounts = new int[0];
    private double maxWeight;

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
        integral = false;
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
        exactPowerSum.clear();
        powerSumInexact = false;
        powerSum = 0;
        powerCompensation = 0;
        changesSinceRebase = 0;
        integral = true;
        Arrays.fill(countOfCounts, 0);
        maxWeight = 0;
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
        exactPowerSum.writeState(out);
        out.putBoolean(powerSumInexact).putDouble(powerSum).putDouble(powerCompensation).putLong(changesSinceRebase);
        out.putBoolean(integral).putDouble(maxWeight);
        int top = countOfCounts.length;
        while (top > 0 && countOfCounts[top - 1] == 0) {
            top--;
        }
        out.putInt(top);
        for (int c = 0; c < top; c++) {
            out.putInt(countOfCounts[c]);
        }
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
        boolean max = in.getBoolean();
        if (Double.doubleToLongBits(e) != Double.doubleToLongBits(powerExponent) || max != trackMax) {
            throw new IllegalArgumentException("state: histogram of power exponent " + e + ", max " + max
                    + " restored into one of " + powerExponent + ", " + trackMax);
        }
        readStorage(in);
        exactTotal.readState(in);
        totalWeight = in.getDouble();
        support = in.getInt();
        sumWLnW.readState(in);
        exactPowerSum.readState(in);
        powerSumInexact = in.getBoolean();
        powerSum = in.getDouble();
        powerCompensation = in.getDouble();
        changesSinceRebase = in.getLong();
        integral = in.getBoolean();
        maxWeight = in.getDouble();
        int top = in.getInt();
        if (top < 0 || top > MAX_COUNTED_WEIGHT + 1) {
            throw new IllegalArgumentException("state: counts of counts of length " + top);
        }
        countOfCounts = new int[top];
        for (int c = 0; c < top; c++) {
            countOfCounts[c] = in.getInt();
        }
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
        return powerSumInexact ? powerSum + powerCompensation : exactPowerSum.value();
    }

    /** The largest weight, or NaN if not tracked. Pure read: safe for a seqlock reader. */
    public final double maxWeight() {
        return trackMax ? maxWeight : Double.NaN;
    }

    /** All statistics at once. */
    public final HistogramStats stats() {
        return new HistogramStats(totalWeight, support, sumWLnW(), maxWeight(), powerSum(), powerExponent);
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
            updatePowerSum(before, after, whole, top);
        }
        if (trackMax) {
            trackMax(before, after);
        }
    }

    /** The power-sum part of {@link #replaceTerms}, out of line so that histograms without one inline less. */
    private void updatePowerSum(double before, double after, boolean whole, int top) {
        if (!powerSumInexact && whole && top < powerTable.length && powerTable[top] < EXACT_TERM_LIMIT
                && exactPowerSum.integerPart() < EXACT_SUM_LIMIT) {
            exactPowerSum.subtractFixed(powerInteger[(int) before], powerFraction[(int) before]);
            exactPowerSum.addFixed(powerInteger[(int) after], powerFraction[(int) after]);
        } else {
            replacePowerTerms(before, after);
        }
    }

    private void replacePowerTerms(double before, double after) {
        double termAfter = power(after);
        double termBefore = power(before);
        if (!powerSumInexact && Math.max(termAfter, termBefore) < EXACT_TERM_LIMIT
                && exactPowerSum.integerPart() < EXACT_SUM_LIMIT) {
            exactPowerSum.subtract(termBefore);
            exactPowerSum.add(termAfter);
            return;
        }
        if (!powerSumInexact) {
            powerSumInexact = true;
            powerSum = exactPowerSum.value();
            powerCompensation = 0;
        }
        compensatedAdd(termAfter - termBefore);
        if (++changesSinceRebase >= Math.max(MIN_REBASE_INTERVAL, 2L * slotCount())) {
            rebuildPowerSum();
        }
    }

    private void trackMax(double before, double after) {
        if (integral && (after != Math.rint(after) || after > MAX_COUNTED_WEIGHT)) {
            integral = false;
        }
        if (!integral) {
            if (after >= maxWeight) {
                maxWeight = after;
            } else if (before >= maxWeight) {
                recomputeMax(); // a fractional weight shrank from the top: O(slots), never on the decay path
            }
            return;
        }
        int b = (int) before;
        int a = (int) after;
        if (a >= countOfCounts.length) {
            countOfCounts = Arrays.copyOf(countOfCounts, Math.max(16, Math.max(a + 1, countOfCounts.length * 2)));
        }
        if (b > 0) {
            countOfCounts[b]--;
        }
        if (a > 0) {
            countOfCounts[a]++;
        }
        if (a > maxWeight) {
            maxWeight = a;
        } else if (b == (int) maxWeight && countOfCounts[b] == 0) {
            int m = b;
            while (m > 0 && countOfCounts[m] == 0) {
                m--; // a removal lowers the maximum by one step: O(1)
            }
            maxWeight = m;
        }
    }

    private double power(double w) {
        int c = (int) w;
        if (c == w && c < Terms.TABLE_LIMIT) {
            if (c >= powerTable.length) {
                growPowerTable(c);
            }
            return powerTable[c];
        }
        return Terms.power(w, powerExponent);
    }

    private void growPowerTable(int atLeast) {
        int size = Math.min(Terms.TABLE_LIMIT, Math.max(64, Math.max(2 * powerTable.length, atLeast + 1)));
        int from = powerTable.length;
        powerTable = Arrays.copyOf(powerTable, size);
        powerInteger = Arrays.copyOf(powerInteger, size);
        powerFraction = Arrays.copyOf(powerFraction, size);
        for (int c = from; c < size; c++) {
            double term = powerExponent == 2.0 ? (double) c * c : StrictMath.pow(c, powerExponent);
            powerTable[c] = term;
            if (term < EXACT_TERM_LIMIT) {
                powerInteger[c] = ExactSum.integerPart(term);
                powerFraction[c] = ExactSum.fractionBits(term, powerInteger[c]);
            }
        }
    }

    private void compensatedAdd(double x) {
        // Neumaier's improvement of Kahan summation
        double t = powerSum + x;
        if (Math.abs(powerSum) >= Math.abs(x)) {
            powerCompensation += (powerSum - t) + x;
        } else {
            powerCompensation += (x - t) + powerSum;
        }
        powerSum = t;
    }

    private void rebuildPowerSum() {
        exactPowerSum.clear();
        powerSum = 0;
        powerCompensation = 0;
        powerSumInexact = false;
        int n = slotCount();
        for (int s = 0; s < n; s++) {
            double w = weightAt(s);
            if (w > 0) {
                double term = power(w);
                powerSumInexact |= term >= EXACT_TERM_LIMIT || exactPowerSum.integerPart() >= EXACT_SUM_LIMIT;
                if (!powerSumInexact) {
                    exactPowerSum.add(term);
                }
                compensatedAdd(term);
            }
        }
        changesSinceRebase = 0;
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
            rebuildPowerSum();
        }
        if (trackMax) {
            recomputeMax();
        }
    }

    private void recomputeMax() {
        double m = 0;
        int n = slotCount();
        for (int s = 0; s < n; s++) {
            m = Math.max(m, weightAt(s));
        }
        maxWeight = m;
    }
}
