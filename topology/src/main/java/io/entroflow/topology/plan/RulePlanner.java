package io.entroflow.topology.plan;

import io.entroflow.schemas.spec.RuleSpec;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.topology.alert.AlertRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Compiles a spec's {@code rules} into {@link AlertRule}s, checking names, references and conditions. */
final class RulePlanner {
    private final SpecErrors errors;

    RulePlanner(SpecErrors errors) {
        this.errors = errors;
    }

    /** The rules that compile, in spec order; {@code operatorNames} are the spec's operator names. */
    List<AlertRule> plan(List<RuleSpec> specs, Set<String> operatorNames) {
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ruleNames = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            RuleSpec r = specs.get(i);
            SpecPath path = SpecPath.of("rules").index(i);
            if (!ruleNames.add(r.name())) {
                errors.add(path.field("name"), "duplicate rule name '" + r.name() + "'");
            }
            if (!operatorNames.contains(r.operator())) {
                errors.add(path.field("operator"), "no operator named '" + r.operator() + "'");
            }
            AlertRule rule = rule(path, r);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private AlertRule rule(SpecPath path, RuleSpec r) {
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
        if (conditions.size() != 1) {
            errors.add(path, "give exactly one condition (threshold, significance, regime-change, drift), got "
                    + conditions.size());
            return null;
        }
        return new AlertRule(r.name(), r.operator(), r.severity(), r.summary(), forMs, keepMs, r.minEvents(),
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
}
