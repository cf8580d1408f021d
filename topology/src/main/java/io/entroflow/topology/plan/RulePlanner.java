package io.entroflow.topology.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.operators.conformal.Side;
import io.entroflow.operators.detect.ArlApproximations;
import io.entroflow.operators.window.Window;
import io.entroflow.schemas.spec.Durations;
import io.entroflow.schemas.spec.RuleSpec;
import io.entroflow.schemas.spec.SchemaCheckedSpec;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.schemas.spec.SpecPathException;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.alert.Stride;
import io.entroflow.topology.alert.WarmUp;
import io.entroflow.topology.operator.OperatorFactory;
import io.entroflow.topology.operator.OperatorRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compiles a spec's {@code rules} into {@link AlertRule}s, checking names, references and conditions.
 *
 * <p>Conformal rules: alpha must be reachable (&ge; 1/(N+1), two-sided 2/(N+1)). Conformal and
 * change-point rules: the {@link Stride} between calibration values (conformal) or detector values
 * (change-point) defaults to the operator's count-window length (events) or time-window span (event
 * time), so those windows do not overlap, and is required over decay and cumulative windows, whose
 * values always share history. Change-point rules: the threshold comes from {@code arl0} (in stride
 * points) through {@link ArlApproximations} unless given raw; {@code for} must be 0 (an alarm is an event).
 * Significance and regime-change rules: only on operators whose results carry a p-value or a regime
 * ({@link OperatorFactory#reportsPValue}, {@link OperatorFactory#reportsRegime}).
 * {@code min-events} defaults to the operator's {@link PlannedOperator#warmUpEvents} (what it counts once its
 * count window is full, {@link WarmUp#MINIMUM_EVENTS} for other windows; 0 for absence rules).
 */
final class RulePlanner {
    private final SpecErrors errors;
    private final SchemaCheckedSpec checked;
    private final OperatorRegistry registry;

    RulePlanner(SpecErrors errors, SchemaCheckedSpec checked, OperatorRegistry registry) {
        this.errors = errors;
        this.checked = checked;
        this.registry = registry;
    }

    /**
     * The rules that compile, in spec order (a schema-invalid rule is skipped); {@code operatorNames} are the
     * spec's operator names, {@code operators} those that were planned (each one's window, its
     * {@link PlannedOperator#warmUpEvents} as the default {@code min-events}, and what its results carry).
     */
    List<AlertRule> plan(List<RuleSpec> specs, Set<String> operatorNames, List<PlannedOperator> operators) {
        Map<String, PlannedOperator> planned = new HashMap<>();
        operators.forEach(o -> planned.put(o.name(), o));
        Map<String, Long> warmUps = new HashMap<>(); // warmUpEvents() feeds a probe operator: once per operator
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ruleNames = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            RuleSpec r = specs.get(i);
            SpecPath path = SpecPath.of("rules").index(i);
            if (r.name() != null && !ruleNames.add(r.name())) {
                errors.add(path.field("name"), "duplicate rule name '" + r.name() + "'");
            }
            if (!checked.valid(path)) {
                continue; // its schema errors are reported
            }
            if (!operatorNames.contains(r.operator()) && checked.namesKnown("operators")) {
                errors.add(path.field("operator"), "no operator named '" + r.operator() + "'");
            }
            PlannedOperator operator = planned.get(r.operator());
            requireReadableCondition(path, r, operator);
            Window window = operator == null ? null : operator.window();
            long warmUp = operator == null ? WarmUp.minimumEvents(null)
                    : warmUps.computeIfAbsent(operator.name(), name -> operator.warmUpEvents());
            AlertRule rule = rule(path, r, window, warmUp);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /**
     * Refuses a condition on a result field the operator never fills: {@code significance} needs a
     * p-value, {@code regime-change} a regime; without them the rule could never fire.
     */
    private void requireReadableCondition(SpecPath path, RuleSpec r, PlannedOperator operator) {
        if (operator == null) {
            return; // unknown or unplanned operator: its own error is recorded
        }
        if (r.significance() != null && !operator.factory().reportsPValue()) {
            errors.add(path.field("significance"), cannotRead(operator, "computes no p-value", "significance",
                    OperatorFactory::reportsPValue));
        }
        if (r.regimeChange() != null && !operator.factory().reportsRegime()) {
            errors.add(path.field("regime-change"), cannotRead(operator, "has no regimes", "regime-change",
                    OperatorFactory::reportsRegime));
        }
    }

    private String cannotRead(PlannedOperator operator, String lack, String condition, Predicate<OperatorFactory> reads) {
        List<String> types = registry.types().stream().filter(t -> reads.test(registry.factory(t))).sorted().toList();
        return "operator '" + operator.name() + "' (" + operator.type() + ") " + lack + ", so the rule could never fire; "
                + condition + " rules need an operator of type " + String.join(", ", types);
    }

    private AlertRule rule(SpecPath path, RuleSpec r, Window window, long warmUpEvents) {
        long forMs = errors.duration(path.field("for"), r.forDuration());
        long keepMs = errors.duration(path.field("keep-firing-for"), r.keepFiringFor());
        List<AlertRule.Condition> conditions = new ArrayList<>();
        if (r.threshold() != null) {
            threshold(path.field("threshold"), r.threshold(), conditions);
        }
        if (r.significance() != null) {
            conditions.add(new AlertRule.Significance(r.significance().pBelow()));
        }
        if (r.regimeChange() != null) {
            conditions.add(new AlertRule.RegimeChange(r.regimeChange().to()));
        }
        if (r.drift() != null) {
            RuleSpec.Drift d = r.drift();
            int min = d.minBaseline() != null ? d.minBaseline() : d.baseline();
            if (min > d.baseline()) {
                errors.add(path.field("drift").field("min-baseline"), "must be <= baseline (" + d.baseline()
                        + "), got " + min);
            }
            conditions.add(new AlertRule.Drift(d.baseline(), min, d.z(), d.exitZ() != null ? d.exitZ() : d.z()));
        }
        if (r.conformal() != null) {
            conditions.add(conformal(path.field("conformal"), r.conformal(), window, r.operator()));
        }
        if (r.absence() != null) {
            long after = errors.duration(path.field("absence").field("after"), r.absence().after());
            if (after <= 0) {
                errors.add(path.field("absence").field("after"), "must be > 0, got " + r.absence().after());
            } else {
                conditions.add(new AlertRule.Absence(after));
            }
        }
        if (r.changePoint() != null) {
            conditions.add(changePoint(path.field("change-point"), r.changePoint(), window, r.operator()));
            if (forMs > 0) {
                errors.add(path.field("for"), "must be 0 for a change-point rule (an alarm is an event; use "
                        + "keep-firing-for), got " + r.forDuration());
            }
        }
        conditions.removeIf(c -> c == null);
        int given = (r.threshold() != null ? 1 : 0) + (r.significance() != null ? 1 : 0) + (r.regimeChange() != null ? 1 : 0)
                + (r.drift() != null ? 1 : 0) + (r.conformal() != null ? 1 : 0) + (r.changePoint() != null ? 1 : 0)
                + (r.absence() != null ? 1 : 0);
        if (given != 1) {
            errors.add(path, "give exactly one condition (threshold, significance, regime-change, drift, conformal, "
                    + "change-point, absence), got " + given);
            return null;
        }
        if (conditions.size() != 1) {
            return null; // the condition's own error is recorded
        }
        long minEvents = r.minEvents() != null ? r.minEvents()
                : r.absence() != null ? 0 : warmUpEvents;
        return new AlertRule(r.name(), r.operator(), r.severity(), r.summary(), forMs, keepMs, minEvents,
                conditions.get(0));
    }

    private void threshold(SpecPath path, RuleSpec.Threshold t, List<AlertRule.Condition> conditions) {
        if ((t.above() == null) == (t.below() == null)) {
            errors.add(path, "give exactly one of above or below");
            return;
        }
        boolean below = t.below() != null;
        double enter = below ? t.below() : t.above();
        double exit = t.exit() != null ? t.exit() : enter;
        if (below ? exit < enter : exit > enter) {
            errors.add(path.field("exit"), "must be " + (below ? ">=" : "<=") + " the enter level " + enter
                    + " (hysteresis), got " + exit);
        }
        conditions.add(new AlertRule.Threshold(below, enter, exit));
    }

    private AlertRule.Conformal conformal(SpecPath path, RuleSpec.Conformal c, Window window, String operator) {
        Side side = side(path.field("side"), c.side());
        if (c.calibration() == null) {
            errors.add(path, "calibration is required");
            return null;
        }
        if ((c.alpha() == null) == (c.fdr() == null)) {
            errors.add(c.alpha() == null ? path : path.field("alpha"), c.alpha() == null
                    ? "give alpha (each key tested at alpha) or fdr (online FDR control across keys)"
                    : "not used with fdr (the FDR rule gives each test its level): remove alpha or fdr");
            return null;
        }
        int n = c.calibration();
        double smallest = (side == Side.TWO_SIDED ? 2.0 : 1.0) / (n + 1.0);
        double alpha = c.alpha() != null ? c.alpha() : smallest; // with fdr the calibrator's own alarm is unused
        AlertRule.Fdr fdr = c.fdr() != null ? fdr(path.field("fdr"), c.fdr(), n) : null;
        boolean ok = side != null && (c.fdr() == null || fdr != null);
        if (side != null && alpha < smallest) {
            errors.add(path.field("alpha"), alpha + " is below " + (side == Side.TWO_SIDED ? "2" : "1")
                    + "/(calibration+1) = " + String.format(Locale.ROOT, "%.6g", smallest) + " for calibration = " + n
                    + " and side " + side.name().toLowerCase(Locale.ROOT).replace('_', '-') + ": no value could alarm; raise calibration to at least "
                    + (long) Math.ceil((side == Side.TWO_SIDED ? 2.0 : 1.0) / alpha - 1));
            ok = false;
        }
        Stride stride = stride(path.field("stride"), c.stride(), window, operator, "calibration values");
        if (!ok || stride == null) {
            return null;
        }
        AlertRule.Conformal rule = new AlertRule.Conformal(alpha, side, n, stride,
                c.seed() != null ? c.seed() : 0L, c.quarantine() != null ? c.quarantine() : 3, fdr);
        try {
            rule.newCalibrator(0);
        } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage());
            return null;
        }
        return rule;
    }

    /**
     * The stride of a conformal or change-point rule: {@code given} events (an integer) or event time
     * (a duration), else the count-window length or time-window span of the operator's {@code window};
     * null after recording an error (a bad value, or none given over a decay or cumulative window).
     * A null {@code window} (the operator did not resolve, its own error is recorded) gives one event.
     */
    private Stride stride(SpecPath path, JsonNode given, Window window, String operator, String between) {
        if (given != null && given.isIntegralNumber()) {
            return Stride.ofEvents(given.asLong()); // >= 1: the schema's minimum
        }
        if (given != null) {
            long millis;
            try {
                millis = Durations.parseMillis(path, given.asText());
            } catch (SpecPathException e) {
                errors.add(e);
                return null;
            }
            if (millis <= 0) {
                errors.add(path, "must be > 0, got " + given.asText());
                return null;
            }
            return Stride.ofMillis(millis);
        }
        if (window instanceof Window.Count count) {
            return Stride.ofEvents(count.size());
        }
        if (window instanceof Window.Time time) {
            return Stride.ofMillis(time.spanMillis());
        }
        if (window != null) {
            errors.add(path, "required: operator '" + operator + "' has a " + window.describe()
                    + " window, whose values always share history; give events (e.g. 1000) or event time (e.g. 30s) "
                    + "between " + between);
            return null;
        }
        return Stride.ofEvents(1);
    }

    /**
     * Online FDR parameters: q in (0, 1), eta in (0, 1] (default 1), decay in (0, 1]; the default decay
     * puts the level floor q&middot;eta&middot;(1 &minus; decay) at 1/(N+1), the smallest p-value an
     * unmatched value gets without a tie (docs/alerts.md, "Online FDR in rules"), which needs
     * q&middot;eta&middot;(N+1) &gt; 1.
     */
    private AlertRule.Fdr fdr(SpecPath path, RuleSpec.Fdr f, int n) {
        double eta = f.eta() != null ? f.eta() : 1.0;
        if (f.q() == null || !(f.q() > 0 && f.q() < 1)) {
            errors.add(path.field("q"), "must be in (0, 1), got " + f.q());
            return null;
        }
        if (!(eta > 0 && eta <= 1)) {
            errors.add(path.field("eta"), "must be in (0, 1], got " + eta);
            return null;
        }
        double reach = f.q() * eta * (n + 1.0);
        if (f.decay() == null && reach <= 1) {
            errors.add(path.field("q"), "q*eta*(calibration+1) = " + String.format(Locale.ROOT, "%.4g", reach)
                    + " must be > 1 for the default decay (level floor 1/(calibration+1)): raise calibration to at least "
                    + (long) Math.floor(1 / (f.q() * eta)) + " or give decay");
            return null;
        }
        double decay = f.decay() != null ? f.decay() : 1 - 1 / reach;
        if (!(decay > 0 && decay <= 1)) {
            errors.add(path.field("decay"), "must be in (0, 1], got " + decay);
            return null;
        }
        return new AlertRule.Fdr(f.q(), decay, eta);
    }

    private AlertRule.ChangePoint changePoint(SpecPath path, RuleSpec.ChangePoint c, Window window, String operator) {
        String method = c.method();
        boolean bocpd = AlertRule.ChangePoint.BOCPD.equals(method);
        Side side = side(path.field("side"), c.side());
        if (side == null) {
            return null;
        }
        if (bocpd) {
            if (side != Side.TWO_SIDED) {
                errors.add(path.field("side"), "bocpd watches changes in either direction: must be two-sided, got "
                        + c.side());
                return null;
            }
            if (c.arl0() != null) {
                errors.add(path.field("arl0"), "bocpd has no ARL0 approximation: give threshold (p*, e.g. 0.5; "
                        + "docs/alerts.md measures its ARL0)");
                return null;
            }
            if (c.shift() != null) {
                errors.add(path.field("shift"), "not a bocpd parameter (bocpd takes hazard, window, cap, threshold)");
                return null;
            }
        } else if (c.hazard() != null || c.window() != null || c.cap() != null) {
            String field = c.hazard() != null ? "hazard" : c.window() != null ? "window" : "cap";
            errors.add(path.field(field), "only for method bocpd, got method " + method);
            return null;
        }
        if (c.arl0() != null && c.threshold() != null) {
            errors.add(path, "give arl0 or threshold, not both");
            return null;
        }
        int baseline = c.baseline() != null ? c.baseline() : 100;
        double shift = c.shift() != null ? c.shift() : 1.0;
        int bocpdWindow = c.window() != null ? c.window() : 100;
        int cap = c.cap() != null ? c.cap() : Math.max(250, 2 * bocpdWindow + 1);
        double hazard = c.hazard() != null ? c.hazard() : 1000;
        Double arl0 = null;
        double threshold;
        if (c.threshold() != null) {
            threshold = c.threshold();
        } else if (bocpd) {
            threshold = 0.5;
        } else {
            arl0 = c.arl0() != null ? c.arl0() : 1000.0;
            try {
                threshold = switch (method) {
                    case AlertRule.ChangePoint.CUSUM -> ArlApproximations.cusumThreshold(shift / 2, arl0, side);
                    case AlertRule.ChangePoint.PAGE_HINKLEY -> ArlApproximations.pageHinkleyThreshold(shift / 2, arl0, side);
                    default -> ArlApproximations.shiryaevRobertsThreshold(shift, arl0, side);
                };
            } catch (IllegalArgumentException e) {
                errors.add(path.field(c.arl0() != null ? "arl0" : "shift"), e.getMessage());
                return null;
            }
        }
        String range = switch (method) {
            case AlertRule.ChangePoint.SHIRYAEV_ROBERTS -> threshold > 1 && threshold < 1e300 ? null : "(1, 1e300)";
            case AlertRule.ChangePoint.BOCPD -> threshold > 0 && threshold < 1 ? null : "(0, 1)";
            default -> threshold > 0 && threshold < 1e6 ? null : "(0, 1e6)";
        };
        if (range != null) {
            errors.add(path.field("threshold"), "must be in " + range + " for " + method + ", got " + threshold);
            return null;
        }
        if (bocpd && cap < 2 * bocpdWindow + 1) {
            errors.add(path.field("cap"), "must be at least 2*window+1 = " + (2 * bocpdWindow + 1) + ", got " + cap);
            return null;
        }
        Stride stride = stride(path.field("stride"), c.stride(), window, operator, "detector values");
        if (stride == null) {
            return null;
        }
        AlertRule.ChangePoint rule = new AlertRule.ChangePoint(method, side, baseline, threshold, arl0, shift, hazard,
                bocpdWindow, cap, stride);
        try {
            rule.newDetector();
        } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage()); // not reached for schema-valid input: the checks above cover the detectors'
            return null;
        }
        return rule;
    }

    /** {@code low}, {@code high}, {@code two-sided} (default); null after recording a bad one. */
    private Side side(SpecPath path, String text) {
        if (text == null) {
            return Side.TWO_SIDED;
        }
        return switch (text) {
            case "low" -> Side.LOW;
            case "high" -> Side.HIGH;
            case "two-sided" -> Side.TWO_SIDED;
            default -> {
                errors.add(path, "must be one of [\"low\",\"high\",\"two-sided\"], got \"" + text + "\"");
                yield null;
            }
        };
    }
}
