package io.entroflow.operators;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The one check of a probability vector: a categorical source's probabilities, a row of a transition or
 * emission matrix, an HMM's initial distribution, a command-line parameter. Every caller names the vector
 * its own way and gets the same errors:
 * <ul>
 *   <li>{@code NAME: expected at least one probability, got none};</li>
 *   <li>{@code NAME[i]: expected a probability in [0, 1], got -0.5} (the first entry out of range,
 *       NaN included);</li>
 *   <li>{@code NAME: probabilities must sum to 1, got 1.1} (the sum to 12 significant digits).</li>
 * </ul>
 * O(length).
 */
public final class Probabilities {
    /** How far the entries' sum may be from 1 for a distribution typed by hand (generator parameters). */
    public static final double SUM_TOLERANCE = 1e-9;

    private Probabilities() {
    }

    /**
     * Checks {@code p} as a distribution whose sum is within {@code tolerance} of 1, and returns a copy
     * divided by its sum (so it sums to 1 up to rounding).
     *
     * @throws IllegalArgumentException naming {@code name} (and the entry) and the value, as listed above
     */
    public static double[] normalised(String name, double[] p, double tolerance) {
        double total = checkedSum(name, p, tolerance);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / total;
        }
        return out;
    }

    /**
     * Checks {@code p} as a distribution whose sum is within {@link #SUM_TOLERANCE} of 1, and returns it.
     *
     * @throws IllegalArgumentException naming {@code name} (and the entry) and the value, as listed above
     */
    public static double[] require(String name, double[] p) {
        checkedSum(name, p, SUM_TOLERANCE);
        return p;
    }

    private static double checkedSum(String name, double[] p, double tolerance) {
        if (p == null || p.length == 0) {
            throw new IllegalArgumentException(name + ": expected at least one probability, got none");
        }
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException(name + "[" + i + "]: expected a probability in [0, 1], got "
                        + plain(p[i]));
            }
            total += p[i];
        }
        if (!(Math.abs(total - 1) <= tolerance)) {
            throw new IllegalArgumentException(name + ": probabilities must sum to 1, got "
                    + new BigDecimal(total).round(new MathContext(12)).stripTrailingZeros().toPlainString());
        }
        return total;
    }

    /** {@code 2} rather than {@code 2.0}; other numbers as Java prints them. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
