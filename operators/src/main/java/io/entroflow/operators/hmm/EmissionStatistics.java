package io.entroflow.operators.hmm;

/**
 * Expected complete-data sufficient statistics of an emission family, shared by Baum-Welch and
 * online EM: per state a block of D numbers, the posterior-weighted sum of s(x<sub>t</sub>,
 * x<sub>t&minus;1</sub>):
 * <ul>
 *   <li>categorical: one-hot of the symbol (D = M);</li>
 *   <li>Gaussian: (1, x, x&sup2;) (D = 3);</li>
 *   <li>AR(1): (1, p, p&sup2;, x, x&middot;p, x&sup2;) with p = x<sub>t&minus;1</sub> (D = 6).</li>
 * </ul>
 * {@link #estimate} is the M-step: the maximum-likelihood parameters given the statistics.
 */
final class EmissionStatistics {
    private final EmissionType type;
    private final int states;
    private final int dimension;
    private final double varianceFloor;

    EmissionStatistics(EmissionType type, int states, int alphabetSize, double varianceFloor) {
        this.type = type;
        this.states = states;
        this.dimension = switch (type) {
            case CATEGORICAL -> alphabetSize;
            case GAUSSIAN -> 3;
            case AR1 -> 6;
        };
        this.varianceFloor = varianceFloor;
    }

    int dimension() {
        return dimension;
    }

    /** Writes s(x, previous) into {@code out[0..D)}. */
    void fill(double x, double previous, double[] out) {
        switch (type) {
            case CATEGORICAL -> {
                java.util.Arrays.fill(out, 0, dimension, 0);
                out[(int) x] = 1;
            }
            case GAUSSIAN -> {
                out[0] = 1;
                out[1] = x;
                out[2] = x * x;
            }
            case AR1 -> {
                out[0] = 1;
                out[1] = previous;
                out[2] = previous * previous;
                out[3] = x;
                out[4] = x * previous;
                out[5] = x * x;
            }
        }
    }

    /** Adds w &middot; s(x, previous) to state {@code state}'s block of {@code stats} (K&times;D, row-major). */
    void accumulate(double[] stats, int state, double w, double x, double previous) {
        int o = state * dimension;
        switch (type) {
            case CATEGORICAL -> stats[o + (int) x] += w;
            case GAUSSIAN -> {
                stats[o] += w;
                stats[o + 1] += w * x;
                stats[o + 2] += w * x * x;
            }
            case AR1 -> {
                stats[o] += w;
                stats[o + 1] += w * previous;
                stats[o + 2] += w * previous * previous;
                stats[o + 3] += w * x;
                stats[o + 4] += w * x * previous;
                stats[o + 5] += w * x * x;
            }
        }
    }

    /**
     * The M-step. States whose statistics carry (almost) no weight keep {@code fallback}'s
     * parameters; variances are floored at the variance floor.
     */
    Emission estimate(double[] stats, Emission fallback) {
        return estimate(stats, fallback, 1e-300);
    }

    /**
     * The M-step where a state whose occupancy (its total weight in {@code stats}) is below
     * {@code minWeight} keeps {@code fallback}'s parameters instead of being re-estimated from
     * too few events.
     */
    Emission estimate(double[] stats, Emission fallback, double minWeight) {
        switch (type) {
            case CATEGORICAL: {
                CategoricalEmission old = (CategoricalEmission) fallback;
                double[][] p = new double[states][dimension];
                for (int i = 0; i < states; i++) {
                    double total = 0;
                    for (int m = 0; m < dimension; m++) {
                        total += Math.max(0, stats[i * dimension + m]);
                    }
                    for (int m = 0; m < dimension; m++) {
                        p[i][m] = total >= minWeight && total > 1e-300 ? Math.max(0, stats[i * dimension + m]) / total : old.probability(i, m);
                    }
                }
                return new CategoricalEmission(p);
            }
            case GAUSSIAN: {
                GaussianEmission old = (GaussianEmission) fallback;
                double[] means = new double[states];
                double[] vars = new double[states];
                for (int i = 0; i < states; i++) {
                    int o = i * dimension;
                    double n = stats[o];
                    if (n >= minWeight && n > 1e-300) {
                        means[i] = stats[o + 1] / n;
                        vars[i] = Math.max(varianceFloor, stats[o + 2] / n - means[i] * means[i]);
                    } else {
                        means[i] = old.mean(i);
                        vars[i] = old.variance(i);
                    }
                }
                return new GaussianEmission(means, vars);
            }
            default: {
                Ar1GaussianEmission old = (Ar1GaussianEmission) fallback;
                double[] c = new double[states];
                double[] phi = new double[states];
                double[] vars = new double[states];
                for (int i = 0; i < states; i++) {
                    int o = i * dimension;
                    double n = stats[o];
                    double sp = stats[o + 1];
                    double spp = stats[o + 2];
                    double sx = stats[o + 3];
                    double sxp = stats[o + 4];
                    double sxx = stats[o + 5];
                    if (!(n >= minWeight && n > 1e-300)) {
                        c[i] = old.intercept(i);
                        phi[i] = old.coefficient(i);
                        vars[i] = old.variance(i);
                        continue;
                    }
                    double det = n * spp - sp * sp;
                    if (det > 1e-12 * n * Math.max(spp, 1e-300)) {
                        phi[i] = (n * sxp - sp * sx) / det;
                        c[i] = (sx - phi[i] * sp) / n;
                    } else { // previous values (nearly) constant: intercept only
                        phi[i] = 0;
                        c[i] = sx / n;
                    }
                    double rss = sxx - 2 * c[i] * sx - 2 * phi[i] * sxp + c[i] * c[i] * n
                            + 2 * c[i] * phi[i] * sp + phi[i] * phi[i] * spp;
                    vars[i] = Math.max(varianceFloor, rss / n);
                }
                return new Ar1GaussianEmission(c, phi, vars);
            }
        }
    }
}
