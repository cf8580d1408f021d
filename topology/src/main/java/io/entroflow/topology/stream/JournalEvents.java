package io.entroflow.topology.stream;

import io.entroflow.topology.operator.StreamingOperator;
import io.entroflow.topology.plan.PlannedOperator;

import java.util.Arrays;

/**
 * A key's journalled events decoded once, in arrival order: per event its time (ms) and one input per
 * signal of the operator, as {@link Journal#decodeEntries} gives them chunk by chunk. A key whose time
 * window is emitted needs its events twice or more (where the window changes, {@link #times}; what it
 * holds at each boundary emitted, {@link #replay}); read once, they cost one range scan of the key's
 * chunks instead of one per use (a rebuilt key's three: its rebuild, its times, its contents).
 *
 * <p>{@link #replay} feeds a fresh operator the events in arrival order, as a rebuild from the store
 * does (the interactive queries' replay reads the store into one of these), so the results are
 * bit-identical. Holds the events as of its reading: valid
 * until the key's next event is journalled. Memory: (1 + signals) longs per journalled event. Filled
 * by {@link #add}, chunk by chunk, then only read; one thread.
 */
final class JournalEvents {
    /** Longs per event: the time, then one per input signal. */
    private final int stride;
    private long[] entries;
    /** Longs used in {@link #entries}. */
    private int length;

    /** @param stride longs per event (1 + the operator's input signals), &ge; 1 */
    JournalEvents(int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1: " + stride);
        }
        this.stride = stride;
        this.entries = new long[0];
    }

    /** Appends a chunk's decoded entries ({@link Journal#decodeEntries}: {@code stride} longs per event). */
    void add(long[] chunkEntries) {
        int n = chunkEntries.length - chunkEntries.length % stride;
        if (length + n > entries.length) {
            entries = Arrays.copyOf(entries, Math.max(length + n, 2 * entries.length));
        }
        System.arraycopy(chunkEntries, 0, entries, length, n);
        length += n;
    }

    /** The number of events. */
    int size() {
        return length / stride;
    }

    /** The events' times in arrival order. O(n). */
    long[] times() {
        long[] times = new long[size()];
        for (int i = 0, p = 0; p < length; i++, p += stride) {
            times[i] = entries[p];
        }
        return times;
    }

    /**
     * A fresh operator of {@code op} fed, in arrival order, with the events whose time is in
     * ({@code after}, {@code before}). O(n) plus the operator's updates.
     */
    StreamingOperator replay(PlannedOperator op, long after, long before) {
        StreamingOperator fresh = op.newOperator();
        long[] inputs = new long[stride - 1];
        for (int p = 0; p < length; p += stride) {
            if (entries[p] > after && entries[p] < before) {
                System.arraycopy(entries, p + 1, inputs, 0, inputs.length);
                fresh.update(entries[p], inputs);
            }
        }
        return fresh;
    }
}
