/**
 * Ordinal-pattern measures of numeric signals: permutation entropy (plain and weighted), the
 * Jensen-Shannon statistical complexity and the complexity-entropy plane with its bounding
 * curves and regular / complex / stochastic regions, and forbidden patterns.
 *
 * <p>Entry points: {@link io.entroflow.operators.ordinal.PermutationEntropyOperator},
 * {@link io.entroflow.operators.ordinal.StatisticalComplexityOperator} (both configured by an
 * {@link io.entroflow.operators.ordinal.OrdinalConfig}), the batch math in
 * {@link io.entroflow.operators.ordinal.ComplexityEntropyPlane}, and
 * {@link io.entroflow.operators.ordinal.OrdinalPatternLabels} for printing patterns.
 */
package io.entroflow.operators.ordinal;
