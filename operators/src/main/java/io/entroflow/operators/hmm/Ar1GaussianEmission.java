package io.entroflow.operators.hmm;

import io.entroflow.operators.RejectedEventException;

/**
 * Autoregressive Gaussian emissions of order 1 (an autoregressive HMM): in state j,
 * x<sub>t</sub> = c<sub>j</sub> + &phi;<sub>j</sub> x<sub>t&minus;1</sub> + &epsilon;,
 * &epsilon; ~ N(0, &sigma;<sub>j</sub><sup>2</sup>). Before the first event x<sub>0</sub> is
 * taken as 0, so the first observation has mean c<sub>j</sub>. Any real &phi; is allowed
 * (|&phi;| &ge; 1 is a non-stationary regime). Immutable.
 */
public final class Ar1GaussianEmission implements Emission {
    private final double[] intercepts;
    private final double[] coefficients;
    private final NormalStates normals;

    /**
     * @param intercepts   c<sub>j</sub>, finite, one per state
     * @param coefficients &phi;<sub>j</sub>, finite, one per state
     * @param variances    &sigma;<sub>j</sub><sup>2</sup> &gt; 0 of the innovation, one per state
     * @throws IllegalArgumentException naming the field, index and value
     */
    public Ar1GaussianEmission(double[] intercepts, double[] coefficients, double[] variances) {
        int k = intercepts.length;
        if (k == 0 || coefficients.length != k) {
            throw new IllegalArgumentException("coefficients: expected one per state (" + k + "), got " + coefficients.length);
        }
        if (variances.length != k) {
            throw new IllegalArgumentException("variances: expected one per state (" + k + "), got " + variances.length);
        }
        NormalMixture.checkFinite("intercepts", intercepts);
        NormalMixture.checkFinite("coefficients", coefficients);
        this.normals = new NormalStates(variances);
        this.intercepts = intercepts.clone();
        this.coefficients = coefficients.clone();
    }

    @Override
    public EmissionType type() {
        return EmissionType.AR1;
    }

    @Override
    public int states() {
        return intercepts.length;
    }

    /** c<sub>state</sub>. */
    public double intercept(int state) {
        return intercepts[state];
    }

    /** &phi;<sub>state</sub>. */
    public double coefficient(int state) {
        return coefficients[state];
    }

    /** &sigma;<sub>state</sub><sup>2</sup> of the innovation. */
    public double variance(int state) {
        return normals.variance(state);
    }

    /** A copy of the intercepts. */
    public double[] intercepts() {
        return intercepts.clone();
    }

    /** A copy of the coefficients. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** A copy of the innovation variances. */
    public double[] variances() {
        return normals.variances();
    }

    @Override
    public double scaledDensities(double x, double previous, double[] out) {
        return normals.scaledDensities(x, previous, intercepts, coefficients, out);
    }

    @Override
    public double logDensity(int state, double x, double previous) {
        return normals.logDensity(state, x, previous, intercepts, coefficients);
    }

    @Override
    public double predictiveEntropy(double[] weights, double previous) {
        double[] means = new double[intercepts.length];
        for (int j = 0; j < means.length; j++) {
            means[j] = intercepts[j] + coefficients[j] * previous;
        }
        return normals.mixtureEntropy(weights, means);
    }

    @Override
    public void checkObservation(double x) {
        RejectedEventException.requireFinite("value", x);
    }

    @Override
    public String toString() {
        return "ar1(intercepts=" + java.util.Arrays.toString(intercepts) + ", coefficients="
                + java.util.Arrays.toString(coefficients) + ", variances=" + java.util.Arrays.toString(normals.variances()) + ")";
    }
}
