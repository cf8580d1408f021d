package io.entroflow.operators.conformal;

import java.util.Arrays;

/**
 * The last {@code capacity} calibration values, kept twice: in arrival order (a ring, for
 * eviction and checkpoints) and sorted (for ranks). A rank query is two binary searches,
 * O(log N); adding a value moves part of the sorted array, O(N) element moves by
 * {@link System#arraycopy} (a few microseconds at N = 10,000). Values are finite; &minus;0.0 is
 * stored as 0.0 so equal values have equal bits and the sorted array is a function of the ring.
 */
final class CalibrationWindow {
    private final double[] ring;
    private final double[] sorted;
    private int next;
    private int size;

    CalibrationWindow(int capacity) {
        ring = new double[capacity];
        sorted = new double[capacity];
    }

    int size() {
        return size;
    }

    boolean full() {
        return size == ring.length;
    }

    /** Adds a value, evicting the oldest when full. */
    void add(double value) {
        double x = value + 0.0; // -0.0 -> 0.0
        if (size == ring.length) {
            double old = ring[next];
            int at = lowerBound(old); // sorted[at] == old: it is present
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
        }
        int pos = upperBound(x);
        System.arraycopy(sorted, pos, sorted, pos + 1, size - pos);
        sorted[pos] = x;
        size++;
        ring[next] = x;
        next = (next + 1) % ring.length;
    }

    /** The number of stored values strictly below x. */
    int countBelow(double x) {
        return lowerBound(x);
    }

    /** The number of stored values strictly above x. */
    int countAbove(double x) {
        return size - upperBound(x);
    }

    /** The stored values, oldest first. */
    double[] oldestFirst() {
        double[] out = new double[size];
        int start = size == ring.length ? next : 0;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return out;
    }

    /** Replaces the contents with {@code values} (oldest first, at most capacity). */
    void reset(double[] values) {
        size = 0;
        next = 0;
        for (double v : values) {
            ring[next++] = v + 0.0;
        }
        size = values.length;
        next %= ring.length;
        System.arraycopy(ring, 0, sorted, 0, size);
        Arrays.sort(sorted, 0, size);
    }

    /** First index whose value is &ge; x. */
    private int lowerBound(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose value is &gt; x. */
    private int upperBound(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
