package io.entroflow.topology.stream;

import io.entroflow.topology.operator.CheckpointableOperator;
import io.entroflow.topology.operator.StreamingOperator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Persistence of an operator over a decay or cumulative window (a {@link CheckpointableOperator}),
 * whose state depends on all history and so cannot be rebuilt from a bounded journal: checkpoint
 * + journal tail.
 *
 * <p>Before the first event of each journal chunk (sequence a multiple of {@link Journal#CHUNK},
 * except 0) the operator's exact state after all earlier events is put under
 * {@link Journal#checkpointKey}; the journal keeps only the current chunk (older chunks are deleted
 * in the same processing step, so the changelog never holds one without the other). A rebuild is
 * {@link #restore} (if a checkpoint exists) followed by the replay of the current chunk: at most
 * {@code CHUNK - 1} events. Cost: O(state) per {@code CHUNK} events, i.e. O(1) amortised per event
 * for the small states of the entropy family and the HMM filter (one histogram of the alphabet, or K
 * probabilities); with the write-back cache the puts of one commit collapse as the chunk puts do. Under
 * {@code exactly_once_v2} the checkpoint, the chunk and the input offsets commit atomically, so a
 * crash restores a state bit-identical to an uninterrupted run (the operators' checkpoints are exact,
 * see {@link io.entroflow.operators.state}).
 */
final class OperatorCheckpoints {
    private OperatorCheckpoints() {
    }

    /**
     * Before admitting the event with sequence {@code seq}: at a chunk boundary, the state so far (put
     * by {@link #put} once the event has been admitted, so an operator that throws on the event leaves
     * the store as it was), else null.
     */
    static byte[] beforeEvent(long seq, StreamingOperator operator) {
        return seq > 0 && seq % Journal.CHUNK == 0 ? checkpointable(operator).checkpoint() : null;
    }

    /** Puts {@link #beforeEvent}'s checkpoint, if there is one. */
    static void put(KeyValueStore<String, byte[]> store, String key, byte[] checkpoint) {
        if (checkpoint != null) {
            store.put(Journal.checkpointKey(key), checkpoint);
        }
    }

    /** Restores the key's last checkpoint into a fresh {@code operator}, if there is one. */
    static void restore(ReadOnlyKeyValueStore<String, byte[]> store, String key, StreamingOperator operator) {
        byte[] state = store.get(Journal.checkpointKey(key));
        if (state != null) {
            checkpointable(operator).restore(state);
        }
    }

    private static CheckpointableOperator checkpointable(StreamingOperator operator) {
        if (operator instanceof CheckpointableOperator c) {
            return c;
        }
        throw new IllegalStateException("checkpoint: operator " + operator.getClass().getName()
                + " runs over a decay or cumulative window but cannot export its state");
    }
}
