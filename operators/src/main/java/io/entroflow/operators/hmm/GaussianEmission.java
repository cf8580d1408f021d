package io.entroflow.operators.hmm;

import io.entroflow.operators.RejectedEventException;

/**
 * Normal emissions: in state j, x ~ N(&mu;<sub>j</sub>, &sigma;<sub>j</sub><sup>2</sup>), density
 * p<sub>j</sub>(x) = exp(&minus;(x&minus;&mu;<sub>j</sub>)&sup2; / 2&sigma;<sub>j</sub>&sup2;) /
 * &radic;(2&pi;&sigma;<sub>j</sub>&sup2;). Immutable.
 */
public final class GaussianEmission implements Emission {
    private final double[] means;
    private final double[] variances;
    private final double[] logNorm;
    private final double[] inv2var;

    /**
     * @param means     &mu;<sub>j</sub>, finite, one per state
     * @param variances &sigma;<sub>j</sub><sup>2</sup> &gt; 0, finite, one per state
     * @throws IllegalArgumentException naming the field, index and value
     */
    public GaussianEmission(double[] means, double[] variances) {
        if (means.length != variances.length || means.length == 0) {
            throw new IllegalArgumentException("variances: expected one per state (" + means.length + "), got " + variances.length);
        }
        NormalMixture.checkFinite("means", means);
        NormalMixture.checkVariances("variances", variances);
        this.means = means.clone();
        this.variances = variances.clone();
        this.logNorm = new double[means.length];
        this.inv2var = new double[means.length];
        for (int j = 0; j < means.length; j++) {
            logNorm[j] = NormalMixture.logNormaliser(variances[j]);
            inv2var[j] = 0.5 / variances[j];
        }
    }

    @Override
    public EmissionType type() {
        return EmissionType.GAUSSIAN;
    }

    @Override
    public int states() {
        return means.length;
    }

    /** &mu;<sub>state</sub>. */
    public double mean(int state) {
        return means[state];
    }

    /** &sigma;<sub>state</sub><sup>2</sup>. */
    public double variance(int state) {
        return variances[state];
    }

    /** A copy of the means. */
    public double[] means() {
        return means.clone();
    }

    /** A copy of the variances. */
    public double[] variances() {
        return variances.clone();
    }

    @Override
    public double scaledDensities(double x, double previous, double[] out) {
        int k = means.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double d = x - means[j];
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

    @Override
    public double logDensity(int state, double x, double previous) {
        double d = x - means[state];
        return logNorm[state] - d * d * inv2var[state];
    }

    @Override
    public double predictiveEntropy(double[] weights, double previous) {
        return NormalMixture.entropy(weights, means, variances, logNorm, inv2var);
    }

    @Override
    public void checkObservation(double x) {
        RejectedEventException.requireFinite("value", x);
    }

    @Override
    public String toString() {
        return "gaussian(means=" + java.util.Arrays.toString(means) + ", variances=" + java.util.Arrays.toString(variances) + ")";
    }
}
