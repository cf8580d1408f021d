package io.entroflow.operators.hmm;

/**
 * Per-state normal densities N(&mu;<sub>j</sub>, &sigma;<sub>j</sub><sup>2</sup>) with the state mean
 * &mu;<sub>j</sub> = c<sub>j</sub> + &phi;<sub>j</sub>&middot;x<sub>t&minus;1</sub>: plain Gaussian emissions
 * have no slopes (&phi; = 0), AR(1) emissions do. Holds the variances with their precomputed log
 * normalisers; immutable, so one instance serves every filter thread.
 */
final class NormalStates {
    private final double[] variances;
    private final double[] logNorm;
    private final double[] inv2var;

    /** @throws IllegalArgumentException naming {@code variances[j]} when one is not finite and &gt; 0 */
    NormalStates(double[] variances) {
        NormalMixture.checkVariances("variances", variances);
        this.variances = variances.clone();
        this.logNorm = new double[variances.length];
        this.inv2var = new double[variances.length];
        for (int j = 0; j < variances.length; j++) {
            logNorm[j] = NormalMixture.logNormaliser(variances[j]);
            inv2var[j] = 0.5 / variances[j];
        }
    }

    int states() {
        return variances.length;
    }

    double variance(int state) {
        return variances[state];
    }

    double[] variances() {
        return variances.clone();
    }

    /**
     * Writes exp(log N(x; &mu;<sub>j</sub>) &minus; max) into {@code out} and returns the max, so no
     * density underflows. {@code slopes} may be null (no autoregression). O(K).
     */
    double scaledDensities(double x, double previous, double[] intercepts, double[] slopes, double[] out) {
        int k = intercepts.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double d = x - intercepts[j] - (slopes == null ? 0.0 : slopes[j] * previous);
            double l = logNorm[j] - d * d * inv2var[j];
            out[j] = l;
            if (l > max) {
                max = l;
            }
        }
        for (int j = 0; j < k; j++) {
            out[j] = Math.exp(out[j] - max);
        }
        return max;
    }

    /** log N(x; &mu;<sub>state</sub>, &sigma;<sub>state</sub><sup>2</sup>); {@code slopes} may be null. */
    double logDensity(int state, double x, double previous, double[] intercepts, double[] slopes) {
        double d = x - intercepts[state] - (slopes == null ? 0.0 : slopes[state] * previous);
        return logNorm[state] - d * d * inv2var[state];
    }

    /** Entropy of the mixture &Sigma; w<sub>j</sub> N(means[j], &sigma;<sub>j</sub><sup>2</sup>) in nats. */
    double mixtureEntropy(double[] weights, double[] means) {
        return NormalMixture.entropy(weights, means, variances, logNorm, inv2var);
    }
}
