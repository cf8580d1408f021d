package io.entroflow.topology.plan;

import io.entroflow.operators.window.Window;
import io.entroflow.topology.alert.WarmUp;
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

    /**
     * How many events ({@link io.entroflow.topology.operator.OperatorResult#events}) the operator's
     * result must count before its value counts (below it the aggregate is {@code warming_up}, and a
     * rule's {@code min-events} defaults to it): over a count window of n events, what the operator
     * itself counts once the window is full &mdash; n for most, fewer for operators that need a
     * history (transfer entropy with history k counts n &minus; k samples, ordinal patterns of
     * dimension d and delay &tau; n &minus; (d &minus; 1)&tau;), found by feeding a fresh operator n
     * events; {@link WarmUp#MINIMUM_EVENTS} for other windows. O(n) per call: callers keep it.
     */
    public long warmUpEvents() {
        if (!(window instanceof Window.Count c)) {
            return WarmUp.MINIMUM_EVENTS;
        }
        try {
            StreamingOperator probe = newOperator();
            java.util.List<io.entroflow.topology.operator.SignalInfo> signals = context.signals();
            long[] inputs = new long[signals.size()];
            for (int t = 0; t < c.size(); t++) {
                for (int k = 0; k < inputs.length; k++) {
                    var s = signals.get(k);
                    inputs[k] = s.symbolic() ? (t + k) % Math.max(1, s.alphabetSize()) : Double.doubleToLongBits((t * 7 + k) % 11);
                }
                probe.update(t, inputs);
            }
            return Math.min(c.size(), probe.result().events());
        } catch (RuntimeException e) {
            return c.size(); // an operator that refuses synthetic events: the window's length
        }
    }

    /** Signal names joined with {@code .}, for node and store names. */
    public String signalPart() {
        return String.join(".", context.spec().signals());
    }
}
