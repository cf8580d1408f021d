package io.entroflow.operators.markov;

/**
 * An immutable, consistent view of a {@link HistoryInformationOperator}'s window.
 *
 * @param entropyRate        H(X<sub>t+1</sub> | X<sub>t</sub><sup>(k)</sup>) in {@code unit}
 * @param activeInformation  I(X<sub>t+1</sub> ; X<sub>t</sub><sup>(k)</sup>) in {@code unit}
 * @param unit               {@code bits} or {@code nats}
 * @param samples            samples in the window (events after the first k)
 * @param effectiveSamples   total weight over unit weight
 * @param windowStart        event time of the window's lower bound (ms)
 * @param windowEnd          stream time (ms)
 */
public record HistoryInformationSnapshot(double entropyRate, double activeInformation, String unit, long samples,
                                         double effectiveSamples, long windowStart, long windowEnd) {
}
