package io.entroflow.app.metrics;

import java.util.List;

/**
 * Latency quantiles over a {@link LatencyRecorder}'s window, in seconds; an immutable value.
 * All fields are 0 when the window recorded nothing ({@code count} 0).
 *
 * @param count  values recorded in the window
 * @param p50    median
 * @param p99    99th percentile
 * @param p999   99.9th percentile
 * @param max    largest value
 */
public record LatencySnapshot(long count, double p50, double p99, double p999, double max) {
    /** The snapshot of an empty window. */
    public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0, 0, 0, 0);

    /** The quantiles a snapshot holds. */
    public static final List<Double> QUANTILES = List.of(0.5, 0.99, 0.999);

    /** The value at one of {@link #QUANTILES}. */
    public double quantile(double q) {
        if (q == 0.5) {
            return p50;
        } else if (q == 0.99) {
            return p99;
        } else if (q == 0.999) {
            return p999;
        }
        throw new IllegalArgumentException("quantile: must be one of 0.5, 0.99, 0.999, got " + q);
    }
}
