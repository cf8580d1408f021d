package io.entroflow.operators.hmm;

/**
 * An immutable, consistent view of an {@link HmmFilter}, safe to hand to any thread. Log values
 * in nats.
 *
 * @param events           events admitted
 * @param time             event time of the last event (ms), 0 before the first
 * @param posterior        posterior over states after the last event (a private copy)
 * @param state            most probable state, &minus;1 before the first event
 * @param stateProbability its posterior probability
 * @param posteriorEntropy entropy of the posterior, nats
 * @param predicted        predicted distribution of the next state (a private copy)
 * @param logLikelihood    running log-likelihood, nats
 * @param lastSurprise     the last event's surprise, nats (NaN before the first)
 * @param impossibleEvents events with probability 0 under every state (excluded from the likelihood)
 * @param regime           current confirmed regime, &minus;1 before the first
 * @param regimeChanges    confirmed regime changes
 */
public record HmmSnapshot(long events, long time, double[] posterior, int state, double stateProbability,
                          double posteriorEntropy, double[] predicted, double logLikelihood, double lastSurprise,
                          long impossibleEvents, int regime, long regimeChanges) {
    public HmmSnapshot {
        posterior = posterior.clone();
        predicted = predicted.clone();
    }

    @Override
    public double[] posterior() {
        return posterior.clone();
    }

    @Override
    public double[] predicted() {
        return predicted.clone();
    }
}
