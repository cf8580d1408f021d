package io.entroflow.schemas.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An alert rule on one operator's aggregates. Exactly one condition is set.
 *
 * @param name          rule name (label {@code rule})
 * @param operator      the operator whose aggregates it watches
 * @param severity      {@code info}, {@code warning} (default) or {@code critical}
 * @param summary       optional summary prefix for the alert annotation
 * @param forDuration   how long the condition must hold in event time before firing (default 0)
 * @param keepFiringFor how long a firing alert keeps firing after the condition clears (default 0)
 * @param minEvents     the condition is inactive while the window holds fewer events (default 0)
 * @param threshold     value above/below an enter level, with an optional exit level (hysteresis)
 * @param significance  the aggregate's p-value below a level
 * @param regimeChange  the operator's regime changed (or equals {@code to})
 * @param drift         the value outside mean &plusmn; z&middot;sd of a trailing baseline of aggregates
 */
public record RuleSpec(String name, String operator, String severity, String summary,
                       @JsonProperty("for") String forDuration,
                       @JsonProperty("keep-firing-for") String keepFiringFor,
                       @JsonProperty("min-events") Long minEvents,
                       Threshold threshold, Significance significance,
                       @JsonProperty("regime-change") RegimeChange regimeChange, Drift drift) {
    public RuleSpec {
        severity = severity == null ? "warning" : severity;
        forDuration = forDuration == null ? "0ms" : forDuration;
        keepFiringFor = keepFiringFor == null ? "0ms" : keepFiringFor;
        minEvents = minEvents == null ? 0L : minEvents;
    }

    /** Threshold condition: exactly one of above/below; {@code exit} defaults to the enter level. */
    public record Threshold(Double above, Double below, Double exit) {
    }

    /** Significance condition: p-value &lt; {@code pBelow}. */
    public record Significance(@JsonProperty("p-below") Double pBelow) {
    }

    /** Regime-change condition: any change of regime, or the regime equals {@code to}. */
    public record RegimeChange(Integer to) {
    }

    /**
     * Drift condition.
     *
     * @param baseline    trailing baseline length in aggregates
     * @param minBaseline aggregates needed before the rule can fire (default = baseline)
     * @param z           enter when |value &minus; mean| &gt; z&middot;sd
     * @param exitZ       resolve when |value &minus; mean| &le; exitZ&middot;sd (default z)
     */
    public record Drift(Integer baseline, @JsonProperty("min-baseline") Integer minBaseline, Double z,
                        @JsonProperty("exit-z") Double exitZ) {
    }
}
