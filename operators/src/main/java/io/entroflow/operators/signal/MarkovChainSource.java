package io.entroflow.operators.signal;

import io.entroflow.operators.Probabilities;

import java.util.SplittableRandom;

/**
 * A stationary Markov chain on symbols 0..m&minus;1 with transition matrix P (row i: the
 * distribution of the next symbol after i). The first symbol is drawn from the stationary
 * distribution &pi; (&pi;P = &pi;), so the stream is stationary from its start. Entropy rate
 * h = &minus;&Sigma;<sub>i</sub> &pi;<sub>i</sub> &Sigma;<sub>j</sub> P<sub>ij</sub> log P<sub>ij</sub>
 * ({@link #entropyRateBits()}). O(log m) per symbol.
 */
public final class MarkovChainSource implements SymbolGenerator {
    private final double[][] cumulative;
    private final double[][] transitions;
    private final double[] stationary;
    private final SplittableRandom random;
    private int state = -1;

    /**
     * @param transitions square matrix, each row a probability distribution; the chain must have a
     *                    unique stationary distribution (irreducible)
     * @param seed        random seed
     */
    public MarkovChainSource(double[][] transitions, long seed) {
        int m = transitions.length;
        if (m == 0) {
            throw new IllegalArgumentException("transitions: expected a non-empty square matrix, got 0 rows");
        }
        this.transitions = new double[m][];
        this.cumulative = new double[m][];
        for (int i = 0; i < m; i++) {
            if (transitions[i].length != m) {
                throw new IllegalArgumentException("transitions: row " + i + " has " + transitions[i].length
                        + " entries, expected " + m);
            }
            this.transitions[i] = Probabilities.normalised("transitions[" + i + "]", transitions[i], Probabilities.SUM_TOLERANCE);
            this.cumulative[i] = CategoricalSource.cumulative(this.transitions[i]);
        }
        this.stationary = stationary(this.transitions);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int nextSymbol() {
        double[] c = state < 0 ? CategoricalSource.cumulative(stationary) : cumulative[state];
        state = CategoricalSource.draw(c, random.nextDouble());
        return state;
    }

    @Override
    public int alphabetSize() {
        return transitions.length;
    }

    /** The stationary distribution &pi;. */
    public double[] stationaryDistribution() {
        return stationary.clone();
    }

    /** Entropy rate in bits per symbol. */
    public double entropyRateBits() {
        double h = 0;
        for (int i = 0; i < transitions.length; i++) {
            for (double p : transitions[i]) {
                if (p > 0) {
                    h -= stationary[i] * p * Math.log(p);
                }
            }
        }
        return h / Math.log(2);
    }

    /** Solves &pi;(P &minus; I) = 0, &Sigma;&pi; = 1 by Gaussian elimination with partial pivoting. */
    static double[] stationary(double[][] p) {
        int m = p.length;
        double[][] a = new double[m][m + 1];
        for (int j = 0; j < m; j++) {          // equation j: sum_i pi_i (P_ij - delta_ij) = 0
            for (int i = 0; i < m; i++) {
                a[j][i] = p[i][j] - (i == j ? 1 : 0);
            }
        }
        for (int i = 0; i < m; i++) {          // replace the last equation by normalisation
            a[m - 1][i] = 1;
        }
        a[m - 1][m] = 1;
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("transitions: the chain has no unique stationary distribution"
                        + " (not irreducible)");
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < m; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= m; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] pi = new double[m];
        for (int i = 0; i < m; i++) {
            pi[i] = Math.max(0, a[i][m] / a[i][i]);
        }
        return pi;
    }
}
