package io.entroflow.operators.symbol;

import io.entroflow.operators.internal.ordinal.OrdinalPatternEncoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Ordinal patterns (Bandt &amp; Pompe 2002): each value, together with the d&minus;1 values at lags
 * &tau;, 2&tau;, &hellip;, (d&minus;1)&tau; before it, becomes the index 0..d!&minus;1 of its ordinal
 * pattern. The first (d&minus;1)&tau; values return {@link #NO_SYMBOL}.
 *
 * <p>Pattern index: for the embedding vector v<sub>0</sub>..v<sub>d&minus;1</sub> (oldest first) the
 * Lehmer code &Sigma;<sub>i</sub> L<sub>i</sub>&middot;(d&minus;1&minus;i)!, where L<sub>i</sub> counts
 * the later elements v<sub>j</sub> (j &gt; i) with v<sub>j</sub> &lt; v<sub>i</sub>. Ties are broken by
 * order of arrival: of two equal values the earlier is the smaller. Index 0 is the strictly
 * increasing pattern, d!&minus;1 the strictly decreasing one. {@link #patternIndex} is this
 * definition for one vector; the stream is encoded incrementally (one counter per value, see
 * {@link OrdinalPatternEncoder}), with the same indices, which the ordinal operators
 * ({@code io.entroflow.operators.ordinal}) use too.
 *
 * <p>O(d) per value (d &le; 10), independent of any window; memory O((d&minus;1)&tau;).
 *
 * <p>Single-writer, not thread-safe.
 */
public final class OrdinalPatterns implements NumericSymbolizer {
    private final OrdinalPatternEncoder encoder;

    /**
     * @param dimension embedding dimension d, 2 .. 10
     * @param delay     embedding delay &tau;, &ge; 1 (with (d&minus;1)&tau;+1 values fitting in an array)
     * @throws IllegalArgumentException for a dimension or delay out of range
     */
    public OrdinalPatterns(int dimension, int delay) {
        this.encoder = new OrdinalPatternEncoder(dimension, delay);
    }

    /**
     * {@inheritDoc}
     *
     * @throws io.entroflow.operators.RejectedEventException ({@code not_finite}) for NaN or an
     *         infinity; the symboliser is then unchanged
     */
    @Override
    public int symbolize(double value) {
        int index = encoder.next(value);
        return index == OrdinalPatternEncoder.NO_PATTERN ? NO_SYMBOL : index;
    }

    /** d!. */
    @Override
    public int alphabetSize() {
        return factorial(encoder.dimension());
    }

    /** Embedding dimension d. */
    public int dimension() {
        return encoder.dimension();
    }

    /** Embedding delay &tau;. */
    public int delay() {
        return encoder.delay();
    }

    /**
     * The pattern index of an embedding vector (oldest first), as defined in the class comment:
     * the batch definition, O(d&sup2;).
     */
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
        List<Integer> free = new ArrayList<>();
        for (int i = d - 1; i >= 0; i--) {
            free.add(lehmer[i], i);
        }
        for (int r = 0; r < d; r++) {
            ranks[free.get(r)] = r;
        }
        return ranks;
    }

    /**
     * n!, the number of ordinal patterns of dimension n, for 0 &le; n &le; 12.
     *
     * @throws IllegalArgumentException for n outside 0..12 (13! overflows an int)
     */
    public static int factorial(int n) {
        return OrdinalPatternEncoder.factorial(n);
    }
}
