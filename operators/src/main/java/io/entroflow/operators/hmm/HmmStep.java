package io.entroflow.operators.hmm;

/**
 * The results of one {@link HmmFilter#update}: a reusable view into the filter, valid on the
 * writer thread until the next update (copy what you keep; use {@link HmmFilter#snapshot()} to
 * hand results to other threads). Log values are natural logs (nats).
 */
public final class HmmStep {
    private final HmmFilter filter;

    HmmStep(HmmFilter filter) {
        this.filter = filter;
    }

    /** 0-based index of this event among those admitted. */
    public long index() {
        return filter.events - 1;
    }

    /** This event's time (ms). */
    public long time() {
        return filter.time;
    }

    /** Number of states K. */
    public int states() {
        return filter.posterior.length;
    }

    /** P(s<sub>t</sub> = state | x<sub>1..t</sub>). */
    public double posterior(int state) {
        return filter.posterior[state];
    }

    /** A copy of the posterior, in the model's state order. */
    public double[] posterior() {
        return filter.posterior.clone();
    }

    /** The most probable state (lowest index on ties). */
    public int state() {
        return filter.state;
    }

    /** Its posterior probability. */
    public double stateProbability() {
        return filter.posterior[filter.state];
    }

    /** Entropy of the posterior, &minus;&Sigma; p ln p, nats, in [0, ln K]. O(K), computed on call. */
    public double posteriorEntropy() {
        return entropy(filter.posterior);
    }

    /** P(s<sub>t+1</sub> = state | x<sub>1..t</sub>), the predicted distribution of the next state. */
    public double predicted(int state) {
        return filter.predicted[state];
    }

    /** A copy of the predicted next-state distribution. */
    public double[] predicted() {
        return filter.predicted.clone();
    }

    /**
     * ln p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>): a log probability (categorical) or log density
     * (Gaussian families); &minus;&infin; for an impossible event.
     */
    public double logPredictive() {
        return -filter.surprise;
    }

    /** p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>), probability or density (may exceed 1 for densities). */
    public double predictive() {
        return Math.exp(-filter.surprise);
    }

    /** &minus;ln p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>), nats; +&infin; for an impossible event. */
    public double surprise() {
        return filter.surprise;
    }

    /** Running log-likelihood &Sigma;<sub>s&le;t</sub> ln p(x<sub>s</sub> | x<sub>1..s&minus;1</sub>), nats (impossible events excluded). */
    public double logLikelihood() {
        return filter.logLikelihood;
    }

    /**
     * The expected surprise of this event before it was seen: the entropy (nats; differential for
     * Gaussian families) of the predictive distribution &Sigma;<sub>j</sub> prior<sub>t</sub>(j)
     * p<sub>j</sub>(&middot; | x<sub>t&minus;1</sub>). Computed on call, see
     * {@link Emission#predictiveEntropy}.
     */
    public double predictiveEntropy() {
        return filter.emission().predictiveEntropy(filter.prior, filter.previousBefore);
    }

    /** {@link #surprise()} minus {@link #predictiveEntropy()}: around 0 on average when the model fits. */
    public double excessSurprise() {
        return surprise() - predictiveEntropy();
    }

    /** Whether this event had probability 0 under every possible state (the filter restarted from the prior). */
    public boolean impossible() {
        return filter.impossible;
    }

    /** The regime change this event confirmed, or null. */
    public RegimeChange regimeChange() {
        return filter.change;
    }

    /** The current regime (&minus;1 before the first is established). */
    public int regime() {
        return filter.regime();
    }

    static double entropy(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }
}
