package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Arrays;

/**
 * The power sum &Sigma; w<sup>e</sup> of a {@link Histogram}'s weights for one exponent e, as a
 * small state machine with two states.
 *
 * <ol>
 *   <li><b>Exact</b> (the start): every term below 2<sup>60</sup> and the sum below 2<sup>62</sup> is
 *       an {@link ExactSum}, so the value is independent of the order of changes (whole counts
 *       read their pre-split fixed-point term from a table grown on demand).</li>
 *   <li><b>Compensated</b>: once a term or the sum passes those limits (e.g. counts past 4,000
 *       with e = 5, or large decayed weights), a Neumaier-compensated double sum, rebuilt from the
 *       weights every max(4096, 2&middot;slots) changes (amortised O(1), within a few ulps, no longer
 *       order-independent). A rebuild returns to the exact state when the terms allow it.</li>
 * </ol>
 * Single-writer, not thread-safe; owned by one histogram.
 */
final class PowerSum {
    private static final int MIN_REBASE_INTERVAL = 4096;
    /** Power terms below this are summed exactly, */
    private static final double EXACT_TERM_LIMIT = 0x1p60;
    /** while the exact power sum stays below this, so one more term cannot overflow 2^63. */
    private static final long EXACT_SUM_LIMIT = 1L << 62;

    private final double exponent;
    private final ExactSum exact = new ExactSum();
    private boolean inexact;       // a term reached 2^62: compensated double sum from then on
    private double sum;            // the compensated sum (while inexact)
    private double compensation;
    private long changesSinceRebase;

    private double[] table = new double[0];  // c^e for whole counts c, grown on demand
    private long[] tableInteger = new long[0]; // its ExactSum parts, while c^e < 2^62
    private long[] tableFraction = new long[0];

    /** @param exponent e &gt; 0, finite (checked by the histogram) */
    PowerSum(double exponent) {
        this.exponent = exponent;
    }

    /**
     * Replaces one weight's term: {@code before} becomes {@code after}; {@code whole} says both are
     * whole numbers, {@code top} is the larger as an int. {@code weights} is the histogram, for a
     * rebuild.
     */
    void replace(double before, double after, boolean whole, int top, Histogram weights) {
        if (!inexact && whole && top < table.length && table[top] < EXACT_TERM_LIMIT
                && exact.integerPart() < EXACT_SUM_LIMIT) {
            exact.subtractFixed(tableInteger[(int) before], tableFraction[(int) before]);
            exact.addFixed(tableInteger[(int) after], tableFraction[(int) after]);
        } else {
            replaceTerms(before, after, weights);
        }
    }

    private void replaceTerms(double before, double after, Histogram weights) {
        double termAfter = power(after);
        double termBefore = power(before);
        if (!inexact && Math.max(termAfter, termBefore) < EXACT_TERM_LIMIT
                && exact.integerPart() < EXACT_SUM_LIMIT) {
            exact.subtract(termBefore);
            exact.add(termAfter);
            return;
        }
        if (!inexact) {
            inexact = true;
            sum = exact.value();
            compensation = 0;
        }
        compensatedAdd(termAfter - termBefore);
        if (++changesSinceRebase >= Math.max(MIN_REBASE_INTERVAL, 2L * weights.slotCount())) {
            rebuild(weights);
        }
    }

    /** &Sigma; w<sup>e</sup>. */
    double value() {
        return inexact ? sum + compensation : exact.value();
    }

    /** Recomputes the sum from the histogram's weights: O(slots). */
    void rebuild(Histogram weights) {
        exact.clear();
        sum = 0;
        compensation = 0;
        inexact = false;
        int n = weights.slotCount();
        for (int s = 0; s < n; s++) {
            double w = weights.weightAt(s);
            if (w > 0) {
                double term = power(w);
                inexact |= term >= EXACT_TERM_LIMIT || exact.integerPart() >= EXACT_SUM_LIMIT;
                if (!inexact) {
                    exact.add(term);
                }
                compensatedAdd(term);
            }
        }
        changesSinceRebase = 0;
    }

    /** Back to an empty, exact sum (the term table is kept). */
    void clear() {
        exact.clear();
        inexact = false;
        sum = 0;
        compensation = 0;
        changesSinceRebase = 0;
    }

    /** Writes the exact sum and the compensated state, raw bits. */
    void writeState(StateWriter out) {
        exact.writeState(out);
        out.putBoolean(inexact).putDouble(sum).putDouble(compensation).putLong(changesSinceRebase);
    }

    /** Reads what {@link #writeState} wrote. */
    void readState(StateReader in) {
        exact.readState(in);
        inexact = in.getBoolean();
        sum = in.getDouble();
        compensation = in.getDouble();
        changesSinceRebase = in.getLong();
    }

    private double power(double w) {
        int c = (int) w;
        if (c == w && c < Terms.TABLE_LIMIT) {
            if (c >= table.length) {
                growTable(c);
            }
            return table[c];
        }
        return Terms.power(w, exponent);
    }

    private void growTable(int atLeast) {
        int size = Math.min(Terms.TABLE_LIMIT, Math.max(64, Math.max(2 * table.length, atLeast + 1)));
        int from = table.length;
        table = Arrays.copyOf(table, size);
        tableInteger = Arrays.copyOf(tableInteger, size);
        tableFraction = Arrays.copyOf(tableFraction, size);
        for (int c = from; c < size; c++) {
            double term = exponent == 2.0 ? (double) c * c : StrictMath.pow(c, exponent);
            table[c] = term;
            if (term < EXACT_TERM_LIMIT) {
                tableInteger[c] = ExactSum.integerPart(term);
                tableFraction[c] = ExactSum.fractionBits(term, tableInteger[c]);
            }
        }
    }

    private void compensatedAdd(double x) {
        // Neumaier's improvement of Kahan summation
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }
}
