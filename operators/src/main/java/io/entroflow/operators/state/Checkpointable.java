package io.entroflow.operators.state;

/**
 * An operator whose exact state can be written and read back: {@code restore(checkpoint())} into a
 * fresh instance of the same configuration, followed by the same events, gives bit-identical local
 * values and snapshots. Offered where the window is not a bounded set of recent events (decay and
 * cumulative windows, the recursive HMM filter). Writer thread only.
 */
public interface Checkpointable {
    /** The exact state after every event so far. O(state). */
    byte[] checkpoint();

    /**
     * Replaces this (fresh) instance's state with a {@link #checkpoint} of one of the same configuration.
     *
     * @throws IllegalArgumentException for a state of another configuration or a corrupt state
     */
    void restore(byte[] state);
}
