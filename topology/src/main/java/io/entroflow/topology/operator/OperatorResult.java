package io.entroflow.topology.operator;

/**
 * An operator's result at one instant.
 *
 * @param value       the measure over the window
 * @param unit        {@code bits}, {@code nats} or another label
 * @param windowStart earliest event time in the window, epoch millis
 * @param windowEnd   latest event time seen, epoch millis
 * @param events      events in the window
 * @param pValue      significance where the operator computes one, else null
 * @param regime      current regime for regime-tracking operators (HMM), else null
 */
public record OperatorResult(double value, String unit, long windowStart, long windowEnd, long events,
                             Double pValue, Integer regime) {
}
