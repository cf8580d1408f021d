package io.entroflow.operators.ordinal;

/**
 * An immutable, consistent view of a {@link PermutationEntropyOperator}'s window.
 *
 * @param value       normalised permutation entropy H<sub>S</sub> = S/ln(d!), 0 .. 1; NaN before the first pattern
 * @param entropy     the unnormalised S in {@code unit}
 * @param unit        {@code bits} or {@code nats}
 * @param dimension   d
 * @param delay       &tau;
 * @param weighted    whether patterns are weighted by the variance of their embedding vector
 * @param patterns    patterns in the window (all patterns seen, for decay and cumulative windows)
 * @param observed    distinct patterns with positive weight
 * @param windowStart event time of the window's lower bound (ms), {@link Long#MIN_VALUE} when empty
 * @param windowEnd   stream time (ms), {@link Long#MIN_VALUE} when empty
 * @param eventsSeen  patterns admitted since the operator was created
 */
public record PermutationEntropySnapshot(double value, double entropy, String unit, int dimension, int delay,
                                         boolean weighted, long patterns, int observed, long windowStart,
                                         long windowEnd, long eventsSeen) {
}
