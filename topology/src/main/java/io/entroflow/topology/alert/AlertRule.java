package io.entroflow.topology.alert;

/**
 * A compiled alert rule.
 *
 * @param name              rule name
 * @param operator          the operator it watches
 * @param severity          severity label
 * @param summary           summary prefix (rule name when absent)
 * @param forMillis         how long the condition must hold (event time) before FIRING
 * @param keepFiringMillis  how long FIRING persists after the condition clears (event time)
 * @param minEvents         the condition counts as inactive while the window holds fewer events
 * @param condition         the condition
 */
public record AlertRule(String name, String operator, String severity, String summary, long forMillis,
                        long keepFiringMillis, long minEvents, Condition condition) {

    /** A rule condition. */
    public sealed interface Condition permits Threshold, Significance, RegimeChange, Drift {
    }

    /**
     * Value below (or above) {@code enter} to become active; stays active while below (above) {@code exit}.
     * For {@code below}, exit &ge; enter gives hysteresis; for {@code above}, exit &le; enter.
     */
    public record Threshold(boolean below, double enter, double exit) implements Condition {
    }

    /** Active while the aggregate's p-value is below {@code pBelow}. */
    public record Significance(double pBelow) implements Condition {
    }

    /** Active when the regime changed since the previous aggregate, or, with {@code to}, while it equals {@code to}. */
    public record RegimeChange(Integer to) implements Condition {
    }

    /**
     * Active when |value &minus; mean| &gt; z&middot;sd of the trailing baseline (the last {@code baseline}
     * values seen while the rule was inactive); stays active while |value &minus; mean| &gt; exitZ&middot;sd.
     */
    public record Drift(int baseline, int minBaseline, double z, double exitZ) implements Condition {
    }
}
