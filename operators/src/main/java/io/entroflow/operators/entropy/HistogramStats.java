package io.entroflow.operators.entropy;

import io.entroflow.operators.internal.histogram.Histogram;

/**
 * Sufficient statistics of a weighted histogram: everything the entropy family needs, in O(1)
 * space. Weights are event counts in count, time and cumulative windows, and decayed weights in
 * exponential windows (all scaled by one common factor, which no scale-invariant measure sees).
 *
 * @param totalWeight  W = &Sigma; w<sub>s</sub>
 * @param support      number of symbols with w<sub>s</sub> &gt; 0
 * @param sumWLnW      &Sigma; w<sub>s</sub> ln w<sub>s</sub>
 * @param maxWeight    max<sub>s</sub> w<sub>s</sub>, or NaN when the histogram does not track it
 * @param powerSum     &Sigma; w<sub>s</sub><sup>e</sup> for the histogram's power exponent e, or NaN
 * @param powerExponent e, or NaN when no power sum is tracked
 */
public record HistogramStats(double totalWeight, int support, double sumWLnW, double maxWeight,
                             double powerSum, double powerExponent) {

    /** Empty statistics for a histogram with the given power exponent. */
    public static HistogramStats empty(double powerExponent) {
        return new HistogramStats(0, 0, 0, 0, Double.isNaN(powerExponent) ? Double.NaN : 0, powerExponent);
    }

    /** True when no weight has been observed. */
    public boolean isEmpty() {
        return totalWeight <= 0;
    }

    /** Shannon entropy in nats: ln W &minus; (&Sigma; w ln w)/W; 0 for an empty histogram. */
    public double shannonNats() {
        if (totalWeight <= 0) {
            return 0.0;
        }
        double h = Histogram.ln(totalWeight) - sumWLnW / totalWeight;
        return h < 0 ? 0.0 : h; // rounding can leave -1e-16 on a single-symbol window
    }
}
