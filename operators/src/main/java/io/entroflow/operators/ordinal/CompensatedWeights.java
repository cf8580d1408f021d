package io.entroflow.operators.ordinal;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;


/**
 * Per-pattern sums of real weights (weighted permutation entropy) that survive removals.
 *
 * <p>Variances of embedding vectors span many orders of magnitude, and a sliding window takes
 * back each one it added: with plain doubles, removing a large weight from a pattern's sum
 * leaves the small ones with the large one's rounding error. Each sum here is a
 * Neumaier-compensated pair (sum, compensation), which keeps the bits the plain sum drops, so
 * add-then-remove returns to the earlier value up to rounding of the compensation itself.
 * O(1) per change, O(N) per read. Single-writer; {@link #copy()} tolerates a concurrent writer
 * (validate with the caller's seqlock).
 */
final class CompensatedWeights {
    private final double[] sum;
    private final double[] compensation;
    private double total;
    private double totalCompensation;

    CompensatedWeights(int patterns) {
        this.sum = new double[patterns];
        this.compensation = new double[patterns];
    }

    void add(int index, double v) {
        double s = sum[index];
        double t = s + v;
        compensation[index] += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
        sum[index] = t;
        double u = total + v;
        totalCompensation += Math.abs(total) >= Math.abs(v) ? (total - u) + v : (v - u) + total;
        total = u;
    }

    /** Sets pattern {@code index} to exactly 0 (its last event left). */
    void clear(int index) {
        sum[index] = 0;
        compensation[index] = 0;
    }

    /** Sets the total to exactly 0 (the window is empty). */
    void clearTotal() {
        total = 0;
        totalCompensation = 0;
    }

    void rescale(double factor) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= factor;
            compensation[i] *= factor;
        }
        total *= factor;
        totalCompensation *= factor;
    }

    void writeState(StateWriter out) {
        out.putDoubles(sum).putDoubles(compensation).putDouble(total).putDouble(totalCompensation);
    }

    void readState(StateReader in) {
        double[] s = in.getDoubles();
        double[] c = in.getDoubles();
        if (s.length != sum.length || c.length != sum.length) {
            throw new IllegalArgumentException("state: weights of " + s.length + " patterns restored into " + sum.length);
        }
        System.arraycopy(s, 0, sum, 0, s.length);
        System.arraycopy(c, 0, compensation, 0, c.length);
        total = in.getDouble();
        totalCompensation = in.getDouble();
    }

    double weight(int index) {
        return Math.max(0, sum[index] + compensation[index]);
    }

    double total() {
        return Math.max(0, total + totalCompensation);
    }

    /** Every pattern's weight, clamped at 0. */
    double[] values() {
        double[] out = new double[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, sum[i] + compensation[i]);
        }
        return out;
    }

    /** Same as {@link #values()}; safe to call from a reader thread under a seqlock. */
    double[] copy() {
        return values();
    }
}
