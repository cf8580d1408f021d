package io.entroflow.operators.conformal;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Arrays;

/** A growable list of longs (rejection times and companion counts), written and read exactly. */
final class RejectionTimes {
    private long[] values = new long[16];
    private int size;

    int size() {
        return size;
    }

    long get(int i) {
        return values[i];
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        values[size++] = v;
    }

    /** Removes the first {@code n} values (the oldest). O(size). */
    void dropFirst(int n) {
        System.arraycopy(values, n, values, 0, size - n);
        size -= n;
    }

    void write(StateWriter out) {
        out.putLongs(Arrays.copyOf(values, size));
    }

    void read(StateReader in) {
        long[] v = in.getLongs();
        values = Arrays.copyOf(v, Math.max(16, v.length));
        size = v.length;
    }
}
