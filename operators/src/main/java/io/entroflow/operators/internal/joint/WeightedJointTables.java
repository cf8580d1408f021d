package io.entroflow.operators.internal.joint;

import io.entroflow.operators.internal.histogram.DenseHistogram;
import io.entroflow.operators.internal.histogram.Histogram;
import io.entroflow.operators.internal.histogram.SparseHistogram;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/**
 * {@link JointTables} of any positive weights: one {@link Histogram} of doubles per table. A
 * projection onto a contiguous run of at most {@link #MAX_DENSE_BITS} bits is kept in a
 * {@link DenseHistogram} indexed by the shifted bits (no hashing), others in a {@link SparseHistogram}.
 */
final class WeightedJointTables extends JointTables {
    /** Widest contiguous projection stored densely (2^12 keys, 32 KiB); wider ones are hashed. */
    static final int MAX_DENSE_BITS = 12;

    private final Histogram[] tables;       // null where the mask is 0
    private final Histogram anyTable;       // a non-null table for W, or null
    private double totalWeight;
    private final double[] lastAddedWeights; // each table's weight of the code last added ...
    private long lastAdded;                    // ... valid while this is that code
    private boolean lastAddedValid;            // and no change came after it

    WeightedJointTables(long[] masks) {
        super(masks);
        this.tables = new Histogram[masks.length];
        Histogram any = null;
        for (int i = 0; i < masks.length; i++) {
            long m = masks[i];
            if (m != 0) {
                int bits = contiguousBits(m);
                if (bits >= 0 && bits <= MAX_DENSE_BITS) {
                    shifts[i] = Long.numberOfTrailingZeros(m);
                    tables[i] = new DenseHistogram(1 << bits, Double.NaN, false);
                } else {
                    tables[i] = new SparseHistogram(Double.NaN, false);
                }
                any = any == null ? tables[i] : any;
            }
        }
        this.anyTable = any;
        this.lastAddedWeights = new double[masks.length];
    }

    @Override
    double sumWLnW(int i) {
        return tables[i] == null ? xLnX(totalWeight) : tables[i].sumWLnW();
    }

    @Override
    public void add(long code, double weight) {
        for (int i = 0; i < tables.length; i++) {
            if (tables[i] != null) {
                lastAddedWeights[i] = tables[i].add((code & masks[i]) >>> shifts[i], weight);
            }
        }
        totalWeight = anyTable == null ? totalWeight + weight : anyTable.totalWeight();
        lastAdded = code;
        lastAddedValid = true;
    }

    @Override
    public void remove(long code, double weight) {
        lastAddedValid = false;
        for (int i = 0; i < tables.length; i++) {
            if (tables[i] != null) {
                tables[i].remove((code & masks[i]) >>> shifts[i], weight);
            }
        }
        totalWeight = anyTable == null ? Math.max(0, totalWeight - weight) : anyTable.totalWeight();
    }

    @Override
    public void replace(long leaving, long entering, double weight) {
        for (int i = 0; i < tables.length; i++) {
            Histogram t = tables[i];
            if (t == null) {
                continue;
            }
            long out = (leaving & masks[i]) >>> shifts[i];
            long in = (entering & masks[i]) >>> shifts[i];
            if (out == in) {
                lastAddedWeights[i] = t.weight(in);
            } else {
                t.remove(out, weight);
                lastAddedWeights[i] = t.add(in, weight);
            }
        }
        totalWeight = anyTable == null ? totalWeight : anyTable.totalWeight();
        lastAdded = entering;
        lastAddedValid = true;
    }

    @Override
    public void rescale(double factor) {
        lastAddedValid = false;
        for (Histogram t : tables) {
            if (t != null) {
                t.rescale(factor);
            }
        }
        totalWeight = anyTable == null ? totalWeight * factor : anyTable.totalWeight();
    }

    @Override
    public void clear() {
        lastAddedValid = false;
        for (Histogram t : tables) {
            if (t != null) {
                t.clear();
            }
        }
        totalWeight = 0;
    }

    @Override
    public void writeState(StateWriter out) {
        out.putInt(tables.length).putDouble(totalWeight);
        for (Histogram t : tables) {
            if (t != null) {
                t.writeState(out);
            }
        }
    }

    @Override
    public void readState(StateReader in) {
        readStateAfterTableCount(in.getInt(), in);
    }

    /** {@link #readState} once its first int, the table count {@code n}, has been read. */
    void readStateAfterTableCount(int n, StateReader in) {
        if (n != tables.length) {
            throw new IllegalArgumentException("state: " + n + " joint tables restored into " + tables.length);
        }
        lastAddedValid = false;
        totalWeight = in.getDouble();
        for (Histogram t : tables) {
            if (t != null) {
                t.readState(in);
            }
        }
    }

    /** Table {@code i}'s histogram, null for a mask-0 table. */
    Histogram histogram(int i) {
        return tables[i];
    }

    @Override
    public double totalWeight() {
        return totalWeight;
    }

    @Override
    public double weight(int i, long code) {
        if (tables[i] == null) {
            return totalWeight;
        }
        return lastAddedValid && code == lastAdded ? lastAddedWeights[i] : tables[i].weight((code & masks[i]) >>> shifts[i]); // skip the probe right after add
    }

    @Override
    public int support(int i) {
        return tables[i] == null ? (totalWeight > 0 ? 1 : 0) : tables[i].support();
    }
}
