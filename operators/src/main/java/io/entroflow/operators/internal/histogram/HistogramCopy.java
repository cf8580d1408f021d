package io.entroflow.operators.internal.histogram;

/**
 * An immutable copy of a histogram's keys and weights, in no particular order.
 * Arrays are owned by the copy; do not modify them.
 *
 * @param keys    keys with positive weight
 * @param weights their weights, index for index
 */
public record HistogramCopy(long[] keys, double[] weights) {

    /** Number of keys. */
    public int size() {
        return keys.length;
    }

    /** Sum of the weights. */
    public double totalWeight() {
        double t = 0;
        for (double w : weights) {
            t += w;
        }
        return t;
    }
}
