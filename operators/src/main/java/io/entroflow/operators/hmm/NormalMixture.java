package io.entroflow.operators.hmm;

/** Shared math of the Gaussian families: log densities and the entropy of a normal mixture. */
final class NormalMixture {
    private static final double LN_2PI = Math.log(2 * Math.PI);

    private NormalMixture() {
    }

    static double logNormaliser(double variance) {
        return -0.5 * (LN_2PI + Math.log(variance));
    }

    static void checkVariances(String field, double[] variances) {
        for (int j = 0; j < variances.length; j++) {
            double v = variances[j];
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(field + "[" + j + "]: expected a finite variance > 0, got " + v);
            }
        }
    }

    static void checkFinite(String field, double[] values) {
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException(field + "[" + j + "]: expected a finite number, got " + values[j]);
            }
        }
    }

    /**
     * &minus;&int; p ln p for p = &Sigma; w<sub>j</sub> N(means[j], variances[j]), each component's
     * expectation by Gauss&ndash;Hermite quadrature.
     */
    static double entropy(double[] weights, double[] means, double[] variances, double[] logNorm, double[] inv2var) {
        int k = means.length;
        double h = 0;
        double invSqrtPi = 1 / Math.sqrt(Math.PI);
        for (int j = 0; j < k; j++) {
            if (weights[j] <= 0) {
                continue;
            }
            double sd = Math.sqrt(2 * variances[j]);
            double expectation = 0;
            for (int q = 0; q < GaussHermite.ORDER; q++) {
                double x = means[j] + sd * GaussHermite.NODES[q];
                expectation += GaussHermite.WEIGHTS[q] * invSqrtPi * logMixture(x, weights, means, logNorm, inv2var);
            }
            h -= weights[j] * expectation;
        }
        return h;
    }

    private static double logMixture(double x, double[] weights, double[] means, double[] logNorm, double[] inv2var) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < means.length; j++) {
            if (weights[j] > 0) {
                double d = x - means[j];
                max = Math.max(max, logNorm[j] - d * d * inv2var[j]);
            }
        }
        double sum = 0;
        for (int j = 0; j < means.length; j++) {
            if (weights[j] > 0) {
                double d = x - means[j];
                sum += weights[j] * Math.exp(logNorm[j] - d * d * inv2var[j] - max);
            }
        }
        return max + Math.log(sum);
    }
}
