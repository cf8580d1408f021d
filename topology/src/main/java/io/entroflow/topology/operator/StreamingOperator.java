package io.entroflow.topology.operator;

/**
 * An operator as the streaming topology drives it: one instance per (key, spec operator),
 * single-threaded (the stream thread owning the key's task).
 *
 * <p>For a count or time window the operator's state must be a function of the events currently in
 * its window only: the topology rebuilds an operator after a restart by replaying its journal (the
 * window's events, in arrival order) into a fresh instance, and the outputs must then be
 * bit-identical. The replay starts at a journal chunk boundary, i.e. a multiple of
 * {@code Journal.CHUNK} (64) events after the key's first event (so it may hold up to 63 events older
 * than the window): an operator may depend on its events' positions modulo 64 (the fixed-lag HMM's
 * block products do). An operator over a decay or cumulative window depends on all history and must be a
 * {@link CheckpointableOperator} instead.
 */
public interface StreamingOperator {
    /**
     * Admits one event and returns its local value (NaN where none applies).
     *
     * @param timeMillis event time
     * @param inputs     one value per declared signal, in the spec's order: a symbol id for a symbolic
     *                   signal, {@link Double#doubleToRawLongBits} of the number for a raw numeric one
     */
    double update(long timeMillis, long[] inputs);

    /** The operator's current result over its window. */
    OperatorResult result();

    /**
     * The posterior over hidden states after the last event, for regime-tracking operators (HMM),
     * else null (the default). A fresh array the caller may keep; probabilities summing to 1.
     */
    default double[] posterior() {
        return null;
    }
}
