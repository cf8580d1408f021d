package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Arrays;

/**
 * A {@link Histogram} over arbitrary {@code long} keys (for example joint symbols packed into
 * one code), stored in an open-addressing hash table with linear probing. Keys whose weight
 * drops to zero are removed, so memory follows the current support, not the history.
 *
 * <p>Expected O(1) per change; the table doubles at 50% load.
 */
public final class SparseHistogram extends Histogram {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;     // EMPTY marks a free bucket
    private double[] weights;
    private int used;

    public SparseHistogram(double powerExponent, boolean trackMax) {
        super(powerExponent, trackMax);
        allocate(16);
    }

    @Override
    protected int slotOf(long key, boolean create) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("key: Long.MIN_VALUE is reserved");
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                if (!create) {
                    return -1;
                }
                if (2 * (used + 1) > keys.length) {
                    resize(keys.length * 2);
                    return slotOf(key, true);
                }
                keys[i] = key;
                used++;
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    @Override
    protected void releaseSlot(int slot) {
        // backward-shift deletion keeps probe sequences intact without tombstones
        int mask = keys.length - 1;
        int hole = slot;
        int i = slot;
        while (true) {
            i = (i + 1) & mask;
            long k = keys[i];
            if (k == EMPTY) {
                break;
            }
            int home = mix(k) & mask;
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                keys[hole] = k;
                weights[hole] = weights[i];
                hole = i;
            }
        }
        keys[hole] = EMPTY;
        weights[hole] = 0.0;
        used--;
    }

    @Override
    protected void releaseEmptySlots() {
        rehash(keys.length);
    }

    @Override
    protected double weightAt(int slot) {
        return weights[slot];
    }

    @Override
    protected void setWeightAt(int slot, double weight) {
        weights[slot] = weight;
    }

    @Override
    protected int slotCount() {
        return keys.length;
    }

    @Override
    protected long keyAt(int slot) {
        return keys[slot];
    }

    @Override
    protected void clearStorage() {
        Arrays.fill(keys, EMPTY);
        Arrays.fill(weights, 0.0);
        used = 0;
    }

    /** Writes the table size and every occupied bucket (index, key, weight): the layout, exactly. */
    @Override
    protected void writeStorage(StateWriter out) {
        out.putInt(keys.length).putInt(used);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                out.putInt(i).putLong(keys[i]).putDouble(weights[i]);
            }
        }
    }

    @Override
    protected void readStorage(StateReader in) {
        int size = in.getInt();
        int n = in.getInt();
        if (size < 16 || Integer.bitCount(size) != 1 || n < 0 || 2 * n > size) {
            throw new IllegalArgumentException("state: sparse histogram of " + size + " buckets, " + n + " used");
        }
        allocate(size);
        for (int j = 0; j < n; j++) {
            int i = in.getInt();
            if (i < 0 || i >= size || keys[i] != EMPTY) {
                throw new IllegalArgumentException("state: sparse histogram bucket " + i + " out of range or repeated");
            }
            keys[i] = in.getLong();
            weights[i] = in.getDouble();
        }
        used = n;
    }

    @Override
    public SparseHistogram emptyCopy() {
        return new SparseHistogram(powerExponent(), tracksMax());
    }

    private void allocate(int size) {
        keys = new long[size];
        Arrays.fill(keys, EMPTY);
        weights = new double[size];
        used = 0;
    }

    private void resize(int size) {
        rehash(size);
    }

    /** Re-inserts every key with positive weight into a table of {@code size} buckets. */
    private void rehash(int size) {
        long[] oldKeys = keys;
        double[] oldWeights = weights;
        allocate(size);
        int mask = size - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != EMPTY && oldWeights[s] > 0) {
                int i = mix(oldKeys[s]) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[s];
                weights[i] = oldWeights[s];
                used++;
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
