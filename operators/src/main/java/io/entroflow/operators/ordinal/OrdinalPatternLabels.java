package io.entroflow.operators.ordinal;

import io.entroflow.operators.symbol.OrdinalPatterns;

/**
 * Human-readable names of ordinal patterns, in ordpy's convention.
 *
 * <p>Pattern indices (see {@link io.entroflow.operators.symbol.OrdinalPatterns}) are compact but opaque. For printing, a
 * pattern is written as the <b>argsort</b> of its embedding vector: the positions 0..d&minus;1
 * (0 = oldest) listed from the smallest value to the largest, ties in order of arrival. So
 * {@code [0,1,2]} is a rising triple, {@code [2,1,0]} a falling one (the newest value is the
 * smallest), and {@code [1,0,2]} means the middle value is smallest and the newest largest.
 * This is the labelling of ordpy ({@code np.argsort} of each embedding vector) and of
 * Bandt &amp; Pompe's paper.
 */
public final class OrdinalPatternLabels {
    private OrdinalPatternLabels() {
    }

    /** The argsort permutation of pattern {@code index} for dimension d. */
    public static int[] permutation(int index, int dimension) {
        OrdinalConfig.checkDimension(dimension);
        int n = OrdinalPatterns.factorial(dimension);
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("index: expected 0.." + (n - 1) + ", got " + index);
        }
        int[] ranks = OrdinalPatterns.ranksOf(index, dimension);
        int[] order = new int[dimension];
        for (int position = 0; position < dimension; position++) {
            order[ranks[position]] = position;
        }
        return order;
    }

    /** Pattern {@code index} written as its argsort, e.g. {@code [2,1,0]}. */
    public static String format(int index, int dimension) {
        int[] p = permutation(index, dimension);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < p.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(p[i]);
        }
        return b.append(']').toString();
    }
}
