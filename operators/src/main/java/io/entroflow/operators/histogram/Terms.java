package io.entroflow.operators.histogram;

/**
 * The per-symbol terms of the running sums, computed deterministically.
 *
 * <p>{@code w ln w} for whole counts up to {@link #TABLE_LIMIT} comes from a shared table filled
 * with {@link StrictMath#log}, so it is bit-identical on every JVM and after every restart;
 * other weights use {@link Math#log}.
 */
final class Terms {
    /** Whole counts below this are tabulated. */
    static final int TABLE_LIMIT = 1 << 20;

    private static volatile double[] xLnXTable = build(new double[0], 1 << 12);

    private Terms() {
    }

    /** {@code w ln w}, with {@code 0 ln 0 = 0}. */
    static double xLnX(double w) {
        if (w <= 0) {
            return 0.0;
        }
        int c = (int) w;
        if (c == w && c < TABLE_LIMIT) {
            double[] table = xLnXTable;
            if (c >= table.length) {
                table = grow(c);
            }
            return table[c];
        }
        return w * Math.log(w);
    }

    /** {@code w^exponent} for {@code w > 0}; 0 for {@code w = 0}. */
    static double power(double w, double exponent) {
        if (w <= 0) {
            return 0.0;
        }
        if (exponent == 2.0) {
            return w * w;
        }
        return Math.pow(w, exponent);
    }

    private static synchronized double[] grow(int atLeast) {
        double[] table = xLnXTable;
        if (atLeast < table.length) {
            return table;
        }
        int size = Math.min(TABLE_LIMIT, Math.max(table.length * 2, Integer.highestOneBit(atLeast) << 1));
        double[] bigger = build(table, size);
        xLnXTable = bigger;
        return bigger;
    }

    private static double[] build(double[] existing, int size) {
        double[] t = java.util.Arrays.copyOf(existing, size);
        for (int c = Math.max(existing.length, 2); c < size; c++) {
            t[c] = c * StrictMath.log(c);
        }
        return t;
    }
}
