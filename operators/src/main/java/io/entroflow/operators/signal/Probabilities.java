package io.entroflow.operators.signal;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The check every generator makes of a probability vector (a categorical source's probabilities, a row
 * of a transition or emission matrix), public so that a caller that names the vector differently (a
 * command-line parameter) reports the same errors under its own name. O(length).
 */
public final class Probabilities {
    /** How far the entries' sum may be from 1. */
    public static final double SUM_TOLERANCE = 1e-9;

    private Probabilities() {
    }

    /**
     * Returns {@code p} when it has at least one entry, every entry is finite and &ge; 0 and they sum to 1
     * within {@link #SUM_TOLERANCE}; else throws an error naming {@code name} and the value:
     * {@code NAME: expected probabilities >= 0, got -0.5}, {@code NAME: probabilities must sum to 1, got 1.1}
     * (the sum to 12 significant digits).
     */
    public static double[] requireDistribution(String name, double[] p) {
        if (p == null || p.length == 0) {
            throw new IllegalArgumentException(name + ": expected at least one probability, got none");
        }
        double total = 0;
        for (double x : p) {
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException(name + ": expected probabilities >= 0, got " + plain(x));
            }
            total += x;
        }
        if (Math.abs(total - 1) > SUM_TOLERANCE) {
            String sum = new BigDecimal(total).round(new MathContext(12)).stripTrailingZeros().toPlainString();
            throw new IllegalArgumentException(name + ": probabilities must sum to 1, got " + sum);
        }
        return p;
    }

    /** {@code 2} rather than {@code 2.0}; other numbers as Java prints them. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
