package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.RejectedEventException;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Arrays;

/**
 * A {@link Histogram} over the dense keys 0..capacity&minus;1, stored in an array indexed by key.
 * The fastest variant: use it for symbols from a {@link io.entroflow.operators.symbol.SymbolTable}
 * or a symboliser, whose ids are dense by construction. Memory: 8 bytes per key of capacity.
 */
public final class DenseHistogram extends Histogram {
    private final int capacity;
    private double[] weights;
    private int highWater; // one past the largest key ever touched

    /**
     * @param capacity      number of keys, 1 .. 2<sup>28</sup>
     * @param powerExponent see {@link Histogram#Histogram(double, boolean)}
     * @param trackMax      see {@link Histogram#Histogram(double, boolean)}
     */
    public DenseHistogram(int capacity, double powerExponent, boolean trackMax) {
        super(powerExponent, trackMax);
        if (capacity < 1 || capacity > (1 << 28)) {
            throw new IllegalArgumentException("capacity: expected 1..2^28, got " + capacity);
        }
        this.capacity = capacity;
        this.weights = new double[Math.min(capacity, 64)];
    }

    /** Number of keys this histogram accepts. */
    public int capacity() {
        return capacity;
    }

    @Override
    protected int slotOf(long key, boolean create) {
        if (key < 0 || key >= capacity) {
            throw new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                    "symbol: expected 0.." + (capacity - 1) + ", got " + key);
        }
        int k = (int) key;
        if (k >= weights.length) {
            if (!create) {
                return -1;
            }
            weights = Arrays.copyOf(weights, (int) Math.min(capacity, Math.max(k + 1L, 2L * weights.length)));
        }
        if (k >= highWater) {
            highWater = k + 1;
        }
        return k;
    }

    @Override
    protected boolean releasesSlots() {
        return false;
    }

    @Override
    protected void releaseSlot(int slot) {
        // dense slots are permanent
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
        return Math.min(highWater, weights.length);
    }

    @Override
    protected long keyAt(int slot) {
        return slot;
    }

    @Override
    protected void clearStorage() {
        Arrays.fill(weights, 0.0);
        highWater = 0;
    }

    @Override
    protected void writeStorage(StateWriter out) {
        out.putInt(capacity).putInt(weights.length).putInt(highWater);
        for (int k = 0; k < highWater; k++) {
            out.putDouble(weights[k]);
        }
    }

    @Override
    protected void readStorage(StateReader in) {
        int cap = in.getInt();
        int length = in.getInt();
        int high = in.getInt();
        if (cap != capacity || length < high || length > capacity || high < 0) {
            throw new IllegalArgumentException("state: dense histogram of capacity " + cap + " (length " + length
                    + ", high water " + high + ") restored into one of capacity " + capacity);
        }
        weights = new double[length];
        for (int k = 0; k < high; k++) {
            weights[k] = in.getDouble();
        }
        highWater = high;
    }

    @Override
    public DenseHistogram emptyCopy() {
        return new DenseHistogram(capacity, powerExponent(), tracksMax());
    }
}
