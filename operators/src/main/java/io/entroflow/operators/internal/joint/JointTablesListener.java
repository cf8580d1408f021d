package io.entroflow.operators.internal.joint;

import io.entroflow.operators.internal.window.WindowListener;

/**
 * Feeds a window's changes into {@link JointTables}, pairing an eviction with the entry that
 * follows it so that tables in which both project to the same key are not touched
 * ({@link JointTables#replace}). An eviction not followed by an entry is applied by
 * {@link #flush()}, which the operator calls after each {@code offer}; the resulting state is
 * exactly that of applying every change on its own.
 *
 * <p>Single-writer, not thread-safe (runs inside the operator's seqlock write section).
 */
public final class JointTablesListener implements WindowListener {
    private final JointTables tables;
    private boolean hasPending;  // an evicted code not applied yet
    private long pending;
    private double pendingWeight;

    public JointTablesListener(JointTables tables) {
        this.tables = tables;
    }

    @Override
    public void enter(long payload, double weight) {
        if (hasPending && pendingWeight == weight) {
            hasPending = false;
            long leaving = pending;
            tables.replace(leaving, payload, weight);
        } else {
            flush();
            tables.add(payload, weight);
        }
    }

    @Override
    public void leave(long payload, double weight) {
        flush();
        hasPending = true;
        pending = payload;
        pendingWeight = weight;
    }

    @Override
    public void rescale(double factor) {
        flush();
        tables.rescale(factor);
    }

    /** Applies an eviction still waiting for its pair. */
    public void flush() {
        if (hasPending) {
            hasPending = false;
            tables.remove(pending, pendingWeight);
        }
    }
}
