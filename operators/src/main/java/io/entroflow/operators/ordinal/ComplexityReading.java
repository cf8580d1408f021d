package io.entroflow.operators.ordinal;

/**
 * The part of a {@link ComplexitySnapshot} a stream's aggregate carries, read without the plane's
 * bounds ({@link StatisticalComplexityOperator#reading}); each component has the snapshot's bits.
 *
 * @param complexity  Jensen-Shannon statistical complexity C; NaN before the first pattern
 * @param patterns    patterns in the window (all patterns seen, for decay and cumulative windows)
 * @param windowStart event time of the window's lower bound (ms)
 * @param windowEnd   stream time (ms)
 */
public record ComplexityReading(double complexity, long patterns, long windowStart, long windowEnd) {
}
