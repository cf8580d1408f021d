package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Arrays;

/**
 * The largest weight of a {@link Histogram}. While every weight is a whole number up to
 * 2<sup>20</sup> it keeps counts of counts, so a removal lowers the maximum in O(1) steps; after
 * the first fractional or larger weight it keeps the maximum directly and rescans the weights
 * (O(slots)) when a weight shrinks from the top, which the decay path never does.
 *
 * <p>Single-writer, not thread-safe; owned by one histogram.
 */
final class MaxTracker {
    /**
     * Largest weight kept in counts of counts (4 MiB of ints); beyond it the maximum is tracked
     * as for fractional weights. Decay windows produce whole weights up to 2^32 (powers of two),
     * which must not size the array.
     */
    private static final int MAX_COUNTED_WEIGHT = 1 << 20;

    private boolean integral = true;   // every weight so far a whole number
    private int[] countOfCounts = new int[0];
    private double max;

    /** One weight changed from {@code before} to {@code after}; {@code weights} is the histogram, for a rescan. */
    void replace(double before, double after, Histogram weights) {
        if (integral && (after != Math.rint(after) || after > MAX_COUNTED_WEIGHT)) {
            integral = false;
        }
        if (!integral) {
            if (after >= max) {
                max = after;
            } else if (before >= max) {
                recompute(weights); // a fractional weight shrank from the top: O(slots), never on the decay path
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
        if (a > max) {
            max = a;
        } else if (b == (int) max && countOfCounts[b] == 0) {
            int m = b;
            while (m > 0 && countOfCounts[m] == 0) {
                m--; // a removal lowers the maximum by one step: O(1)
            }
            max = m;
        }
    }

    /** Weights are no longer whole numbers (after a rescale): counts of counts stop. */
    void markFractional() {
        integral = false;
    }

    /** Rescans the weights: O(slots). */
    void recompute(Histogram weights) {
        double m = 0;
        int n = weights.slotCount();
        for (int s = 0; s < n; s++) {
            m = Math.max(m, weights.weightAt(s));
        }
        max = m;
    }

    /** The largest weight, 0 when empty. Pure read. */
    double value() {
        return max;
    }

    /** Back to empty, whole weights. */
    void clear() {
        integral = true;
        Arrays.fill(countOfCounts, 0);
        max = 0;
    }

    /** Writes the mode, the maximum and the counts of counts up to the highest non-zero one. */
    void writeState(StateWriter out) {
        out.putBoolean(integral).putDouble(max);
        int top = countOfCounts.length;
        while (top > 0 && countOfCounts[top - 1] == 0) {
            top--;
        }
        out.putInt(top);
        for (int c = 0; c < top; c++) {
            out.putInt(countOfCounts[c]);
        }
    }

    /** Reads what {@link #writeState} wrote. @throws IllegalArgumentException for a corrupt state */
    void readState(StateReader in) {
        integral = in.getBoolean();
        max = in.getDouble();
        int top = in.getInt();
        if (top < 0 || top > MAX_COUNTED_WEIGHT + 1) {
            throw new IllegalArgumentException("state: counts of counts of length " + top);
        }
        countOfCounts = new int[top];
        for (int c = 0; c < top; c++) {
            countOfCounts[c] = in.getInt();
        }
    }
}
