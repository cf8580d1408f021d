package io.entroflow.topology.alert;

import io.entroflow.operators.conformal.ConformalCalibrator;
import io.entroflow.operators.conformal.ConformalPValue;
import io.entroflow.operators.detect.ChangeDetector;
import io.entroflow.operators.state.Checkpointable;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;


import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates one rule for one key on each aggregate of its operator, in event time:
 * <pre>
 * inactive --active--&gt; pending (or firing when for = 0)
 * pending  --active for &ge; for--&gt; firing      (emit FIRING)
 * pending  --inactive--&gt; inactive
 * firing   --inactive for &ge; keep-firing-for--&gt; inactive  (emit RESOLVED)
 * </pre>
 * "Active" uses the enter level while inactive and the exit level while pending or firing
 * (hysteresis). A drift rule's baseline only absorbs values seen while inactive. Each firing
 * episode emits exactly one FIRING and one RESOLVED record, given that the state is persisted with
 * the outputs (exactly-once). O(1) per aggregate except drift, O(baseline).
 *
 * <p><b>Too little data.</b> An aggregate whose window holds fewer than the rule's {@code min-events}
 * events (by default: the window is warming up) is inactive for every rule and teaches no rule
 * anything: no drift baseline value, no regime remembered, no conformal score or calibration value,
 * no change-point detector update, no stride point; only the phase may move (a pending rule falls
 * back, a firing one may resolve).
 *
 * <p><b>Conformal rules</b> score each aggregate value with the key's {@link ConformalCalibrator}
 * (seeded from monitor, rule and key, so replays agree) and are active when p &le; alpha; a value at
 * a {@link Stride} point becomes a calibration candidate, waits {@code quarantine} strides, and then
 * becomes a calibration value if the rule is inactive (else it is dropped), so a change that fires
 * within the quarantine does not calibrate itself away. <b>Change-point rules</b> feed the values at
 * the {@link Stride} points (by default one per window length: non-overlapping windows) to the key's
 * {@link ChangeDetector} and are active on the value that alarms: an alarm is an event, so the alert
 * fires on it and resolves after {@code keep-firing-for} (with the default 0, at the next aggregate).
 * NaN values (an empty window) touch neither and are inactive. Both objects live in {@link AlertState#checkpoint} between
 * aggregates: restored, updated and checkpointed on each one, O(N log N) for a calibrator of N
 * values (O(cap) for bocpd), once per aggregate interval per rule and key. A checkpoint that no
 * longer fits the rule (its parameters were edited) is dropped: the key starts afresh, warming up.
 *
 * <p>Not thread-safe; stateless itself (the state is passed in).
 */
public final class AlertEvaluator {
    private final String monitor;
    private final Clock clock;

    public AlertEvaluator(String monitor) {
        this(monitor, Clock.systemUTC());
    }

    /** An evaluator whose absence rules read {@code clock} (the one wall-clock input of the rules). */
    public AlertEvaluator(String monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    /**
     * Updates {@code state} with {@code agg} and returns the transition record, or null. A conformal
     * rule with {@code fdr} leaves the aggregate's p-value in {@link AlertState#fdrTest} when it is a
     * test (a calibration point after warm-up) for the caller to queue in the task's {@link FdrBook};
     * it is active while the key's last decided test ({@link AlertState#fdrRejected}) was a rejection.
     * An aggregate whose window holds fewer than the rule's {@code min-events} events is too little
     * data: the rule is inactive and learns nothing from it (no drift baseline value, no regime, no
     * conformal score or calibration value, no detector update, no stride point); its detection says
     * warming up.
     */
    public AlertRecord evaluate(AlertRule rule, AlertState state, AggregateRecord agg) {
        boolean engaged = !AlertState.INACTIVE.equals(state.phase);
        state.lastDetection = null;
        state.fdrTest = null;
        state.operator = rule.operator();
        if (rule.condition() instanceof AlertRule.Absence) {
            return heard(rule, state, agg);
        }
        boolean enough = agg.events() >= rule.minEvents();
        boolean active;
        if (enough) {
            active = active(rule.condition(), state, agg, engaged, monitor, rule.name());
        } else {
            state.lastDetection = tooLittleData(rule.condition(), state);
            active = false;
        }
        if (rule.condition() instanceof AlertRule.Conformal c && c.fdr() == null) {
            state.lastAlarm = active ? Boolean.TRUE : null;
        }
        AlertRecord transition = step(rule, state, agg, active);
        if (rule.condition() instanceof AlertRule.Conformal c && state.calibrator != null) {
            settleCalibration(c, state);
        }
        evaluated(rule, state, agg);
        return transition;
    }

    /**
     * Evaluates {@code repeat}, the every-interval aggregate of a quiet key at a {@link RuleTimer}
     * deadline (its last aggregate, unchanged, at a later boundary: {@link RuleTimer#repeatAt}), and
     * returns the transition or null. The rule learns nothing from a repeat: its activity is
     * {@link #repeatActive} (no drift baseline value, no conformal score or calibration value, no
     * detector update, no stride point); only the phase and its times move, exactly as an evaluation
     * of the same aggregate at that boundary moves them for threshold, significance and regime rules.
     */
    public AlertRecord evaluateRepeat(AlertRule rule, AlertState state, AggregateRecord repeat) {
        state.fdrTest = null;
        state.operator = rule.operator();
        List<AlertRecord.Detection> d = repeat.detections();
        state.lastDetection = d == null || d.isEmpty() ? null : d.get(0);
        boolean active = repeatActive(rule, state, repeat, !AlertState.INACTIVE.equals(state.phase));
        AlertRecord transition = step(rule, state, repeat, active);
        evaluated(rule, state, repeat);
        return transition;
    }

    /**
     * Before an aggregate at {@code time} of a key last evaluated earlier: a firing rule that a repeat
     * of the last aggregate keeps active was active at every boundary in between (each would have
     * been an aggregate with every-interval emission), so its last active time moves to the last of
     * them, {@code time - interval}. Nothing else a repeat changes matters to the phase. O(1).
     */
    public static void catchUp(AlertState state, long time, long interval) {
        if (AlertState.FIRING.equals(state.phase) && Boolean.TRUE.equals(state.repeatActive)
                && state.evaluatedAt != null && time - interval > state.evaluatedAt) {
            state.lastActive = Math.max(state.lastActive, time - interval);
        }
    }

    /** After an evaluation at {@code agg}: what a repeat of it would do, for {@link RuleTimer#deadline}. */
    private static void evaluated(AlertRule rule, AlertState state, AggregateRecord agg) {
        if (rule.condition() instanceof AlertRule.Absence) {
            return;
        }
        boolean engaged = !AlertState.INACTIVE.equals(state.phase);
        boolean repeat = repeatActive(rule, state, agg, engaged);
        state.repeatActive = repeat ? Boolean.TRUE : null;
        state.evaluatedAt = engaged || repeat ? agg.time() : null;
    }

    /**
     * Whether a repeat of {@code agg} (the same aggregate at a later boundary) is active, without
     * learning from it: threshold and significance as for {@code agg}; regime change only with
     * {@code to} (a repeat is no change); drift against the current baseline; conformal: the last
     * aggregate's alarm ({@link AlertState#lastAlarm}) or, with fdr, the key's last decision;
     * change point never (a repeat is not a stride point). Inactive on too little data.
     */
    static boolean repeatActive(AlertRule rule, AlertState state, AggregateRecord agg, boolean engaged) {
        if (agg.events() < rule.minEvents()) {
            return false;
        }
        double v = agg.value();
        AlertRule.Condition condition = rule.condition();
        if (condition instanceof AlertRule.Threshold th) {
            return thresholdActive(th, v, engaged);
        }
        if (condition instanceof AlertRule.Significance s) {
            return agg.pValue() != null && agg.pValue() < s.pBelow();
        }
        if (condition instanceof AlertRule.RegimeChange rc) {
            return rc.to() != null && rc.to().equals(agg.regime());
        }
        if (condition instanceof AlertRule.Drift d) {
            return Double.isNaN(v) ? engaged : state.baseline != null && driftOutside(d, state, v, engaged);
        }
        if (condition instanceof AlertRule.Conformal c) {
            return !Double.isNaN(v) && !Double.isInfinite(v)
                    && Boolean.TRUE.equals(c.fdr() != null ? state.fdrRejected : state.lastAlarm);
        }
        return false; // change point: an alarm is an event; absence: not timed here
    }

    /**
     * The detection of a conformal or change-point rule on too little data (no p-value, no statistic,
     * warming up), or null for the other rules; the rule's state is left untouched.
     */
    private static AlertRecord.Detection tooLittleData(AlertRule.Condition condition, AlertState state) {
        if (condition instanceof AlertRule.Conformal c) {
            return detection(c, true, Double.NaN, c.fdr() == null ? null : state.fdrLevel);
        }
        if (condition instanceof AlertRule.ChangePoint cp) {
            return new AlertRecord.Detection(cp.method(), null, null, null, cp.threshold(), true);
        }
        return null;
    }

    /**
     * An absence rule sees an aggregate: when it carries new events of the key, the key was heard
     * now (wall clock); a firing absence alert resolves at once.
     */
    private AlertRecord heard(AlertRule rule, AlertState state, AggregateRecord agg) {
        long seen = state.absenceSeen == null ? -1 : state.absenceSeen;
        if (agg.eventsSeen() <= seen) {
            return null;
        }
        state.absenceSeen = agg.eventsSeen();
        state.lastHeard = clock.millis();
        state.lastAggregate = agg;
        if (AlertState.FIRING.equals(state.phase)) {
            state.phase = AlertState.INACTIVE;
            return record(rule, state, agg, AlertRecord.RESOLVED, iso(agg.time()));
        }
        return null;
    }

    /**
     * The wall-clock check of an absence rule for one key at {@code now}: fires when the key has not
     * been heard for the rule's {@code after} since {@code max(lastHeard, since)} ({@code since}: when
     * this process started checking, so a restart does not count its own downtime as silence).
     * Returns the FIRING record or null.
     */
    public AlertRecord checkAbsence(AlertRule rule, AlertState state, long now, long since) {
        AlertRule.Absence a = (AlertRule.Absence) rule.condition();
        if (!AlertState.INACTIVE.equals(state.phase) || state.lastHeard == null || state.lastAggregate == null) {
            return null;
        }
        if (now - Math.max(state.lastHeard, since) < a.afterMillis()) {
            return null;
        }
        state.phase = AlertState.FIRING;
        state.firingSince = now;
        state.lastActive = now;
        return record(rule, state, state.lastAggregate, AlertRecord.FIRING, AlertRecord.ZERO_TIME);
    }

    /**
     * The rule of a firing alert is gone from the spec (or now watches another operator): its
     * RESOLVED record at {@code now}, from the labels it fired with, or null when it was not firing
     * or fired before its labels were kept.
     */
    public static AlertRecord resolveGone(AlertState state, long now, String reason) {
        if (!AlertState.FIRING.equals(state.phase) || state.labels == null) {
            return null;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", state.labels.get("rule") + ": resolved, " + reason);
        return new AlertRecord(state.labels, annotations, AlertRecord.RESOLVED, iso(state.firingSince), iso(now),
                Fingerprints.of(state.labels), null, null);
    }

    private AlertRecord step(AlertRule rule, AlertState state, AggregateRecord agg, boolean active) {
        long t = agg.time();
        switch (state.phase) {
            case AlertState.INACTIVE:
                if (active) {
                    state.pendingSince = t;
                    if (rule.forMillis() <= 0) {
                        return fire(rule, state, agg);
                    }
                    state.phase = AlertState.PENDING;
                }
                return null;
            case AlertState.PENDING:
                if (!active) {
                    state.phase = AlertState.INACTIVE;
                    return null;
                }
                return t - state.pendingSince >= rule.forMillis() ? fire(rule, state, agg) : null;
            case AlertState.FIRING:
                if (active) {
                    state.lastActive = t;
                    return null;
                }
                if (t - state.lastActive >= rule.keepFiringMillis()) {
                    state.phase = AlertState.INACTIVE;
                    return record(rule, state, agg, AlertRecord.RESOLVED, iso(t));
                }
                return null;
            default:
                throw new IllegalStateException("alert phase: unknown '" + state.phase + "'");
        }
    }

    /**
     * The key of {@code agg} expired (trigger {@link AggregateRecord#EXPIRED}): a firing alert
     * resolves at the aggregate's time, whatever its keep-firing-for; returns that transition or null.
     */
    public AlertRecord expire(AlertRule rule, AlertState state, AggregateRecord agg) {
        boolean firing = AlertState.FIRING.equals(state.phase);
        state.phase = AlertState.INACTIVE;
        return firing ? record(rule, state, agg, AlertRecord.RESOLVED, iso(agg.time())) : null;
    }

    private AlertRecord fire(AlertRule rule, AlertState state, AggregateRecord agg) {
        state.phase = AlertState.FIRING;
        state.firingSince = agg.time();
        state.lastActive = agg.time();
        return record(rule, state, agg, AlertRecord.FIRING, AlertRecord.ZERO_TIME);
    }

    static boolean active(AlertRule.Condition condition, AlertState state, AggregateRecord agg, boolean engaged,
                          String monitor, String ruleName) {
        double v = agg.value();
        if (condition instanceof AlertRule.Conformal c) {
            return conformal(c, state, agg, keySeed(monitor, ruleName, agg.key()));
        }
        if (condition instanceof AlertRule.ChangePoint cp) {
            return changePoint(cp, state, agg);
        }
        if (condition instanceof AlertRule.Threshold th) {
            return thresholdActive(th, v, engaged);
        }
        if (condition instanceof AlertRule.Significance s) {
            return agg.pValue() != null && agg.pValue() < s.pBelow();
        }
        if (condition instanceof AlertRule.RegimeChange rc) {
            Integer r = agg.regime();
            Integer previous = state.previousRegime;
            state.previousRegime = r;
            if (r == null) {
                return false;
            }
            return rc.to() != null ? r.equals(rc.to()) : previous != null && !previous.equals(r);
        }
        AlertRule.Drift d = (AlertRule.Drift) condition;
        if (state.baseline == null) {
            state.baseline = new double[d.baseline()];
        }
        if (Double.isNaN(v)) {
            return engaged;
        }
        boolean result = driftOutside(d, state, v, engaged);
        if (!engaged && !result) {
            state.baseline[state.baselineNext] = v;
            state.baselineNext = (state.baselineNext + 1) % state.baseline.length;
            state.baselineCount = Math.min(state.baselineCount + 1, state.baseline.length);
        }
        return result;
    }

    /** Threshold: {@code v} beyond the exit level while engaged (pending or firing), else beyond the enter level. */
    private static boolean thresholdActive(AlertRule.Threshold th, double v, boolean engaged) {
        double level = engaged ? th.exit() : th.enter();
        return !Double.isNaN(v) && (th.below() ? v < level : v > level);
    }

    /**
     * Drift: |v &minus; mean| &gt; z&middot;max(sd, 1e-9&middot;max(1, |mean|)) over the baseline (exitZ while
     * engaged); false until it holds minBaseline values. Reads the baseline only. O(baseline).
     */
    private static boolean driftOutside(AlertRule.Drift d, AlertState state, double v, boolean engaged) {
        if (state.baselineCount < d.minBaseline()) {
            return false;
        }
        double mean = 0;
        for (int i = 0; i < state.baselineCount; i++) {
            mean += state.baseline[i];
        }
        mean /= state.baselineCount;
        double ss = 0;
        for (int i = 0; i < state.baselineCount; i++) {
            double e = state.baseline[i] - mean;
            ss += e * e;
        }
        double sd = Math.sqrt(ss / (state.baselineCount - 1));
        double floor = 1e-9 * Math.max(1.0, Math.abs(mean));
        return Math.abs(v - mean) > (engaged ? d.exitZ() : d.z()) * Math.max(sd, floor);
    }

    /**
     * Scores the value; at a {@link Stride} point the value is also a calibration candidate (settled
     * after the transition).
     */
    private static boolean conformal(AlertRule.Conformal c, AlertState state, AggregateRecord agg, long keySeed) {
        ConformalCalibrator calibrator = c.newCalibrator(keySeed);
        if (!restore(calibrator, state.checkpoint)) {
            state.calibrationMark = null;
            state.quarantine = null;
        }
        double v = agg.value();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            state.calibrator = calibrator;
            state.candidate = null;
            state.lastDetection = detection(c, calibrator.warmingUp(), Double.NaN, null);
            return false;
        }
        ConformalPValue p = calibrator.score(v);
        boolean calibrate = c.stride().reached(state, agg);
        state.calibrator = calibrator;
        state.candidate = calibrate ? v : null;
        if (c.fdr() == null) {
            state.lastDetection = detection(c, p.warmingUp(), p.pValue(), null);
            return p.alarm();
        }
        if (calibrate && !p.warmingUp()) {
            state.fdrTest = p.pValue(); // decided by the task's FDR rule once this interval is complete
        }
        state.lastDetection = detection(c, p.warmingUp(), p.pValue(), state.fdrLevel);
        return Boolean.TRUE.equals(state.fdrRejected);
    }

    /**
     * After the transition: the new calibration candidate joins the quarantine; the candidate that
     * leaves it becomes a calibration value if the rule is inactive now, else it is dropped (a change
     * that fires within the quarantine never enters the calibration values). Then checkpoints.
     */
    private static void settleCalibration(AlertRule.Conformal c, AlertState state) {
        ConformalCalibrator calibrator = state.calibrator;
        if (state.candidate != null) {
            if (c.quarantine() == 0) {
                calibrator.calibrate(state.candidate);
            } else {
                double[] q = state.quarantine == null ? new double[0] : state.quarantine;
                double[] next = Arrays.copyOf(q, q.length + 1);
                next[q.length] = state.candidate;
                if (next.length > c.quarantine()) {
                    if (AlertState.INACTIVE.equals(state.phase)) {
                        calibrator.calibrate(next[0]);
                    }
                    next = Arrays.copyOfRange(next, 1, next.length);
                }
                state.quarantine = next;
            }
        }
        state.checkpoint = calibrator.checkpoint();
        state.calibrator = null;
        state.candidate = null;
    }

    private static AlertRecord.Detection detection(AlertRule.Conformal c, boolean warmingUp, double p, Double fdrLevel) {
        return new AlertRecord.Detection("conformal", Double.isNaN(p) ? null : p, c.fdr() == null ? c.alpha() : null,
                null, null, warmingUp, null, fdrLevel);
    }

    /**
     * Feeds the value to the key's detector when it is at a {@link Stride} point; active when it
     * alarms. Between stride points the detection shows the statistic after the last point.
     */
    private static boolean changePoint(AlertRule.ChangePoint cp, AlertState state, AggregateRecord agg) {
        ChangeDetector detector = cp.newDetector();
        restore(detector, state.checkpoint);
        double v = agg.value();
        if (Double.isNaN(v) || Double.isInfinite(v) || !cp.stride().reached(state, agg)) {
            double statistic = detector.statistic();
            state.lastDetection = new AlertRecord.Detection(cp.method(), null, null,
                    Double.isNaN(statistic) ? null : statistic, detector.threshold(), detector.warmingUp());
            return false;
        }
        boolean alarm = detector.update(v);
        double statistic = detector.statistic();
        state.checkpoint = detector.checkpoint();
        state.lastDetection = new AlertRecord.Detection(cp.method(), null, null,
                Double.isNaN(statistic) ? null : statistic, detector.threshold(), !alarm && detector.warmingUp());
        return alarm;
    }

    /** Restores {@code target} from {@code checkpoint}; false (and {@code target} fresh) when there is none or it no longer fits. */
    private static boolean restore(Checkpointable target, byte[] checkpoint) {
        if (checkpoint == null) {
            return false;
        }
        try {
            target.restore(checkpoint);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // parameters edited since the checkpoint: start afresh (documented)
        }
    }

    /** FNV-1a 64 of monitor, rule and key (NUL-separated): the per-key seed of a conformal rule. */
    static long keySeed(String monitor, String rule, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (monitor + "\u0000" + rule + "\u0000" + key).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private AlertRecord record(AlertRule rule, AlertState state, AggregateRecord agg, String status, String endsAt) {
        Map<String, String> labels = rule.labels(monitor, agg.key());
        state.labels = AlertRecord.FIRING.equals(status) ? labels : null;
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary(rule, state, agg));
        return new AlertRecord(labels, annotations, status, iso(state.firingSince), endsAt, Fingerprints.of(labels),
                new AlertRecord.AlertProvenance(agg.operator(), agg.value(), agg.time(), agg.windowStart(),
                        agg.windowEnd(), agg.pValue(), agg.provenance()), state.lastDetection);
    }

    static String summary(AlertRule rule, AlertState state, AggregateRecord agg) {
        String prefix = rule.summary() != null ? rule.summary() : rule.name();
        String value = String.format(Locale.ROOT, "%s = %.4f %s for key %s", agg.operator(), agg.value(),
                agg.unit(), agg.key());
        AlertRule.Condition c = rule.condition();
        String condition;
        if (c instanceof AlertRule.Conformal cf) {
            AlertRecord.Detection d = state.lastDetection;
            condition = String.format(Locale.ROOT, "conformal p = %s, %s, %s, %d calibration values",
                    d == null || d.pValue() == null ? "none (warming up)" : String.format(Locale.ROOT, "%.3g", d.pValue()),
                    cf.fdr() == null ? "alarm at p <= " + fmt(cf.alpha())
                            : "online FDR q = " + fmt(cf.fdr().q()) + (d != null && d.fdrLevel() != null
                            ? String.format(Locale.ROOT, ", level %.3g", d.fdrLevel()) : ""),
                    cf.side().name().toLowerCase(Locale.ROOT).replace('_', '-'), cf.calibration());
        } else if (c instanceof AlertRule.ChangePoint cp) {
            AlertRecord.Detection d = state.lastDetection;
            condition = String.format(Locale.ROOT, "%s change point, statistic %s, threshold %.4g%s", cp.method(),
                    d == null || d.statistic() == null ? "none (warming up)" : String.format(Locale.ROOT, "%.4g", d.statistic()),
                    cp.threshold(), cp.arl0() != null ? " (ARL0 " + fmt(cp.arl0()) + " aggregates)" : "");
        } else if (c instanceof AlertRule.Threshold th) {
            condition = String.format(Locale.ROOT, "%s %s, exit %s", th.below() ? "below" : "above",
                    fmt(th.enter()), fmt(th.exit()));
        } else if (c instanceof AlertRule.Significance s) {
            condition = "p = " + agg.pValue() + ", threshold p < " + fmt(s.pBelow());
        } else if (c instanceof AlertRule.RegimeChange rc) {
            condition = "regime " + agg.regime() + (rc.to() != null ? ", watching regime " + rc.to() : ", changed");
        } else if (c instanceof AlertRule.Absence a) {
            condition = "no event for " + a.afterMillis() + " ms" + " of wall-clock time; last heard "
                    + (state.lastHeard == null ? "never" : iso(state.lastHeard));
        } else {
            AlertRule.Drift d = (AlertRule.Drift) c;
            condition = "outside baseline mean +- " + fmt(d.z()) + " sd of the last " + d.baseline() + " aggregates";
        }
        return prefix + ": " + value + " (" + condition + ")";
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%s", x);
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
