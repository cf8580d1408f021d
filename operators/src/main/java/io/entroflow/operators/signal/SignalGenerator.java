package io.entroflow.operators.signal;

import java.util.List;

/**
 * A seeded, deterministic source of samples with a known information structure: the same
 * parameters and seed give the same stream on every run and JVM (randomness comes from
 * {@link java.util.SplittableRandom}, whose algorithm is specified, and Gaussian variates from the
 * polar method on it). Each sample is a row of one or more named columns, e.g. {@code value},
 * or {@code x,y,z}, or {@code x,y,coupled} where a column carries ground truth.
 *
 * <p>Single-threaded: one generator per consumer.
 */
public interface SignalGenerator {
    /** Column names, in the order {@link #next} fills them; the first is the primary signal. */
    List<String> columns();

    /** Fills {@code row} (length &ge; {@code columns().size()}) with the next sample. */
    void next(double[] row);

    /** The next sample's first column. */
    default double nextValue() {
        double[] row = new double[columns().size()];
        next(row);
        return row[0];
    }

    /** The next {@code count} values of the first column. */
    default double[] values(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: expected >= 0, got " + count);
        }
        double[] out = new double[count];
        double[] row = new double[columns().size()];
        for (int i = 0; i < count; i++) {
            next(row);
            out[i] = row[0];
        }
        return out;
    }
}
