package io.entroflow.operators.conformal;

/**
 * Which deviations of a value count as extreme: unusually {@link #LOW} values (an entropy
 * collapse), unusually {@link #HIGH} ones, or both ({@link #TWO_SIDED}). Conformal p-values rank
 * the value in that tail; the change detectors of {@code io.entroflow.operators.detect} watch a
 * downward shift, an upward shift or both.
 */
public enum Side {
    /** Small values are extreme (a downward shift). */
    LOW,
    /** Large values are extreme (an upward shift). */
    HIGH,
    /** Both tails: for p-values, twice the smaller one-sided p-value (see {@link ConformalCalibrator}). */
    TWO_SIDED
}
