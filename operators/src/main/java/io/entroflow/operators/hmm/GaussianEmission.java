package io.entroflow.operators.hmm;

import io.entroflow.operators.RejectedEventException;

/**
 * Normal emissions: in state j, x ~ N(&mu;<sub>j</sub>, &sigma;<sub>j</sub><sup>2</sup>), density
 * p<sub>j</sub>(x) = exp(&minus;(x&minus;&mu;<sub>j</sub>)&sup2; / 2&sigma;<sub>j</sub>&sup2;) /
 * &radic;(2&pi;&sigma;<sub>j</sub>&sup2;). Immutable.
 */
public final class GaussianEmission implements Emission {
    private final double[] means;
    private final NormalStates normals;

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
        this.normals = new NormalStates(variances);
        this.means = means.clone();
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
        return normals.variance(state);
    }

    /** A copy of the means. */
    public double[] means() {
        return means.clone();
    }

    /** A copy of the variances. */
    public double[] variances() {
        return normals.variances();
    }

    @Override
    public double scaledDensities(double x, double previous, double[] out) {
        return normals.scaledDensities(x, previous, means, null, out);
    }

    @Override
    public double logDensity(int state, double x, double previous) {
        return normals.logDensity(state, x, previous, means, null);
    }

    @Override
    public double predictiveEntropy(double[] weights, double previous) {
        return normals.mixtureEntropy(weights, means);
    }

    @Override
    public void checkObservation(double x) {
        RejectedEventException.requireFinite("value", x);
    }

    @Override
    public String toString() {
        return "gaussian(means=" + java.util.Arrays.toString(means) + ", variances=" + java.util.Arrays.toString(normals.variances()) + ")";
    }
}
