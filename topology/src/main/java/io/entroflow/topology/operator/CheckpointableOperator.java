package io.entroflow.topology.operator;

import io.entroflow.operators.state.Checkpointable;

import io.entroflow.operators.window.Window;

import java.util.function.Supplier;

/**
 * A {@link StreamingOperator} whose window is not a bounded set of recent events (a decay or
 * cumulative window, or the recursive HMM filter), so it cannot be rebuilt by replaying a journal of
 * its window. Instead the topology persists its exact state now and then and replays only the events
 * since: {@code restore(checkpoint())} into a fresh instance, followed by the same events, must give
 * bit-identical local values and results.
 */
public interface CheckpointableOperator extends StreamingOperator, Checkpointable {
    /** A streaming adapter's update: one event's inputs in, its local value out. */
    @FunctionalInterface
    interface Update {
        double update(long timeMillis, long[] inputs);
    }

    /**
     * An adapter of a library operator whose state is {@code state}: updates through {@code update},
     * results from {@code result}, checkpoints and restores through {@code state}.
     */
    static CheckpointableOperator of(Checkpointable state, Update update, Supplier<OperatorResult> result) {
        return new CheckpointableOperator() {
            @Override
            public double update(long timeMillis, long[] inputs) {
                return update.update(timeMillis, inputs);
            }

            @Override
            public OperatorResult result() {
                return result.get();
            }

            @Override
            public byte[] checkpoint() {
                return state.checkpoint();
            }

            @Override
            public void restore(byte[] bytes) {
                state.restore(bytes);
            }
        };
    }

    /**
     * Whether an operator over {@code window} must be checkpointed: decay and cumulative windows,
     * whose state depends on all history. Count and time windows are rebuilt from their events.
     */
    static boolean requiredFor(Window window) {
        return window instanceof Window.Decay || window instanceof Window.Cumulative;
    }

}
