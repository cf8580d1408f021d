package io.entroflow.operators.ordinal;

import java.util.List;

/**
 * An immutable, consistent view of a {@link StatisticalComplexityOperator}'s window: its point on
 * the complexity-entropy plane, the bounding curves at that entropy, the region, and the
 * forbidden patterns.
 *
 * @param entropy           normalised permutation entropy H<sub>S</sub>, 0 .. 1; NaN before the first pattern
 * @param complexity        Jensen-Shannon statistical complexity C = Q<sub>J</sub>&middot;H<sub>S</sub>
 * @param minimumComplexity C<sub>min</sub>(H<sub>S</sub>) for this d
 * @param maximumComplexity C<sub>max</sub>(H<sub>S</sub>) for this d
 * @param region            regular, complex or stochastic ({@link ComplexityEntropyPlane#classify}); null when empty
 * @param forbidden         indices of the patterns never seen in the window, ascending
 * @param forbiddenLabels   the same patterns written as argsort lists, e.g. {@code [2,1,0]} ({@link OrdinalPatternLabels})
 * @param expectedForbiddenWhiteNoise how many patterns white noise would miss in as many patterns
 *                          ({@link ForbiddenPatterns#expectedMissingInWhiteNoise})
 * @param dimension         d
 * @param delay             &tau;
 * @param weighted          whether patterns are weighted by the variance of their embedding vector
 * @param patterns          patterns in the window (all patterns seen, for decay and cumulative windows)
 * @param windowStart       event time of the window's lower bound (ms)
 * @param windowEnd         stream time (ms)
 * @param eventsSeen        patterns admitted since the operator was created
 */
public record ComplexitySnapshot(double entropy, double complexity, double minimumComplexity,
                                 double maximumComplexity, OrdinalRegion region, List<Integer> forbidden,
                                 List<String> forbiddenLabels, double expectedForbiddenWhiteNoise, int dimension,
                                 int delay, boolean weighted, long patterns, long windowStart, long windowEnd,
                                 long eventsSeen) {
    public ComplexitySnapshot {
        forbidden = List.copyOf(forbidden);
        forbiddenLabels = List.copyOf(forbiddenLabels);
    }

    /** The point (H<sub>S</sub>, C). */
    public PlanePoint point() {
        return new PlanePoint(entropy, complexity);
    }
}
