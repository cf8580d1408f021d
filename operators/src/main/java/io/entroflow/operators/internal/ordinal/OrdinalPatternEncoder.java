package io.entroflow.operators.internal.ordinal;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/**
 * Turns a stream of numbers into ordinal-pattern indices (Bandt &amp; Pompe 2002), updating the
 * index incrementally: O(d) per value, independent of any window.
 *
 * <p>The pattern of value x<sub>t</sub> is that of its embedding vector
 * v = (x<sub>t&minus;(d&minus;1)&tau;</sub>, &hellip;, x<sub>t&minus;&tau;</sub>, x<sub>t</sub>), oldest
 * first. Its index is the Lehmer code &Sigma;<sub>i</sub> L<sub>i</sub>&middot;(d&minus;1&minus;i)!, where
 * L<sub>i</sub> counts the later elements v<sub>j</sub> (j &gt; i) with v<sub>j</sub> &lt; v<sub>i</sub>:
 * index 0 is the strictly increasing pattern, d!&minus;1 the strictly decreasing one. The same
 * index as {@link io.entroflow.operators.symbol.OrdinalPatterns#patternIndex}, the batch definition
 * for one vector. This is the one ordinal-pattern encoder:
 * {@link io.entroflow.operators.symbol.OrdinalPatterns} (the public symboliser) and the ordinal
 * operators both run it.
 *
 * <p><b>Ties</b> are broken by order of arrival: of two equal values the earlier counts as the
 * smaller (a constant stretch is the increasing pattern). This matches a stable argsort, as in
 * ordpy.
 *
 * <p><b>Incremental update.</b> Each value keeps one counter L: how many values of its own
 * delay chain that arrived after it are smaller. A new value x<sub>t</sub> increments the
 * counters of the d&minus;1 values x<sub>t&minus;k&tau;</sub> it is smaller than and starts its own
 * at 0; since values only leave an embedding vector from its old end, every counter then
 * equals L<sub>i</sub> of the current vector. The index is a d-term sum of counters times
 * factorials; the vector's variance (for weighted permutation entropy) is another O(d) pass,
 * made only when asked for ({@link #lastVariance()}).
 *
 * <p>The first (d&minus;1)&tau; values have no complete embedding vector and give {@link #NO_PATTERN}.
 *
 * <p>Single-writer, not thread-safe.
 */
public final class OrdinalPatternEncoder {
    /** Returned while fewer than (d&minus;1)&tau;+1 values have been seen. */
    public static final int NO_PATTERN = -1;
    /** Largest embedding dimension: 10! = 3,628,800 patterns. */
    public static final int MAX_DIMENSION = 10;
    private static final long MAX_SPAN = Integer.MAX_VALUE - 8; // ring length limit of a Java array

    private final int dimension;
    private final int delay;
    private final double[] values;   // ring of the last (d-1)*tau+1 values
    private final int[] smallerLater; // per ring slot: L of that value within its delay chain
    private final int[] factorials;
    private final long span;          // (d-1)*tau: values seen before the first complete vector
    private int newest = -1;
    private long seen;
    private boolean complete;

    /**
     * @param dimension embedding dimension d, 2 .. {@value #MAX_DIMENSION} (d! patterns fit an int)
     * @param delay     embedding delay &tau;, &ge; 1, with (d&minus;1)&tau;+1 values fitting in an array
     * @throws IllegalArgumentException for a dimension or delay out of range
     */
    public OrdinalPatternEncoder(int dimension, int delay) {
        if (dimension < 2 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension: expected 2.." + MAX_DIMENSION + ", got " + dimension);
        }
        if (delay < 1 || (long) (dimension - 1) * delay + 1 > MAX_SPAN) {
            throw new IllegalArgumentException("tau: expected 1.." + (MAX_SPAN - 1) / (dimension - 1) + " for dimension "
                    + dimension + ", got " + delay);
        }
        this.dimension = dimension;
        this.delay = delay;
        this.values = new double[(dimension - 1) * delay + 1];
        this.span = values.length - 1;
        this.smallerLater = new int[values.length];
        this.factorials = new int[dimension];
        for (int i = 0; i < dimension; i++) {
            factorials[i] = factorial(i);
        }
    }

    /**
     * Admits {@code value} and returns the index 0..d!&minus;1 of the pattern it completes, or
     * {@link #NO_PATTERN} during the first (d&minus;1)&tau; values.
     *
     * @throws RejectedEventException ({@code not_finite}) for NaN or an infinity; the encoder is then unchanged
     */
    public int next(double value) {
        RejectedEventException.requireFinite("value", value);
        int n = values.length;
        int slot = newest + 1 == n ? 0 : newest + 1;
        newest = slot;
        values[slot] = value;
        smallerLater[slot] = 0;
        seen++;
        // values of the delay chain before this one: d-1 once the first vector is complete (no division per value)
        int earlier = seen > span ? dimension - 1 : (int) ((seen - 1) / delay);
        int s = slot;
        for (int k = 1; k <= earlier; k++) {
            s -= delay;
            if (s < 0) {
                s += n;
            }
            if (value < values[s]) {
                smallerLater[s]++;
            }
        }
        if (earlier < dimension - 1) {
            return NO_PATTERN;
        }
        // s is now the oldest element of the vector; walk forward to the newest
        int index = 0;
        for (int i = 0; i < dimension; i++) {
            index += smallerLater[s] * factorials[dimension - 1 - i];
            s += delay;
            if (s >= n) {
                s -= n;
            }
        }
        complete = true;
        return index;
    }

    /**
     * The population variance (1/d)&Sigma;(v<sub>i</sub> &minus; mean)&sup2; of the last complete
     * embedding vector: the weight of its pattern in weighted permutation entropy. NaN before
     * the first pattern. O(d).
     */
    public double lastVariance() {
        if (!complete) {
            return Double.NaN;
        }
        int n = values.length;
        double sum = 0;
        int s = newest;
        for (int i = 0; i < dimension; i++) {
            sum += values[s];
            s -= delay;
            if (s < 0) {
                s += n;
            }
        }
        double mean = sum / dimension;
        double squares = 0;
        s = newest;
        for (int i = 0; i < dimension; i++) {
            double dev = values[s] - mean;
            squares += dev * dev;
            s -= delay;
            if (s < 0) {
                s += n;
            }
        }
        return squares / dimension;
    }

    /** Writes the ring of recent values and its order counts exactly. O((d&minus;1)&tau;). */
    public void writeState(StateWriter out) {
        out.putInt(dimension).putInt(delay).putInt(newest).putLong(seen).putBoolean(complete);
        for (int i = 0; i < values.length; i++) {
            out.putDouble(values[i]).putInt(smallerLater[i]);
        }
    }

    /**
     * Replaces the state with one written by {@link #writeState} from an encoder of the same d and &tau;.
     *
     * @throws IllegalArgumentException for another shape or a corrupt state
     */
    public void readState(StateReader in) {
        int d = in.getInt();
        int tau = in.getInt();
        int n = in.getInt();
        if (d != dimension || tau != delay || n < -1 || n >= values.length) {
            throw new IllegalArgumentException("state: ordinal encoder d = " + d + ", tau = " + tau
                    + " restored into d = " + dimension + ", tau = " + delay);
        }
        newest = n;
        seen = in.getLong();
        complete = in.getBoolean();
        for (int i = 0; i < values.length; i++) {
            values[i] = in.getDouble();
            smallerLater[i] = in.getInt();
        }
    }

    /**
     * n!, the number of ordinal patterns of dimension n, for 0 &le; n &le; 12: the one factorial
     * ({@link io.entroflow.operators.symbol.OrdinalPatterns#factorial} is its public face).
     *
     * @throws IllegalArgumentException for n outside 0..12 (13! overflows an int)
     */
    public static int factorial(int n) {
        if (n < 0 || n > 12) {
            throw new IllegalArgumentException("n: expected 0..12, got " + n);
        }
        int f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    /** Embedding dimension d. */
    public int dimension() {
        return dimension;
    }

    /** Embedding delay &tau;. */
    public int delay() {
        return delay;
    }
}
