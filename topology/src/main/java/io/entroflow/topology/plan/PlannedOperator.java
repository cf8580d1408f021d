package io.entroflow.topology.plan;

import io.entroflow.operators.window.Window;
import io.entroflow.topology.operator.CheckpointableOperator;
import io.entroflow.topology.operator.OperatorContext;
import io.entroflow.topology.operator.OperatorFactory;
import io.entroflow.topology.operator.StreamingOperator;

/**
 * A resolved operator: its factory and context, the indices of its input signals, and its
 * names in the topology.
 *
 * @param index         position among the monitor's operators
 * @param name          operator name
 * @param type          operator type
 * @param signalIndices indices of its input signals among the monitor's signals
 * @param window        its window
 * @param factory       its factory
 * @param context       its factory context
 * @param aligned       true when its signals come from different input topics: it sees the key's
 *                      event-time-aligned events (one per closed bucket of {@code input.align}), not
 *                      the raw events
 */
public record PlannedOperator(int index, String name, String type, int[] signalIndices, Window window,
                              OperatorFactory factory, OperatorContext context, boolean aligned) {
    /** A fresh operator instance. */
    public StreamingOperator newOperator() {
        return factory.create(context);
    }

    /**
     * Whether the operator is persisted as checkpoint + journal tail (decay and cumulative windows,
     * whose state depends on all history; the operator is then a
     * {@link io.entroflow.topology.operator.CheckpointableOperator}) rather than as a journal of its window.
     */
    public boolean checkpointed() {
        return CheckpointableOperator.requiredFor(window);
    }

    /** Signal names joined with {@code .}, for node and store names. */
    public String signalPart() {
        return String.join(".", context.spec().signals());
    }
}
