package io.entroflow.bench;

import io.entroflow.operators.entropy.EntropyMeasure;

import java.util.Arrays;

/**
 * The baseline: a ring of the last N symbols and, per query, the entropy recomputed from scratch
 * (count the window, then sum over the alphabet): O(N + alphabet) per event.
 */
final class BatchEntropyWindow {
    private final int[] ring;
    private final int[] counts;
    private final EntropyMeasure measure;
    private int next;
    private int size;

    BatchEntropyWindow(int window, int alphabet, EntropyMeasure measure) {
        this.ring = new int[window];
        this.counts = new int[alphabet];
        this.measure = measure;
    }

    void add(int symbol) {
        ring[next] = symbol;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    double recompute() {
        Arrays.fill(counts, 0);
        for (int i = 0; i < size; i++) {
            counts[ring[i]]++;
        }
        double n = size;
        double alpha = measure instanceof EntropyMeasure.Renyi r ? r.alpha() : 1.0;
        double sum = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / n;
                sum += alpha == 1.0 ? -p * Math.log(p) : Math.pow(p, alpha);
            }
        }
        double nats = alpha == 1.0 ? sum : Math.log(sum) / (1 - alpha);
        return nats / Math.log(2);
    }
}
