/**
 * Significance of plug-in information estimates against the null of no dependence:
 * {@link io.entroflow.operators.significance.ChiSquareTest} (analytic, the chi-square
 * approximation of 2&middot;N&middot;I<sub>nats</sub>) and
 * {@link io.entroflow.operators.significance.SurrogateTest} (seeded source-shuffled or
 * block-shuffled surrogates, whose mean is the estimator's bias under the null).
 */
package io.entroflow.operators.significance;
