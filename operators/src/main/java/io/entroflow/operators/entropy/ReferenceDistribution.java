package io.entroflow.operators.entropy;

import java.util.Arrays;

/**
 * A fixed reference distribution Q over symbols 0..m&minus;1 for drift detection, from reference
 * counts with add-&lambda; smoothing: q<sub>s</sub> = (r<sub>s</sub> + &lambda;)/(R + &lambda;m).
 * With &lambda; &gt; 0 every symbol has positive probability and the KL divergence stays finite.
 * Immutable.
 */
public final class ReferenceDistribution {
    private final double[] probabilities;
    private final double[] logProbabilities;
    private final long observations;

    private ReferenceDistribution(double[] probabilities, long observations) {
        this.probabilities = probabilities;
        this.logProbabilities = new double[probabilities.length];
        for (int s = 0; s < probabilities.length; s++) {
            logProbabilities[s] = probabilities[s] > 0 ? Math.log(probabilities[s]) : Double.NEGATIVE_INFINITY;
        }
        this.observations = observations;
    }

    /**
     * @param counts    reference count per symbol (&ge; 0), length m = alphabet size
     * @param smoothing &lambda; &ge; 0 added to every count
     */
    public static ReferenceDistribution fromCounts(long[] counts, double smoothing) {
        if (!(smoothing >= 0) || Double.isInfinite(smoothing)) {
            throw new IllegalArgumentException("smoothing: expected a finite value >= 0, got " + smoothing);
        }
        if (counts.length == 0) {
            throw new IllegalArgumentException("counts: expected at least one symbol, got none");
        }
        double total = 0;
        long n = 0;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] < 0) {
                throw new IllegalArgumentException("counts[" + s + "]: expected >= 0, got " + counts[s]);
            }
            total += counts[s] + smoothing;
            n += counts[s];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("counts: the reference is empty and smoothing is 0");
        }
        double[] p = new double[counts.length];
        for (int s = 0; s < counts.length; s++) {
            p[s] = (counts[s] + smoothing) / total;
        }
        return new ReferenceDistribution(p, n);
    }

    /** Alphabet size m. */
    public int alphabetSize() {
        return probabilities.length;
    }

    /** q<sub>s</sub>. */
    public double probability(int symbol) {
        return probabilities[symbol];
    }

    /** ln q<sub>s</sub> (&minus;&infin; for q<sub>s</sub> = 0). */
    public double logProbability(int symbol) {
        return logProbabilities[symbol];
    }

    /** Observations the reference was built from (without smoothing). */
    public long observations() {
        return observations;
    }

    /** H(Q) in nats. */
    public double entropyNats() {
        double h = 0;
        for (double q : probabilities) {
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return h;
    }

    /** A copy of the probabilities. */
    public double[] probabilities() {
        return Arrays.copyOf(probabilities, probabilities.length);
    }
}
