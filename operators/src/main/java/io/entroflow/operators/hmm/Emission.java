package io.entroflow.operators.hmm;

/**
 * The observation model of an HMM: the probability (categorical) or density (Gaussian, AR(1))
 * p<sub>j</sub>(x<sub>t</sub> | x<sub>t&minus;1</sub>) of an observation in each hidden state j.
 * Only AR(1) looks at the previous observation; the filter passes 0 before the first event.
 *
 * <p>Immutable, safe to share between threads. Densities are computed in log space and returned
 * scaled (largest = 1) so that no observation, however far out, underflows every state at once.
 */
public sealed interface Emission permits CategoricalEmission, GaussianEmission, Ar1GaussianEmission {

    /** Which family this is. */
    EmissionType type();

    /** Number of hidden states K. */
    int states();

    /**
     * Fills {@code out[j] = p_j(x | previous) · e^(−scale)} for every state and returns
     * {@code scale} (natural log), chosen so that the largest entry is 1 (0 for categorical,
     * whose entries are the table's probabilities). O(K), no allocation.
     */
    double scaledDensities(double x, double previous, double[] out);

    /** ln p<sub>state</sub>(x | previous), &minus;&infin; for an impossible observation. */
    double logDensity(int state, double x, double previous);

    /**
     * The entropy, in nats, of the predictive distribution &Sigma;<sub>j</sub> w<sub>j</sub>
     * p<sub>j</sub>(&middot; | previous): the expected surprise of the next observation. Exact for
     * categorical (O(K&middot;M)); for the Gaussian families the differential entropy of the
     * mixture by Gauss&ndash;Hermite quadrature on each component (O(K<sup>2</sup>) times the
     * number of nodes; exact for a single component).
     */
    double predictiveEntropy(double[] weights, double previous);

    /**
     * Checks that {@code x} is an observation this family can score.
     *
     * @throws io.entroflow.operators.RejectedEventException {@code not_finite} for NaN or an
     *         infinity, {@code out_of_range} for a categorical value that is not a symbol
     *         0..M&minus;1
     */
    void checkObservation(double x);
}
