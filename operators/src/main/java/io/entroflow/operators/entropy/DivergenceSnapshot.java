package io.entroflow.operators.entropy;

/**
 * An immutable view of a {@link DivergenceOperator}'s window.
 *
 * @param divergence  {@code kl} or {@code js}
 * @param value       the divergence of the window from the reference (+&infin; for an uncovered KL)
 * @param unit        {@code bits} or {@code nats}
 * @param events      events in the window
 * @param windowStart window lower bound in event time (ms)
 * @param windowEnd   stream time (ms)
 */
public record DivergenceSnapshot(String divergence, double value, String unit, long events,
                                 long windowStart, long windowEnd) {
}
