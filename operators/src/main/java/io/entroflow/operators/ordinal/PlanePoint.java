package io.entroflow.operators.ordinal;

/**
 * A point of the complexity-entropy plane.
 *
 * @param entropy    normalised permutation entropy H<sub>S</sub>, 0 .. 1
 * @param complexity Jensen-Shannon statistical complexity C<sub>JS</sub>, 0 .. about 0.5
 */
public record PlanePoint(double entropy, double complexity) {
}
