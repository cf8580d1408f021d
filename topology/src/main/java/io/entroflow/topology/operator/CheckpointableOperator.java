package io.entroflow.topology.operator;

import io.entroflow.operators.window.Window;

/**
 * A {@link StreamingOperator} whose window is not a bounded set of recent events (a decay or
 * cumulative window, or the recursive HMM filter), so it cannot be rebuilt by replaying a journal of
 * its window. Instead the topology persists its exact state now and then and replays only the events
 * since: {@code restore(checkpoint())} into a fresh instance, followed by the same events, must give
 * bit-identical local values and results.
 */
public interface CheckpointableOperator extends StreamingOperator {
    /**
     * Whether an operator over {@code window} must be checkpointed: decay and cumulative windows,
     * whose state depends on all history. Count and time windows are rebuilt from their events.
     */
    static boolean requiredFor(Window window) {
        return window instanceof Window.Decay || window instanceof Window.Cumulative;
    }

    /** The exact state after every event so far. O(state). */
    byte[] checkpoint();

    /**
     * Replaces this (fresh) operator's state with a {@link #checkpoint} of an operator of the same spec.
     *
     * @throws IllegalArgumentException for a state of another configuration or a corrupt state
     */
    void restore(byte[] state);
}
