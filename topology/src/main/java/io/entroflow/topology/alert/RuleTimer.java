package io.entroflow.topology.alert;

import io.entroflow.schemas.wire.AggregateRecord;

/**
 * Rule timers of quiet keys. With {@code aggregates.emit: on-change} a key whose aggregate did not
 * change emits nothing at a boundary, where every-interval emission repeats its last aggregate; a
 * rule's {@code for} or {@code keep-firing-for} must still elapse there. A repeat changes a rule's
 * phase only at the boundaries given here, so the rules stage evaluates the repeat
 * ({@link AlertEvaluator#evaluateRepeat}) at those deadlines only, and the transitions are those,
 * at the same event times, that every-interval emission gives.
 *
 * <p>With interval I, the last evaluation at e ({@link AlertState#evaluatedAt}) and a repeat's
 * activity a ({@link AlertState#repeatActive}), the next deadline is
 * <pre>
 * inactive: e + I if a, else none
 * pending:  max(e + I, ceil_I(pendingSince + for)) if a, else e + I (falls back)
 * firing:   none if a (lastActive moves on: {@link AlertEvaluator#catchUp}),
 *           else max(e + I, ceil_I(lastActive + keep-firing-for))
 * </pre>
 * where ceil_I rounds up to a multiple of I (aggregate times are multiples of I). Absence rules
 * have no timer (they run on the wall clock). Stateless; O(1).
 */
public final class RuleTimer {
    private RuleTimer() {
    }

    /** The next deadline of the rule for the key whose state is {@code state} (see the class description), or null. */
    public static Long deadline(AlertRule rule, AlertState state, long interval) {
        if (rule.condition() instanceof AlertRule.Absence || state.evaluatedAt == null) {
            return null;
        }
        long next = state.evaluatedAt + interval;
        boolean active = Boolean.TRUE.equals(state.repeatActive);
        return switch (state.phase) {
            case AlertState.INACTIVE -> active ? next : null;
            case AlertState.PENDING -> active ? Math.max(next, ceil(state.pendingSince + rule.forMillis(), interval)) : next;
            case AlertState.FIRING -> active ? null
                    : Math.max(next, ceil(state.lastActive + rule.keepFiringMillis(), interval));
            default -> throw new IllegalStateException("alert phase: unknown '" + state.phase + "'");
        };
    }

    /**
     * The every-interval aggregate at boundary {@code time} of a key whose last aggregate is
     * {@code last} and whose events did not change since: the same values at {@code time}, no
     * provenance (no events since the previous aggregate), a time window's bounds moved to
     * [time &minus; span + 1, time] ({@code spanMillis} &gt; 0; other windows keep theirs).
     */
    public static AggregateRecord repeatAt(AggregateRecord last, long time, long spanMillis) {
        return new AggregateRecord(last.monitor(), last.key(), last.operator(), last.type(), last.signals(), time,
                last.value(), last.unit(), spanMillis > 0 ? time - spanMillis + 1 : last.windowStart(),
                spanMillis > 0 ? time : last.windowEnd(), last.events(), last.eventsSeen(), last.pValue(),
                last.regime(), null, AggregateRecord.INTERVAL, last.overflowed(), last.warmingUp(), last.detections());
    }

    private static long ceil(long time, long interval) {
        return -Math.floorDiv(-time, interval) * interval;
    }
}
