package io.entroflow.topology.alert;

import io.entroflow.schemas.wire.AggregateRecord;

/**
 * How far apart the aggregates a conformal rule calibrates on, or a change-point rule's detector
 * sees, must be: {@code events} of the key's events ({@code events_seen}), or {@code millis} of
 * event time (exactly one of them is positive). With the planner's default, the operator's
 * count-window length or time-window span, two such aggregates' windows do not overlap, so for
 * independent events their values are independent (aggregates of overlapping windows are not:
 * docs/alerts.md, "Stride points for change-point rules").
 *
 * <p>{@link #reached} decides stride points one aggregate at a time and keeps its mark in
 * {@link AlertState#calibrationMark} (persisted, so a restarted task picks the same points). O(1).
 *
 * @param events events between stride points, or 0 when the stride is in event time
 * @param millis event time between stride points, or 0 when the stride is in events
 */
public record Stride(long events, long millis) {
    public Stride {
        if (events < 0 || millis < 0 || (events > 0) == (millis > 0)) {
            throw new IllegalArgumentException("stride: give events or millis > 0, got events " + events
                    + ", millis " + millis);
        }
    }

    /** A stride of {@code n} of the key's events. */
    public static Stride ofEvents(long n) {
        return new Stride(n, 0);
    }

    /** A stride of {@code millis} of event time. */
    public static Stride ofMillis(long millis) {
        return new Stride(0, millis);
    }

    /**
     * Whether {@code agg} is a stride point of its key, and if so moves the mark to it. In events: the
     * key's events seen moved at least {@link #events} past the mark (0 before the first point, so the
     * first point is the first aggregate with {@code events} events seen). In event time: at least
     * {@link #millis} past the mark, which before the first point is the window start of the key's
     * first aggregate seen here (its first window ends a stride later).
     */
    public boolean reached(AlertState state, AggregateRecord agg) {
        if (events > 0) {
            long mark = state.calibrationMark == null ? 0 : state.calibrationMark;
            if (agg.eventsSeen() - mark < events) {
                return false;
            }
            state.calibrationMark = agg.eventsSeen();
            return true;
        }
        if (state.calibrationMark == null) {
            state.calibrationMark = agg.windowStart();
        }
        if (agg.time() - state.calibrationMark < millis) {
            return false;
        }
        state.calibrationMark = agg.time();
        return true;
    }
}
