package io.entroflow.operators.internal.histogram;

/**
 * The per-symbol terms of the running sums, computed deterministically.
 *
 * <p>For whole counts below {@link #TABLE_LIMIT}, {@code c ln c} (also pre-split into the
 * fixed-point parts {@link ExactSum} adds) and {@code ln c} come from shared tables filled with
 * {@link StrictMath#log}, so they are bit-identical on every JVM and after every restart, and
 * cost a load instead of a logarithm; so does the step (c+1) ln(c+1) &minus; c ln c in the same
 * fixed point, which {@link CountHistogram} adds per unit change. The tables grow on demand
 * (doubling) to the largest count seen (48 bytes per count, 48 MiB at the limit, shared by the
 * JVM); other weights use {@link Math#log}.
 */
final class Terms {
    /** Whole counts below this are tabulated. */
    static final int TABLE_LIMIT = 1 << 20;

    /** Immutable table set; replaced as a whole when it grows. */
    static final class Table {
        final double[] xLnX;
        final long[] xLnXInteger;
        final long[] xLnXFraction;
        final double[] ln;
        /** (c+1) ln (c+1) &minus; c ln c in the same fixed point: one exact addition per unit change of a count. */
        final long[] stepInteger;
        final long[] stepFraction;

        private Table(int size) {
            xLnX = new double[size];
            xLnXInteger = new long[size];
            xLnXFraction = new long[size];
            ln = new double[size];
            ln[0] = Double.NEGATIVE_INFINITY;
            for (int c = 1; c < size; c++) {
                double lnC = StrictMath.log(c);
                double t = c * lnC;
                ln[c] = lnC;
                xLnX[c] = t;
                xLnXInteger[c] = ExactSum.integerPart(t);
                xLnXFraction[c] = ExactSum.fractionBits(t, xLnXInteger[c]);
            }
            stepInteger = new long[size - 1];
            stepFraction = new long[size - 1];
            for (int c = 0; c < size - 1; c++) {
                // 128-bit difference of the two fixed-point terms: exact, so adding it equals subtracting one term and adding the other
                stepFraction[c] = xLnXFraction[c + 1] - xLnXFraction[c];
                long borrow = Long.compareUnsigned(xLnXFraction[c + 1], xLnXFraction[c]) < 0 ? 1 : 0;
                stepInteger[c] = xLnXInteger[c + 1] - xLnXInteger[c] - borrow;
            }
        }

        int size() {
            return xLnX.length;
        }
    }

    private static volatile Table table = new Table(1 << 12);

    private Terms() {
    }

    /** The current table set. */
    static Table table() {
        return table;
    }

    /** A table set covering whole counts up to {@code count} (capped at {@link #TABLE_LIMIT}). */
    static Table tableCovering(long count) {
        Table t = table;
        return count < t.size() || t.size() >= TABLE_LIMIT ? t : grow(count);
    }

    /**
     * {@code w ln w}, with {@code 0 ln 0 = 0}: from the table for whole w below
     * {@link #TABLE_LIMIT}, with {@link StrictMath#log} for larger whole w (the same bits on every
     * JVM either way), with {@link Math#log} for fractional w (decayed weights).
     */
    static double xLnX(double w) {
        if (w <= 0) {
            return 0.0;
        }
        int c = (int) w;
        if (c == w && c < TABLE_LIMIT) {
            return tableCovering(c).xLnX[c];
        }
        return w == Math.rint(w) ? w * StrictLog.log(w) : w * Math.log(w); // StrictLog: StrictMath's bits, no native call
    }

    /** {@code ln w} for {@code w > 0}. */
    static double ln(double w) {
        int c = (int) w;
        if (c == w && c > 0 && c < TABLE_LIMIT) {
            return tableCovering(c).ln[c];
        }
        return Math.log(w);
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

    private static synchronized Table grow(long atLeast) {
        Table t = table;
        if (atLeast < t.size()) {
            return t;
        }
        long wanted = Math.max(2L * t.size(), Long.highestOneBit(atLeast) << 1);
        Table bigger = new Table((int) Math.min(TABLE_LIMIT, wanted));
        table = bigger;
        return bigger;
    }
}
