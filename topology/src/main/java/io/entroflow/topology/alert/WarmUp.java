package io.entroflow.topology.alert;

import io.entroflow.operators.window.Window;

/**
 * How many events an operator's window must hold before its value counts, when the operator is not
 * known: a count window must be full (its length); time, decay and cumulative windows need
 * {@link #MINIMUM_EVENTS} (a planned operator's own figure is
 * {@link io.entroflow.topology.plan.PlannedOperator#warmUpEvents}). Below that the
 * aggregate is {@code warming_up}, rules do not fire on it (unless the rule's {@code min-events}
 * says otherwise) and drift baselines and regime rules ignore it. O(1).
 */
public final class WarmUp {
    /** Events a time, decay or cumulative window must hold before its value counts. */
    public static final long MINIMUM_EVENTS = 10;

    private WarmUp() {
    }

    /** The events {@code window} must hold; {@link #MINIMUM_EVENTS} when the window is unknown (null). */
    public static long minimumEvents(Window window) {
        return window instanceof Window.Count c ? c.size() : MINIMUM_EVENTS;
    }
}
