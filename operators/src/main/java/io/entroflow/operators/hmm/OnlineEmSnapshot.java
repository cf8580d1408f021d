package io.entroflow.operators.hmm;

/**
 * An immutable, consistent view of an {@link OnlineEmHmm}, safe to hand to any thread. Log values
 * in nats.
 *
 * @param events           events passed through the recursion (warm-up events count once replayed)
 * @param time             event time of the last event passed through the recursion (ms), 0 before
 * @param warmUpBuffered   events buffered for the warm-up (equal to the warm-up length once it is over)
 * @param posterior        filtered posterior over states after the last event (a private copy); all NaN during the warm-up
 * @param state            most probable state, &minus;1 during the warm-up
 * @param stateProbability its posterior probability, NaN during the warm-up
 * @param posteriorEntropy entropy of the posterior, nats, NaN during the warm-up
 * @param logLikelihood    prequential log-likelihood &Sigma; ln p(x<sub>t</sub> | past), each term with the parameters of its time
 * @param lastSurprise     the last event's surprise under the parameters before it, NaN during the warm-up
 * @param impossibleEvents events with probability 0 under every state (excluded from the likelihood)
 * @param model            the current parameters, null during the warm-up
 */
public record OnlineEmSnapshot(long events, long time, int warmUpBuffered, double[] posterior, int state,
                               double stateProbability, double posteriorEntropy, double logLikelihood,
                               double lastSurprise, long impossibleEvents, HmmModel model) {
    public OnlineEmSnapshot {
        posterior = posterior.clone();
    }

    @Override
    public double[] posterior() {
        return posterior.clone();
    }

    /** Whether the warm-up is over and {@link #model()} exists. */
    public boolean ready() {
        return model != null;
    }
}
