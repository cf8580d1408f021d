package io.entroflow.operators.hmm;

/**
 * One event of {@link OnlineEmHmm} as the adapting filter saw it: the filtered quantities
 * computed with the parameters in force at that event (before the M-step that follows it). Log
 * values are natural logs (nats).
 *
 * <p>A reusable view into the algorithm, handed to the listener of
 * {@link OnlineEmHmm#update(double, java.util.function.Consumer)}; valid only during that
 * callback, on the writer thread (copy what you keep).
 */
public final class OnlineEmStep {
    private final OnlineEmHmm em;

    OnlineEmStep(OnlineEmHmm em) {
        this.em = em;
    }

    /** 0-based index of this event among those passed through the recursion (warm-up events included). */
    public long index() {
        return em.stepIndex;
    }

    /** Number of states K. */
    public int states() {
        return em.phi.length;
    }

    /** P(s<sub>t</sub> = state | x<sub>1..t</sub>) under the parameters in force. */
    public double posterior(int state) {
        return em.phi[state];
    }

    /** A copy of the posterior, in the model's state order. */
    public double[] posterior() {
        return em.phi.clone();
    }

    /** The most probable state (lowest index on ties). O(K). */
    public int state() {
        double[] p = em.phi;
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Its posterior probability. */
    public double stateProbability() {
        return em.phi[state()];
    }

    /** Entropy of the posterior, &minus;&Sigma; p ln p, nats, in [0, ln K]. O(K). */
    public double posteriorEntropy() {
        return HmmStep.entropy(em.phi);
    }

    /** &minus;ln p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>) with the parameters in force, nats; +&infin; for an impossible event. */
    public double surprise() {
        return em.surprise;
    }

    /** The prequential log-likelihood &Sigma;<sub>s&le;t</sub> ln p(x<sub>s</sub> | x<sub>1..s&minus;1</sub>), each term with the parameters of its time, nats (impossible events excluded). */
    public double logLikelihood() {
        return em.logLikelihood;
    }

    /**
     * The expected surprise of this event before it was seen: the entropy (nats) of the
     * predictive distribution &Sigma;<sub>j</sub> prior<sub>t</sub>(j) p<sub>j</sub>(&middot; |
     * x<sub>t&minus;1</sub>) with the parameters in force. Computed on call, see
     * {@link Emission#predictiveEntropy}.
     */
    public double predictiveEntropy() {
        return em.emission.predictiveEntropy(em.prior, em.previousBefore);
    }

    /** Whether this event had probability 0 under every state (the filter restarted from the predicted distribution). */
    public boolean impossible() {
        return em.stepImpossible;
    }
}
