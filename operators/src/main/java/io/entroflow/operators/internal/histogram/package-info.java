/**
 * Weighted histograms that keep the running sums entropy measures are computed from, exact and
 * O(1) per change: {@link io.entroflow.operators.internal.histogram.DenseHistogram} for dense symbol ids,
 * {@link io.entroflow.operators.internal.histogram.SparseHistogram} for packed joint codes.
 */
package io.entroflow.operators.internal.histogram;
