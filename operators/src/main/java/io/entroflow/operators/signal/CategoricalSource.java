package io.entroflow.operators.signal;

import io.entroflow.operators.Probabilities;

import java.util.SplittableRandom;

/**
 * Independent, identically distributed symbols with given probabilities p<sub>0</sub>..p<sub>m&minus;1</sub>.
 * Entropy per symbol &minus;&Sigma; p log p; every lagged dependency is zero. O(log m) per symbol.
 */
public final class CategoricalSource implements SymbolGenerator {
    private final double[] probabilities;
    private final double[] cumulative;
    private final SplittableRandom random;

    /**
     * @param probabilities one probability per symbol, &ge; 0, summing to 1 (within 1e-9)
     * @param seed          random seed
     */
    public CategoricalSource(double[] probabilities, long seed) {
        this.probabilities = Probabilities.normalised("probabilities", probabilities, Probabilities.SUM_TOLERANCE);
        this.cumulative = cumulative(this.probabilities);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int nextSymbol() {
        return draw(cumulative, random.nextDouble());
    }

    @Override
    public int alphabetSize() {
        return probabilities.length;
    }

    /** The probabilities, normalised. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    static double[] cumulative(double[] p) {
        double[] c = new double[p.length];
        double t = 0;
        for (int i = 0; i < p.length; i++) {
            t += p[i];
            c[i] = t;
        }
        c[p.length - 1] = Double.POSITIVE_INFINITY; // absorbs rounding of the sum
        return c;
    }

    /** The first index whose cumulative probability exceeds u, skipping zero-probability symbols. */
    static int draw(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
