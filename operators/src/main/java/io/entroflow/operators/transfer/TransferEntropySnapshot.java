package io.entroflow.operators.transfer;

/**
 * An immutable, consistent view of a transfer-entropy operator's window, safe to hand to any thread.
 *
 * @param value            TE (conditional TE) over the window, &ge; 0, in {@code unit}
 * @param unit             {@code bits} or {@code nats}
 * @param samples          samples in the window (events after the history warm-up)
 * @param effectiveSamples N of the analytic test: total weight over unit weight (= samples except for decay windows)
 * @param degreesOfFreedom df of the chi-square null (declared alphabets)
 * @param pValue           analytic p-value P(&chi;&sup2;<sub>df</sub> &ge; 2&middot;N&middot;TE<sub>nats</sub>)
 * @param windowStart      event time of the window's lower bound (ms), {@link Long#MIN_VALUE} when empty
 * @param windowEnd        stream time (ms), {@link Long#MIN_VALUE} when empty
 * @param eventsSeen       events accepted since creation (including the warm-up)
 */
public record TransferEntropySnapshot(double value, String unit, long samples, double effectiveSamples,
                                      double degreesOfFreedom, double pValue, long windowStart, long windowEnd,
                                      long eventsSeen) {
}
