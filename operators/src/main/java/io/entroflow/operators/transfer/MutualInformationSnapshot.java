package io.entroflow.operators.transfer;

/**
 * An immutable, consistent view of the two-stream measures over a window; every entropy is
 * conditioned on Z when a condition stream is configured (H(X) then means H(X|Z), etc.).
 *
 * @param entropyX                   H(X)
 * @param entropyY                   H(Y)
 * @param jointEntropy               H(X,Y)
 * @param conditionalEntropyXGivenY  H(X|Y) = H(X,Y) &minus; H(Y)
 * @param conditionalEntropyYGivenX  H(Y|X) = H(X,Y) &minus; H(X)
 * @param mutualInformation          I(X;Y) = H(X) + H(Y) &minus; H(X,Y) &ge; 0
 * @param normalizedMutualInformation I / sqrt(H(X)&middot;H(Y)) in [0, 1] (unitless; 0 when either entropy is 0)
 * @param entropicDistance           H(X|Y) + H(Y|X), a metric, 0 iff each stream determines the other
 * @param rajskiDistance             entropic distance / H(X,Y) in [0, 1] (unitless; 0 when H(X,Y) = 0)
 * @param unit                       {@code bits} or {@code nats}, of the entropies, MI and entropic distance
 * @param events                     events in the window
 * @param effectiveSamples           total weight over unit weight (= events except for decay windows)
 * @param degreesOfFreedom           df of the chi-square null of I (declared alphabets)
 * @param pValue                     analytic p-value P(&chi;&sup2;<sub>df</sub> &ge; 2&middot;N&middot;I<sub>nats</sub>)
 * @param windowStart                event time of the window's lower bound (ms)
 * @param windowEnd                  stream time (ms)
 */
public record MutualInformationSnapshot(double entropyX, double entropyY, double jointEntropy,
                                        double conditionalEntropyXGivenY, double conditionalEntropyYGivenX,
                                        double mutualInformation, double normalizedMutualInformation,
                                        double entropicDistance, double rajskiDistance, String unit, long events,
                                        double effectiveSamples, double degreesOfFreedom, double pValue,
                                        long windowStart, long windowEnd) {
}
