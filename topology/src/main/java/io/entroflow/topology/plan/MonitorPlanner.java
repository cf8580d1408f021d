package io.entroflow.topology.plan;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import io.entroflow.schemas.spec.Durations;
import io.entroflow.schemas.spec.InputSpec;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.OperatorSpec;
import io.entroflow.schemas.spec.RuleSpec;
import io.entroflow.schemas.spec.SignalSpec;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.schemas.spec.WindowSpec;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.operator.CheckpointableOperator;
import io.entroflow.topology.operator.OperatorContext;
import io.entroflow.topology.operator.OperatorFactory;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.operator.SignalInfo;
import io.entroflow.topology.operator.StreamingOperator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a schema-valid {@link MonitorSpec} into a {@link MonitorPlan}, checking what the schema
 * cannot: unique names, references between signals, operators and rules, the fields each signal
 * kind needs, and each operator's parameters (by building one with its factory). Every problem is
 * collected and reported together by path.
 */
public final class MonitorPlanner {
    /** Categorical alphabet bound when a signal gives neither values nor max-categories. */
    public static final int DEFAULT_MAX_CATEGORIES = 256;

    private final OperatorRegistry registry;

    public MonitorPlanner(OperatorRegistry registry) {
        this.registry = registry;
    }

    /**
     * The plan of {@code spec}.
     *
     * @throws SpecValidationException listing every problem by path
     */
    public MonitorPlan plan(String source, MonitorSpec spec) {
        List<String> errors = new ArrayList<>();
        long lateness = duration(errors, "input.lateness", spec.input().lateness());
        long interval = duration(errors, "aggregates.interval", spec.aggregates().interval());
        if (interval == 0) {
            errors.add("aggregates.interval: must be > 0, got " + spec.aggregates().interval());
        }
        long expireAfter = 0;
        if (spec.aggregates().expireAfter() != null) {
            expireAfter = duration(errors, "aggregates.expire-after", spec.aggregates().expireAfter());
            if (expireAfter == 0) {
                errors.add("aggregates.expire-after: must be > 0, got " + spec.aggregates().expireAfter());
            }
        }
        if (spec.input().key().fromField() && spec.input().key().field() == null) {
            errors.add("input.key.field: required when key.from is field");
        }
        if (spec.input().time().fromField() && spec.input().time().field() == null) {
            errors.add("input.time.field: required when time.from is field");
        }
        if (spec.input().align() != null
                && duration(errors, "input.align.bucket", spec.input().align().bucket()) == 0) {
            errors.add("input.align.bucket: must be > 0, got " + spec.input().align().bucket());
        }
        List<PlannedSignal> signals = new ArrayList<>();
        Map<String, PlannedSignal> byName = new HashMap<>();
        for (int i = 0; i < spec.signals().size(); i++) {
            SignalSpec s = spec.signals().get(i);
            String path = "signals[" + i + "]";
            PlannedSignal p = PlannedSignal.JOINT.equals(s.kind()) ? joint(errors, path, i, s, byName)
                    : new PlannedSignal(i, s, signalInfo(errors, path, s), new int[0], topic(errors, path, s, spec));
            if (byName.putIfAbsent(s.name(), p) != null) {
                errors.add(path + ".name: duplicate signal name '" + s.name() + "'");
            }
            signals.add(p);
        }
        List<PlannedOperator> operators = new ArrayList<>();
        Set<String> operatorNames = new HashSet<>();
        for (int i = 0; i < spec.operators().size(); i++) {
            OperatorSpec o = spec.operators().get(i);
            String path = "operators[" + i + "]";
            if (!operatorNames.add(o.name())) {
                errors.add(path + ".name: duplicate operator name '" + o.name() + "'");
            }
            PlannedOperator p = operator(errors, path, i, o, byName, lateness, spec.input().align());
            if (p != null) {
                operators.add(p);
            }
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ruleNames = new HashSet<>();
        for (int i = 0; i < spec.rules().size(); i++) {
            RuleSpec r = spec.rules().get(i);
            String path = "rules[" + i + "]";
            if (!ruleNames.add(r.name())) {
                errors.add(path + ".name: duplicate rule name '" + r.name() + "'");
            }
            if (!operatorNames.contains(r.operator())) {
                errors.add(path + ".operator: no operator named '" + r.operator() + "'");
            }
            AlertRule rule = rule(errors, path, r);
            if (rule != null) {
                rules.add(rule);
            }
        }
        if (!errors.isEmpty()) {
            throw new SpecValidationException(source, errors);
        }
        return new MonitorPlan(spec, signals, operators, rules, lateness, interval, expireAfter);
    }

    private static long duration(List<String> errors, String path, String text) {
        try {
            return Durations.parseMillis(path, text);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return 0;
        }
    }

    private static PlannedSignal joint(List<String> errors, String path, int index, SignalSpec s,
                                       Map<String, PlannedSignal> earlier) {
        if (s.of() == null || s.of().size() < 2) {
            errors.add(path + ".of: a joint signal needs at least 2 earlier symbolic signals, got " + s.of());
            return new PlannedSignal(index, s, new SignalInfo(s.name(), true, 1, null), new int[0], null);
        }
        if (s.field() != null || s.symbolize() != null || s.values() != null || s.topic() != null) {
            errors.add(path + ": a joint signal takes only name, kind and of");
        }
        int[] parts = new int[s.of().size()];
        long size = 1;
        String topic = null;
        for (int k = 0; k < parts.length; k++) {
            PlannedSignal p = earlier.get(s.of().get(k));
            if (p == null || !p.info().symbolic()) {
                errors.add(path + ".of[" + k + "]: no earlier symbolic signal named '" + s.of().get(k) + "'");
                continue;
            }
            if (p.topic() != null && topic != null && !topic.equals(p.topic())) {
                errors.add(path + ".of[" + k + "]: signal '" + p.name() + "' reads topic " + p.topic()
                        + ", an earlier part reads " + topic + "; the parts of a joint signal must come from one topic");
            }
            topic = p.topic() != null ? p.topic() : topic;
            parts[k] = p.index();
            size *= p.info().alphabetSize();
        }
        if (size > (1 << 24)) {
            errors.add(path + ".of: joint alphabet " + size + " exceeds 2^24 symbols");
            size = 1;
        }
        return new PlannedSignal(index, s, new SignalInfo(s.name(), true, (int) size, null), parts, topic);
    }

    /** The topic a field-reading signal is bound to, checked against the input topics. */
    private static String topic(List<String> errors, String path, SignalSpec s, MonitorSpec spec) {
        if (s.topic() == null) {
            return null;
        }
        if (PlannedSignal.INTER_ARRIVAL.equals(s.kind())) {
            errors.add(path + ".topic: only categorical and numeric signals read a field, got kind " + s.kind());
        } else if (!spec.input().topics().contains(s.topic())) {
            errors.add(path + ".topic: '" + s.topic() + "' is not one of input.topics " + spec.input().topics());
        }
        return s.topic();
    }

    private static SignalInfo signalInfo(List<String> errors, String path, SignalSpec s) {
        switch (s.kind()) {
            case PlannedSignal.CATEGORICAL:
                if (s.field() == null) {
                    errors.add(path + ".field: required for a categorical signal");
                }
                if (s.symbolize() != null) {
                    errors.add(path + ".symbolize: not allowed for a categorical signal");
                }
                int size = s.values() != null ? s.values().size()
                        : s.maxCategories() != null ? s.maxCategories() : DEFAULT_MAX_CATEGORIES;
                return new SignalInfo(s.name(), true, size, s.values());
            case PlannedSignal.NUMERIC:
            case PlannedSignal.INTER_ARRIVAL:
                if (PlannedSignal.NUMERIC.equals(s.kind()) && s.field() == null) {
                    errors.add(path + ".field: required for a numeric signal");
                }
                if (s.values() != null) {
                    errors.add(path + ".values: only for categorical signals");
                }
                if (s.symbolize() == null) {
                    return new SignalInfo(s.name(), false, 0, null);
                }
                SignalSpec.SymbolizeSpec y = s.symbolize();
                if ("bins".equals(y.method())) {
                    if (y.bins() == null || y.min() == null || y.max() == null) {
                        errors.add(path + ".symbolize: method bins needs bins, min and max");
                        return new SignalInfo(s.name(), true, 1, null);
                    }
                    if (!(y.max() > y.min())) {
                        errors.add(path + ".symbolize.max: must be > min (" + y.min() + "), got " + y.max());
                    }
                    return new SignalInfo(s.name(), true, y.bins(), null);
                }
                if (y.dimension() == null) {
                    errors.add(path + ".symbolize.dimension: required for method ordinal");
                    return new SignalInfo(s.name(), true, 1, null);
                }
                int factorial = 1;
                for (int k = 2; k <= y.dimension(); k++) {
                    factorial *= k;
                }
                return new SignalInfo(s.name(), true, factorial, null);
            default:
                errors.add(path + ".kind: unknown '" + s.kind() + "'");
                return new SignalInfo(s.name(), false, 0, null);
        }
    }

    private PlannedOperator operator(List<String> errors, String path, int index, OperatorSpec o,
                                     Map<String, PlannedSignal> signals, long lateness, InputSpec.AlignSpec alignment) {
        OperatorFactory factory = registry.factory(o.type());
        if (factory == null) {
            errors.add(path + ".type: unknown operator type '" + o.type() + "'; registered: " + registry.types());
        }
        if (o.signals().isEmpty()) {
            errors.add(path + ": needs signal or signals");
        }
        List<SignalInfo> infos = new ArrayList<>();
        int[] indices = new int[o.signals().size()];
        Map<String, String> topicOfSignal = new LinkedHashMap<>();
        boolean resolved = true;
        for (int k = 0; k < o.signals().size(); k++) {
            PlannedSignal s = signals.get(o.signals().get(k));
            if (s == null) {
                errors.add(path + (o.signal() != null ? ".signal" : ".signals[" + k + "]") + ": no signal named '"
                        + o.signals().get(k) + "'");
                resolved = false;
                continue;
            }
            infos.add(s.info());
            indices[k] = s.index();
            if (s.topic() != null) {
                topicOfSignal.put(s.name(), s.topic());
            }
        }
        boolean aligned = new HashSet<>(topicOfSignal.values()).size() > 1;
        if (aligned && alignment == null) {
            errors.add(path + ".signals: signals read from different topics " + topicOfSignal
                    + " need input.align (e.g. align: {bucket: 1s}) to be aligned in event time");
        }
        Window window;
        try {
            window = window(o.window(), path + ".window", lateness);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage() != null && e.getMessage().startsWith(path) ? e.getMessage()
                    : path + ".window: " + e.getMessage());
            return null;
        }
        InformationUnit unit = "e".equals(o.base()) ? InformationUnit.NATS : InformationUnit.BITS;
        if (factory == null || !resolved) {
            return null;
        }
        OperatorContext context = new OperatorContext(o, path, infos, window, unit);
        try {
            StreamingOperator created = factory.create(context);
            if (CheckpointableOperator.requiredFor(window) && !(created instanceof CheckpointableOperator)) {
                errors.add(path + ".window: type " + o.type() + " supports count and time windows only, got "
                        + window.describe());
                return null;
            }
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage() != null && e.getMessage().startsWith(path) ? e.getMessage()
                    : path + ": " + e.getMessage());
            return null;
        }
        return new PlannedOperator(index, o.name(), o.type(), indices, window, factory, context, aligned);
    }

    /**
     * The library window of a spec window; no window (allowed by the schema for {@code hmm} only) is
     * cumulative.
     *
     * @throws IllegalArgumentException naming the path of a bad value
     */
    static Window window(WindowSpec w, String path, long latenessMillis) {
        if (w == null || w.isCumulative()) {
            return Window.cumulative();
        }
        if (w.isCount()) {
            return Window.count(w.count());
        }
        if (w.isTime()) {
            return Window.time(Duration.ofMillis(w.spanMillis(path)), Duration.ofMillis(latenessMillis));
        }
        if (w.decay() != null) {
            WindowSpec.Decay d = w.decay();
            return d.inEventTime() ? Window.decayTime(Duration.ofMillis(d.halfLifeMillis(path + ".decay")))
                    : Window.decayEvents(d.halfLifeEvents(path + ".decay"));
        }
        throw new IllegalArgumentException(path + ": expected one of count, time, decay or cumulative: true");
    }

    private static AlertRule rule(List<String> errors, String path, RuleSpec r) {
        long forMs = duration(errors, path + ".for", r.forDuration());
        long keepMs = duration(errors, path + ".keep-firing-for", r.keepFiringFor());
        List<AlertRule.Condition> conditions = new ArrayList<>();
        if (r.threshold() != null) {
            RuleSpec.Threshold t = r.threshold();
            if ((t.above() == null) == (t.below() == null)) {
                errors.add(path + ".threshold: give exactly one of above or below");
            } else {
                boolean below = t.below() != null;
                double enter = below ? t.below() : t.above();
                double exit = t.exit() != null ? t.exit() : enter;
                if (below ? exit < enter : exit > enter) {
                    errors.add(path + ".threshold.exit: must be " + (below ? ">=" : "<=") + " the enter level "
                            + enter + " (hysteresis), got " + exit);
                }
                conditions.add(new AlertRule.Threshold(below, enter, exit));
            }
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
                errors.add(path + ".drift.min-baseline: must be <= baseline (" + d.baseline() + "), got " + min);
            }
            conditions.add(new AlertRule.Drift(d.baseline(), min, d.z(), d.exitZ() != null ? d.exitZ() : d.z()));
        }
        if (conditions.size() != 1) {
            errors.add(path + ": give exactly one condition (threshold, significance, regime-change, drift), got "
                    + conditions.size());
            return null;
        }
        return new AlertRule(r.name(), r.operator(), r.severity(), r.summary(), forMs, keepMs, r.minEvents(),
                conditions.get(0));
    }
}
