package io.entroflow.topology.stream;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A store that lets its one writer keep some values back until the store needs them: before the
 * store writes its pending entries through (to its inner store and changelog: at a commit, or when a
 * read needs them) it runs the writer's flush, which puts what was held back. A store that never
 * writes through (the offline runner's in-memory store) never runs it. The writer still puts a
 * key's held-back values itself before it reads that key's records back and before it drops the
 * key from memory.
 *
 * <p>{@link KeyJournal} uses it for the current chunk of each key, re-encoded once per flush instead
 * of once per event, and {@link SignalProcessor} for each key's times ({@link HeldBackWrites}). Confined to the store's stream thread, like the store.
 */
public interface DeferredWrites {
    /** Sets the action that puts the writer's held-back values (replacing the previous one; null: none). */
    void beforeWriteThrough(Runnable flush);

    /** The store's {@link DeferredWrites}, looking through Kafka Streams' wrappers; null if it has none. */
    static DeferredWrites of(StateStore store) {
        StateStore s = store;
        while (!(s instanceof DeferredWrites)) {
            if (!(s instanceof WrappedStateStore<?, ?, ?> w)) {
                return null;
            }
            s = w.wrapped();
        }
        return (DeferredWrites) s;
    }
}
