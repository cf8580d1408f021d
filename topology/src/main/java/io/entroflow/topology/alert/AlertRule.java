package io.entroflow.topology.alert;

import io.entroflow.operators.conformal.ConformalCalibrator;
import io.entroflow.operators.conformal.ConformalConfig;
import io.entroflow.operators.conformal.DecayingMemoryLord;
import io.entroflow.operators.conformal.Side;
import io.entroflow.operators.detect.Baseline;
import io.entroflow.operators.detect.BayesianChangePointDetector;
import io.entroflow.operators.detect.ChangeDetector;
import io.entroflow.operators.detect.CusumDetector;
import io.entroflow.operators.detect.PageHinkleyDetector;
import io.entroflow.operators.detect.ShiryaevRobertsDetector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compiled alert rule.
 *
 * @param name              rule name
 * @param operator          the operator it watches
 * @param severity          severity label
 * @param summary           summary prefix (rule name when absent)
 * @param forMillis         how long the condition must hold (event time) before FIRING
 * @param keepFiringMillis  how long FIRING persists after the condition clears (event time)
 * @param minEvents         the condition counts as inactive while the window holds fewer events (the planner's
 *                          default: {@link WarmUp#minimumEvents}); no rule learns from such values (drift baselines,
 *                          regime rules, conformal calibrators and change-point detectors never see them)
 * @param condition         the condition
 */
public record AlertRule(String name, String operator, String severity, String summary, long forMillis,
                        long keepFiringMillis, long minEvents, Condition condition) {

    /** A rule condition. */
    public sealed interface Condition permits Threshold, Significance, RegimeChange, Drift, Conformal, ChangePoint, Absence {
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

    /**
     * Active while the aggregate value's conformal p-value ({@link ConformalCalibrator}) is at most
     * {@code alpha}; never while the key's calibrator holds fewer than {@code calibration} values
     * (warming up). Calibration candidates are the {@link Stride} points of the key's aggregates of
     * full windows, so that their windows do not overlap when the stride is the window length; a
     * candidate becomes a calibration value {@code quarantine} strides later if the rule is inactive then.
     *
     * @param alpha        alarm level, at least 1/(calibration+1) (two-sided 2/(calibration+1))
     * @param side         which tail is extreme
     * @param calibration  N, calibration values per key
     * @param stride       distance between calibration candidates (events or event time)
     * @param seed         mixed into each key's seed
     * @param quarantine   strides a calibration candidate waits; it is admitted only if the rule is
     *                     inactive then (0: admitted at once, whatever the rule does)
     * @param fdr          online FDR control across the keys of a task instead of alpha, or null
     */
    public record Conformal(double alpha, Side side, int calibration, Stride stride, long seed, int quarantine, Fdr fdr)
            implements Condition {
        /** A conformal condition without FDR control. */
        public Conformal(double alpha, Side side, int calibration, Stride stride, long seed, int quarantine) {
            this(alpha, side, calibration, stride, seed, quarantine, null);
        }

        /**
         * A calibrator for one key: randomised ties seeded from {@code keySeed} (a function of monitor,
         * rule and key) and {@link #seed}; the config's own stride is unused (the evaluator chooses
         * calibration values with {@code score}/{@code calibrate}).
         *
         * @throws IllegalArgumentException for parameters the calibrator refuses
         */
        public ConformalCalibrator newCalibrator(long keySeed) {
            return new ConformalCalibrator(new ConformalConfig(calibration, 1, side, alpha, true, keySeed ^ seed));
        }
    }

    /**
     * Active on the aggregate whose value made the key's change-point detector alarm (an event; the
     * detector then restarts and re-estimates its baseline). The detector sees only the {@link Stride}
     * points of the key's aggregates of full windows (by default one per window length: values of
     * non-overlapping windows, independent for independent events, which the ARL0 approximations
     * assume), standardised by an estimated baseline of the first {@code baseline} of them.
     *
     * @param method    {@code cusum}, {@code page-hinkley}, {@code shiryaev-roberts} or {@code bocpd}
     * @param side      the watched shift (bocpd: two-sided)
     * @param baseline  stride points in the estimated baseline
     * @param threshold the resolved threshold: h, lambda, A or p*
     * @param arl0      the target ARL0 it was resolved from (in stride points), or null when given raw
     * @param shift     the shift in sd detected fastest (cusum k = page-hinkley delta = shift/2, SR mu = shift)
     * @param hazard    bocpd prior mean segment length
     * @param window    bocpd alarm window k
     * @param cap       bocpd largest run length kept
     * @param stride    distance between the aggregates the detector sees (events or event time)
     */
    public record ChangePoint(String method, Side side, int baseline, double threshold, Double arl0, double shift,
                              double hazard, int window, int cap, Stride stride) implements Condition {
        public static final String CUSUM = "cusum";
        public static final String PAGE_HINKLEY = "page-hinkley";
        public static final String SHIRYAEV_ROBERTS = "shiryaev-roberts";
        public static final String BOCPD = "bocpd";

        /**
         * A fresh detector.
         *
         * @throws IllegalArgumentException for parameters the detector refuses
         */
        public ChangeDetector newDetector() {
            Baseline b = Baseline.estimated(baseline);
            return switch (method) {
                case CUSUM -> new CusumDetector(new CusumDetector.Config(b, side, shift / 2, threshold));
                case PAGE_HINKLEY -> new PageHinkleyDetector(new PageHinkleyDetector.Config(b, side, shift / 2, threshold));
                case SHIRYAEV_ROBERTS -> new ShiryaevRobertsDetector(
                        new ShiryaevRobertsDetector.Config(b, side, shift, threshold));
                case BOCPD -> new BayesianChangePointDetector(
                        BayesianChangePointDetector.Config.of(b, hazard, cap, window, threshold));
                default -> throw new IllegalArgumentException("change-point.method: unknown '" + method + "'");
            };
        }
    }

    /**
     * Online FDR control of a conformal rule: one {@link DecayingMemoryLord} per rule and task tests
     * the p-values of all the task's keys at their calibration points, in the order the task emits
     * the aggregates; the rule is active from a rejection to the key's next test.
     *
     * @param q     target decaying-memory FDR
     * @param decay decay per test
     * @param eta   offset
     */
    public record Fdr(double q, double decay, double eta) {
        /**
         * A fresh rule.
         *
         * @throws IllegalArgumentException for parameters it refuses
         */
        public DecayingMemoryLord newRule() {
            return new DecayingMemoryLord(q, decay, eta);
        }
    }

    /**
     * Active while the key's operator has admitted no event for {@code afterMillis} of wall-clock
     * time (checked by a WALL_CLOCK_TIME punctuator; the one rule on the wall clock); inactive again
     * at its next aggregate with new events.
     */
    public record Absence(long afterMillis) implements Condition {
    }

    /**
     * The labels the monitor sets on every alert of this rule, in the order its alert records carry them:
     * alertname, monitor, rule, key (left out when {@code key} is null), severity, operator. O(1).
     */
    public Map<String, String> labels(String monitor, String key) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        labels.put("monitor", monitor);
        labels.put("rule", name);
        if (key != null) {
            labels.put("key", key);
        }
        labels.put("severity", severity);
        labels.put("operator", operator);
        return labels;
    }
}
