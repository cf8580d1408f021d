package io.entroflow.schemas.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An alert rule on one operator's aggregates. Exactly one condition is set.
 *
 * @param name          rule name (label {@code rule})
 * @param operator      the operator whose aggregates it watches
 * @param severity      {@code info}, {@code warning} (default) or {@code critical}
 * @param summary       optional summary prefix for the alert annotation
 * @param forDuration   how long the condition must hold in event time before firing (default 0)
 * @param keepFiringFor how long a firing alert keeps firing after the condition clears (default 0)
 * @param minEvents     the condition is inactive while the window holds fewer events (default, set by the planner:
 *                      the count-window length, else 10)
 * @param threshold     value above/below an enter level, with an optional exit level (hysteresis)
 * @param significance  the aggregate's p-value below a level
 * @param regimeChange  the operator's regime changed (or equals {@code to})
 * @param drift         the value outside mean &plusmn; z&middot;sd of a trailing baseline of aggregates
 * @param conformal     the aggregate value's conformal p-value, ranked among the key's own calibration values,
 *                      at most alpha
 * @param changePoint   a sequential change-point detector on the key's aggregate values raised an alarm
 * @param absence       the key sent nothing for a duration of wall-clock time (the one rule on the wall clock)
 */
public record RuleSpec(String name, String operator, String severity, String summary,
                       @JsonProperty("for") String forDuration,
                       @JsonProperty("keep-firing-for") String keepFiringFor,
                       @JsonProperty("min-events") Long minEvents,
                       Threshold threshold, Significance significance,
                       @JsonProperty("regime-change") RegimeChange regimeChange, Drift drift, Conformal conformal,
                       @JsonProperty("change-point") ChangePoint changePoint, Absence absence) {
    public RuleSpec {
        severity = severity == null ? "warning" : severity;
        forDuration = forDuration == null ? "0ms" : forDuration;
        keepFiringFor = keepFiringFor == null ? "0ms" : keepFiringFor;
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

    /**
     * Conformal condition: the aggregate value's p-value among the key's last {@code calibration}
     * calibration values is at most {@code alpha}.
     *
     * @param alpha       the alarm level, in (0, 1) and at least 1/(calibration+1) (two-sided 2/(calibration+1))
     * @param side        {@code low}, {@code high} or {@code two-sided} (default)
     * @param calibration N, how many calibration values a p-value is ranked among
     * @param stride      how far apart calibration values are: a number of the key's events, or a
     *                    duration of event time ({@code 30s}); default: the operator's count-window
     *                    length or time-window span (required for decay and cumulative windows)
     * @param seed        mixed into the per-key seed of the tie randomisation (default 0)
     * @param quarantine  strides a calibration candidate waits before it becomes a calibration value,
     *                    dropped if the rule is pending or firing then (default 3; 0: admitted at once)
     * @param fdr         online false-discovery-rate control over the tests of all keys of a task instead of
     *                    alpha (absent: each key tested at alpha)
     */
    public record Conformal(Double alpha, String side, Integer calibration, JsonNode stride, Long seed,
                            Integer quarantine, Fdr fdr) {
        /** A conformal condition without FDR control. */
        public Conformal(Double alpha, String side, Integer calibration, JsonNode stride, Long seed, Integer quarantine) {
            this(alpha, side, calibration, stride, seed, quarantine, null);
        }
    }

    /**
     * Online FDR control of a conformal rule: LORD with decaying memory over the p-values of all keys
     * of a task at their calibration points, in the order the task emits them.
     *
     * @param q     target decaying-memory FDR, in (0, 1)
     * @param decay decay per test, in (0, 1]; memory about 1/(1 &minus; decay) tests (default: the level floor
     *              q&middot;eta&middot;(1 &minus; decay) at 1/(calibration+1), i.e. 1 &minus; 1/(q&middot;eta&middot;(calibration+1)))
     * @param eta   offset, in (0, 1]; the level never falls below q&middot;eta&middot;(1 &minus; decay) (default 1)
     */
    public record Fdr(Double q, Double decay, Double eta) {
    }

    /**
     * Absence condition: fires when the key's operator has admitted no event for {@code after} of wall-clock time.
     *
     * @param after how long a key may stay silent, e.g. {@code 5m}
     */
    public record Absence(String after) {
    }

    /**
     * Change-point condition: a sequential detector on the key's aggregate values raised an alarm.
     *
     * @param method    {@code cusum}, {@code page-hinkley}, {@code shiryaev-roberts} or {@code bocpd}
     * @param side      {@code low}, {@code high} or {@code two-sided} (default; the only one of bocpd)
     * @param arl0      target mean number of detector values (stride points) to a false alarm (not bocpd);
     *                  default 1000 when no threshold is given
     * @param threshold the method's raw threshold instead: h (cusum), lambda (page-hinkley), A
     *                  (shiryaev-roberts), p* (bocpd, default 0.5)
     * @param baseline  detector values whose mean and sd standardise the values, after the start and every
     *                  alarm (default 100)
     * @param shift     the shift in sd detected fastest (default 1: cusum k = page-hinkley delta = shift/2,
     *                  shiryaev-roberts mu = shift; not bocpd)
     * @param hazard    bocpd: prior mean segment length in aggregates (default 1000)
     * @param window    bocpd: the alarm statistic is P(run length &le; window) (default 100)
     * @param cap       bocpd: the largest run length kept (default max(250, 2&middot;window + 1))
     * @param stride    how far apart the aggregates the detector sees are (only aggregates of full windows
     *                  count): a number of the key's events, or a duration of event time; default: the
     *                  operator's count-window length or time-window span, so their windows do not overlap
     *                  (required for decay and cumulative windows)
     */
    public record ChangePoint(String method, String side, Double arl0, Double threshold, Integer baseline,
                              Double shift, Double hazard, Integer window, Integer cap, JsonNode stride) {
    }
}
