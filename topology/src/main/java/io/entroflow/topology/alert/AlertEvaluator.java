package io.entroflow.topology.alert;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;

import java.time.Instant;
import java.util.LinkedHashMap;
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
 * <p>Not thread-safe; stateless itself (the state is passed in).
 */
public final class AlertEvaluator {
    private final String monitor;

    public AlertEvaluator(String monitor) {
        this.monitor = monitor;
    }

    /**
     * Updates {@code state} with {@code agg} and returns the transition record, or null.
     */
    public AlertRecord evaluate(AlertRule rule, AlertState state, AggregateRecord agg) {
        boolean engaged = !AlertState.INACTIVE.equals(state.phase);
        boolean active = active(rule.condition(), state, agg, engaged) && agg.events() >= rule.minEvents();
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

    static boolean active(AlertRule.Condition condition, AlertState state, AggregateRecord agg, boolean engaged) {
        double v = agg.value();
        if (condition instanceof AlertRule.Threshold th) {
            double level = engaged ? th.exit() : th.enter();
            return !Double.isNaN(v) && (th.below() ? v < level : v > level);
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
        boolean result = false;
        if (state.baselineCount >= d.minBaseline()) {
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
            result = Math.abs(v - mean) > (engaged ? d.exitZ() : d.z()) * Math.max(sd, floor);
        }
        if (!engaged && !result) {
            state.baseline[state.baselineNext] = v;
            state.baselineNext = (state.baselineNext + 1) % state.baseline.length;
            state.baselineCount = Math.min(state.baselineCount + 1, state.baseline.length);
        }
        return result;
    }

    private AlertRecord record(AlertRule rule, AlertState state, AggregateRecord agg, String status, String endsAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule.name());
        labels.put("monitor", monitor);
        labels.put("rule", rule.name());
        labels.put("key", agg.key());
        labels.put("severity", rule.severity());
        labels.put("operator", rule.operator());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary(rule, agg));
        return new AlertRecord(labels, annotations, status, iso(state.firingSince), endsAt, Fingerprints.of(labels),
                new AlertRecord.AlertProvenance(agg.operator(), agg.value(), agg.time(), agg.windowStart(),
                        agg.windowEnd(), agg.pValue(), agg.provenance()));
    }

    static String summary(AlertRule rule, AggregateRecord agg) {
        String prefix = rule.summary() != null ? rule.summary() : rule.name();
        String value = String.format(Locale.ROOT, "%s = %.4f %s for key %s", agg.operator(), agg.value(),
                agg.unit(), agg.key());
        AlertRule.Condition c = rule.condition();
        String condition;
        if (c instanceof AlertRule.Threshold th) {
            condition = String.format(Locale.ROOT, "%s %s, exit %s", th.below() ? "below" : "above",
                    fmt(th.enter()), fmt(th.exit()));
        } else if (c instanceof AlertRule.Significance s) {
            condition = "p = " + agg.pValue() + ", threshold p < " + fmt(s.pBelow());
        } else if (c instanceof AlertRule.RegimeChange rc) {
            condition = "regime " + agg.regime() + (rc.to() != null ? ", watching regime " + rc.to() : ", changed");
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
