package io.entroflow.operators.hmm;

import io.entroflow.operators.Probabilities;
import io.entroflow.operators.RejectedEventException;

/**
 * Categorical emissions: in state j, symbol m in 0..M&minus;1 has probability
 * B<sub>jm</sub>; each row of B sums to 1. Observations are the integers 0..M&minus;1 (given as
 * doubles to the filter). Immutable.
 */
public final class CategoricalEmission implements Emission {
    /** Row tolerance when checking that a probability row sums to 1; rows are then renormalised. */
    static final double ROW_TOLERANCE = 1e-6;

    private final double[][] probabilities; // [state][symbol]
    private final double[][] bySymbol;      // [symbol][state], for the filter's hot path
    private final double[][] logs;          // [state][symbol]

    /**
     * @param probabilities B<sub>jm</sub>, K rows of M &ge; 1 probabilities each summing to 1
     *                      (within 10<sup>&minus;6</sup>; rows are renormalised exactly)
     * @throws IllegalArgumentException naming the row, column and value
     */
    public CategoricalEmission(double[][] probabilities) {
        int k = probabilities.length;
        if (k == 0 || probabilities[0].length == 0) {
            throw new IllegalArgumentException("probabilities: expected K rows of M >= 1 symbols, got "
                    + k + " rows" + (k == 0 ? "" : " of " + probabilities[0].length));
        }
        int m = probabilities[0].length;
        this.probabilities = new double[k][];
        this.bySymbol = new double[m][k];
        this.logs = new double[k][m];
        for (int j = 0; j < k; j++) {
            if (probabilities[j].length != m) {
                throw new IllegalArgumentException("probabilities[" + j + "]: expected " + m + " symbols, got " + probabilities[j].length);
            }
            this.probabilities[j] = Probabilities.normalised("probabilities[" + j + "]", probabilities[j], ROW_TOLERANCE);
            for (int s = 0; s < m; s++) {
                bySymbol[s][j] = this.probabilities[j][s];
                logs[j][s] = Math.log(this.probabilities[j][s]);
            }
        }
    }

    @Override
    public EmissionType type() {
        return EmissionType.CATEGORICAL;
    }

    @Override
    public int states() {
        return probabilities.length;
    }

    /** M, the number of symbols. */
    public int alphabetSize() {
        return bySymbol.length;
    }

    /** B<sub>state, symbol</sub>. */
    public double probability(int state, int symbol) {
        return probabilities[state][symbol];
    }

    /** A copy of the table, [state][symbol]. */
    public double[][] probabilities() {
        double[][] copy = new double[probabilities.length][];
        for (int j = 0; j < copy.length; j++) {
            copy[j] = probabilities[j].clone();
        }
        return copy;
    }

    @Override
    public double scaledDensities(double x, double previous, double[] out) {
        System.arraycopy(bySymbol[(int) x], 0, out, 0, out.length);
        return 0;
    }

    @Override
    public double logDensity(int state, double x, double previous) {
        return logs[state][(int) x];
    }

    @Override
    public double predictiveEntropy(double[] weights, double previous) {
        double h = 0;
        for (double[] column : bySymbol) {
            double p = 0;
            for (int j = 0; j < column.length; j++) {
                p += weights[j] * column[j];
            }
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    @Override
    public void checkObservation(double x) {
        RejectedEventException.requireFinite("value", x);
        if (x != Math.rint(x) || x < 0 || x >= bySymbol.length) {
            throw new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                    "value: expected a symbol 0.." + (bySymbol.length - 1) + ", got " + x);
        }
    }

    @Override
    public String toString() {
        return "categorical(" + java.util.Arrays.deepToString(probabilities) + ")";
    }
}
