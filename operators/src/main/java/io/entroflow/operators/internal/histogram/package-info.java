/**
 * Weighted histograms that keep the running sums entropy measures are computed from, exact and
 * O(1) per change: {@link io.entroflow.operators.internal.histogram.DenseHistogram} for dense symbol ids,
 * {@link io.entroflow.operators.internal.histogram.SparseHistogram} for packed joint codes (one
 * abstract {@link io.entroflow.operators.internal.histogram.Histogram} with its power-sum and
 * maximum parts, thin storage variants), plain count tables
 * ({@link io.entroflow.operators.internal.histogram.CountHistogram}) for count and all-history (cumulative)
 * windows, and the exact
 * fixed-point sums and term tables under them. Not API: no class outside the operators module may
 * use it.
 */
package io.entroflow.operators.internal.histogram;
