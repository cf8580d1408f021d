package io.entroflow.operators.symbol;

import io.entroflow.operators.RejectedEventException;

/**
 * Ordinal patterns (Bandt &amp; Pompe 2002): each value, together with the d&minus;1 values at lags
 * &tau;, 2&tau;, &hellip;, (d&minus;1)&tau; before it, becomes the index 0..d!&minus;1 of its ordinal
 * pattern. The first (d&minus;1)&tau; values return {@link #NO_SYMBOL}.
 *
 * <p>Pattern index: for the embedding vector v<sub>0</sub>..v<sub>d&minus;1</sub> (oldest first) the
 * Lehmer code &Sigma;<sub>i</sub> L<sub>i</sub>&middot;(d&minus;1&minus;i)!, where L<sub>i</sub> counts
 * the later elements v<sub>j</sub> (j &gt; i) with v<sub>j</sub> &lt; v<sub>i</sub>. Ties are broken by
 * order of arrival: of two equal values the earlier is the smaller. Index 0 is the strictly
 * increasing pattern, d!&minus;1 the strictly decreasing one.
 *
 * <p>O(d&sup2;) per value (d &le; 10), independent of any window.
 */
public final class OrdinalPatterns implements NumericSymbolizer {
    private final int dimension;
    private final int delay;
    private final double[] history; // ring of the last (d-1)*tau+1 values
    private final double[] embedding;
    private int next;
    private long seen;

    /**
     * @param dimension embedding dimension d, 2 .. 10
     * @param delay     embedding delay &tau;, &ge; 1
     */
    public OrdinalPatterns(int dimension, int delay) {
        if (dimension < 2 || dimension > 10) {
            throw new IllegalArgumentException("dimension: expected 2..10, got " + dimension);
        }
        if (delay < 1) {
            throw new IllegalArgumentException("tau: expected >= 1, got " + delay);
        }
        this.dimension = dimension;
        this.delay = delay;
        this.history = new double[(dimension - 1) * delay + 1];
        this.embedding = new double[dimension];
    }

    @Override
    public int symbolize(double value) {
        RejectedEventException.requireFinite("value", value);
        history[next] = value;
        next = next + 1 == history.length ? 0 : next + 1;
        seen++;
        if (seen < history.length) {
            return NO_SYMBOL;
        }
        // oldest element of the ring is at `next`
        for (int i = 0; i < dimension; i++) {
            int idx = next + i * delay;
            embedding[i] = history[idx >= history.length ? idx - history.length : idx];
        }
        return patternIndex(embedding);
    }

    @Override
    public int alphabetSize() {
        return factorial(dimension);
    }

    /** Embedding dimension d. */
    public int dimension() {
        return dimension;
    }

    /** Embedding delay &tau;. */
    public int delay() {
        return delay;
    }

    /** The pattern index of an embedding vector (oldest first), as defined in the class comment. */
    public static int patternIndex(double[] v) {
        int d = v.length;
        int index = 0;
        for (int i = 0; i < d; i++) {
            int smallerLater = 0;
            for (int j = i + 1; j < d; j++) {
                if (v[j] < v[i]) {
                    smallerLater++;
                }
            }
            index = index * (d - i) + smallerLater;
        }
        return index;
    }

    /** The ranks (0 = smallest) of the elements of pattern {@code index} for dimension d, oldest first. */
    public static int[] ranksOf(int index, int d) {
        int[] lehmer = new int[d];
        for (int i = d - 1; i >= 0; i--) {
            int radix = d - i;
            lehmer[i] = index % radix;
            index /= radix;
        }
        // element i is larger than lehmer[i] of the later elements: rebuild ranks from the back
        int[] ranks = new int[d];
        java.util.List<Integer> free = new java.util.ArrayList<>();
        for (int i = d - 1; i >= 0; i--) {
            free.add(lehmer[i], i);
        }
        for (int r = 0; r < d; r++) {
            ranks[free.get(r)] = r;
        }
        return ranks;
    }

    static int factorial(int n) {
        int f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}
