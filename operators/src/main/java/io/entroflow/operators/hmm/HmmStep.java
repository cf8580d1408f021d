package io.entroflow.operators.hmm;

/**
 * The results of one event of a forward recursion: of {@link HmmFilter#update}, and of each event
 * {@link OnlineEmHmm#update(long, double, java.util.function.Consumer)} passes through its adapting
 * filter (quantities computed with the parameters in force at that event). Log values are natural
 * logs (nats).
 *
 * <p>A reusable view into the recursion, not a value: valid on the writer thread until the next
 * event (copy what you keep; {@link HmmFilter#snapshot()} and {@link OnlineEmHmm#snapshot()} hand
 * results to other threads). The cheap quantities are reads; those marked "computed on call" cost
 * O(K) or more and only when asked for. Not thread-safe.
 */
public final class HmmStep {
    /**
     * The per-event quantities a step reads, kept by the recursion that owns it (one view over
     * both recursions instead of a view class per algorithm).
     */
    interface Source {
        /** 0-based index of the event among those passed through the recursion. */
        long index();

        /** The event's time (ms). */
        long time();

        /** The posterior after the event (live array, not copied). */
        double[] posterior();

        /** The distribution of the state the event was filtered from, before it was seen (live array). */
        double[] prior();

        /** The predicted distribution of the next state (may be computed on call). */
        double[] predicted();

        /** The most probable state after the event (may be computed on call). */
        int state();

        /** &minus;ln p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>), nats. */
        double surprise();

        /** The running log-likelihood, nats. */
        double logLikelihood();

        /** The observation before this event (the AR(1) emissions' condition). */
        double previousBefore();

        /** The emission model in force at the event. */
        Emission emission();

        /** Whether the event had probability 0 under every state. */
        boolean impossible();

        /** The regime change the event confirmed, or null (always null without a detector). */
        RegimeChange regimeChange();

        /** The current regime, &minus;1 before the first (always &minus;1 without a detector). */
        int regime();
    }

    private final Source source;

    HmmStep(Source source) {
        this.source = source;
    }

    /** 0-based index of this event among those admitted. */
    public long index() {
        return source.index();
    }

    /** This event's time (ms). */
    public long time() {
        return source.time();
    }

    /** Number of states K. */
    public int states() {
        return source.posterior().length;
    }

    /** P(s<sub>t</sub> = state | x<sub>1..t</sub>). */
    public double posterior(int state) {
        return source.posterior()[state];
    }

    /** A copy of the posterior, in the model's state order. */
    public double[] posterior() {
        return source.posterior().clone();
    }

    /** The most probable state (lowest index on ties; computed on call, O(K), for online EM). */
    public int state() {
        return source.state();
    }

    /** Its posterior probability. */
    public double stateProbability() {
        return source.posterior()[source.state()];
    }

    /** Entropy of the posterior, &minus;&Sigma; p ln p, nats, in [0, ln K]. O(K), computed on call. */
    public double posteriorEntropy() {
        return entropy(source.posterior());
    }

    /** P(s<sub>t+1</sub> = state | x<sub>1..t</sub>), the predicted distribution of the next state. */
    public double predicted(int state) {
        return source.predicted()[state];
    }

    /** A copy of the predicted next-state distribution (computed on call, O(K&sup2;), for online EM). */
    public double[] predicted() {
        return source.predicted().clone();
    }

    /**
     * ln p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>): a log probability (categorical) or log density
     * (Gaussian families); &minus;&infin; for an impossible event.
     */
    public double logPredictive() {
        return -source.surprise();
    }

    /** p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>), probability or density (may exceed 1 for densities). */
    public double predictive() {
        return Math.exp(-source.surprise());
    }

    /** &minus;ln p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>), nats; +&infin; for an impossible event. */
    public double surprise() {
        return source.surprise();
    }

    /** Running log-likelihood &Sigma;<sub>s&le;t</sub> ln p(x<sub>s</sub> | x<sub>1..s&minus;1</sub>), nats (impossible events excluded). */
    public double logLikelihood() {
        return source.logLikelihood();
    }

    /**
     * The expected surprise of this event before it was seen: the entropy (nats; differential for
     * Gaussian families) of the predictive distribution &Sigma;<sub>j</sub> prior<sub>t</sub>(j)
     * p<sub>j</sub>(&middot; | x<sub>t&minus;1</sub>). Computed on call, see
     * {@link Emission#predictiveEntropy}.
     */
    public double predictiveEntropy() {
        return source.emission().predictiveEntropy(source.prior(), source.previousBefore());
    }

    /** {@link #surprise()} minus {@link #predictiveEntropy()}: around 0 on average when the model fits. */
    public double excessSurprise() {
        return surprise() - predictiveEntropy();
    }

    /** Whether this event had probability 0 under every possible state (the filter restarted from the prior). */
    public boolean impossible() {
        return source.impossible();
    }

    /** The regime change this event confirmed, or null (always null for online EM, which detects none). */
    public RegimeChange regimeChange() {
        return source.regimeChange();
    }

    /** The current regime (&minus;1 before the first is established; always &minus;1 for online EM). */
    public int regime() {
        return source.regime();
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
