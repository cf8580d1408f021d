package io.entroflow.operators.markov;

/**
 * An immutable, consistent view of a {@link MarkovTransitionOperator}'s window, safe to hand to any
 * thread.
 *
 * @param counts        weighted transition counts, counts[i][j] for i &rarr; j (a private copy)
 * @param transitions   transitions in the window
 * @param windowStart   event time of the window's lower bound (ms)
 * @param windowEnd     stream time (ms)
 * @param eventsSeen    events admitted so far (the first one starts no transition)
 */
public record MarkovTransitionSnapshot(double[][] counts, long transitions, long windowStart, long windowEnd,
                                       long eventsSeen) {
    public MarkovTransitionSnapshot {
        counts = copy(counts);
    }

    @Override
    public double[][] counts() {
        return copy(counts);
    }

    /**
     * The chain estimated from these counts with add-{@code pseudoCount} smoothing. O(K&sup2;) plus
     * the estimate's power iteration.
     */
    public MarkovChainEstimate estimate(double pseudoCount) {
        return MarkovChainEstimate.fromCounts(counts, pseudoCount);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
