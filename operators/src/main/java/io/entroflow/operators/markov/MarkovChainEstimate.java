package io.entroflow.operators.markov;

import io.entroflow.operators.InformationUnit;

import java.util.Arrays;

/**
 * A first-order Markov chain estimated from transition counts n<sub>ij</sub> (i &rarr; j), with its
 * stationary distribution, entropy rate and entropy production.
 *
 * <p>Formulas: P<sub>ij</sub> = (n<sub>ij</sub> + &lambda;) / &Sigma;<sub>j</sub>(n<sub>ij</sub> + &lambda;)
 * with add-&lambda; smoothing (&lambda; &ge; 0; a row with no mass stays put: P<sub>ii</sub> = 1);
 * &pi; = &pi;P (found by power iteration on the lazy chain (I+P)/2, which converges for every chain
 * and, for a reducible one, returns the distribution reached from the uniform start);
 * entropy rate h = &minus;&Sigma;<sub>i</sub> &pi;<sub>i</sub> &Sigma;<sub>j</sub> P<sub>ij</sub> log P<sub>ij</sub>;
 * entropy production (irreversibility)
 * &sigma; = &Sigma;<sub>i&lt;j</sub> (&pi;<sub>i</sub>P<sub>ij</sub> &minus; &pi;<sub>j</sub>P<sub>ji</sub>)
 * log(&pi;<sub>i</sub>P<sub>ij</sub> / &pi;<sub>j</sub>P<sub>ji</sub>) &ge; 0, zero iff detailed balance holds
 * (half the sum over all i, j, which counts each pair twice), +&infin; when a transition is
 * seen one way only (smooth with &lambda; &gt; 0 to avoid it). Bits or nats per step.
 *
 * <p>Cost: O(K&sup2;) per power-iteration step, at most 100,000 steps (stops at 1e-15 change);
 * meant for queries, not per event. Immutable and thread-safe.
 */
public final class MarkovChainEstimate {
    private static final int MAX_ITERATIONS = 100_000;

    private final double[][] transition;
    private final double[] stationary;

    private MarkovChainEstimate(double[][] transition) {
        this.transition = transition;
        this.stationary = stationaryOf(transition);
    }

    /**
     * Estimates the chain from a K&times;K matrix of transition counts.
     *
     * @param counts      n<sub>ij</sub> &ge; 0, finite, square, K &ge; 1
     * @param pseudoCount &lambda; &ge; 0 added to every count
     */
    public static MarkovChainEstimate fromCounts(double[][] counts, double pseudoCount) {
        if (!(pseudoCount >= 0) || !Double.isFinite(pseudoCount)) {
            throw new IllegalArgumentException("pseudoCount: must be finite and >= 0, got " + pseudoCount);
        }
        int k = counts.length;
        if (k == 0) {
            throw new IllegalArgumentException("counts: need at least one state, got 0 rows");
        }
        double[][] p = new double[k][k];
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("counts: row " + i + " has " + counts[i].length + " entries, expected " + k);
            }
            double total = 0;
            for (int j = 0; j < k; j++) {
                double c = counts[i][j];
                if (!(c >= 0) || !Double.isFinite(c)) {
                    throw new IllegalArgumentException("counts[" + i + "][" + j + "]: must be finite and >= 0, got " + c);
                }
                total += c + pseudoCount;
            }
            for (int j = 0; j < k; j++) {
                p[i][j] = total > 0 ? (counts[i][j] + pseudoCount) / total : (i == j ? 1.0 : 0.0);
            }
        }
        return new MarkovChainEstimate(p);
    }

    /** Counts the transitions s<sub>t</sub> &rarr; s<sub>t+1</sub> of a symbol sequence over {@code alphabet} states. */
    public static double[][] countTransitions(int[] symbols, int alphabet) {
        if (alphabet < 1) {
            throw new IllegalArgumentException("alphabet: must be >= 1, got " + alphabet);
        }
        double[][] counts = new double[alphabet][alphabet];
        for (int t = 0; t < symbols.length; t++) {
            if (symbols[t] < 0 || symbols[t] >= alphabet) {
                throw new IllegalArgumentException("symbols[" + t + "]: expected 0.." + (alphabet - 1) + ", got " + symbols[t]);
            }
            if (t > 0) {
                counts[symbols[t - 1]][symbols[t]]++;
            }
        }
        return counts;
    }

    /** Number of states K. */
    public int states() {
        return transition.length;
    }

    /** A copy of P. */
    public double[][] transitionMatrix() {
        double[][] copy = new double[transition.length][];
        for (int i = 0; i < transition.length; i++) {
            copy[i] = transition[i].clone();
        }
        return copy;
    }

    /** A copy of &pi;. */
    public double[] stationaryDistribution() {
        return stationary.clone();
    }

    /** h = &minus;&Sigma; &pi;<sub>i</sub> P<sub>ij</sub> log P<sub>ij</sub>, per step. */
    public double entropyRate(InformationUnit unit) {
        double h = 0;
        for (int i = 0; i < transition.length; i++) {
            for (double p : transition[i]) {
                if (p > 0) {
                    h -= stationary[i] * p * Math.log(p);
                }
            }
        }
        return unit.fromNats(Math.max(0.0, h));
    }

    /** &sigma; = &Sigma;<sub>i&lt;j</sub> (J<sub>ij</sub> &minus; J<sub>ji</sub>) log(J<sub>ij</sub>/J<sub>ji</sub>), J<sub>ij</sub> = &pi;<sub>i</sub>P<sub>ij</sub>; +&infin; for a one-way flux. */
    public double entropyProduction(InformationUnit unit) {
        double sigma = 0;
        for (int i = 0; i < transition.length; i++) {
            for (int j = i + 1; j < transition.length; j++) {
                double forward = stationary[i] * transition[i][j];
                double backward = stationary[j] * transition[j][i];
                if (forward == backward) {
                    continue;
                }
                if (forward == 0 || backward == 0) {
                    return Double.POSITIVE_INFINITY;
                }
                sigma += (forward - backward) * Math.log(forward / backward);
            }
        }
        return unit.fromNats(sigma);
    }

    private static double[] stationaryOf(double[][] p) {
        int k = p.length;
        double[] pi = new double[k];
        Arrays.fill(pi, 1.0 / k);
        double[] next = new double[k];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            Arrays.fill(next, 0);
            for (int i = 0; i < k; i++) {
                double half = 0.5 * pi[i];
                next[i] += half;
                for (int j = 0; j < k; j++) {
                    next[j] += half * p[i][j];
                }
            }
            double change = 0;
            double total = 0;
            for (int j = 0; j < k; j++) {
                total += next[j];
            }
            for (int j = 0; j < k; j++) {
                next[j] /= total;
                change += Math.abs(next[j] - pi[j]);
            }
            double[] t = pi;
            pi = next;
            next = t;
            if (change < 1e-15) {
                break;
            }
        }
        return pi;
    }
}
