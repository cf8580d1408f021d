package io.entroflow.topology.plan;

import io.entroflow.operators.symbol.OrdinalPatterns;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.SchemaCheckedSpec;
import io.entroflow.schemas.spec.SignalSpec;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.topology.operator.SignalInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a spec's {@code signals}: each signal's kind, fields and symboliser checked, its alphabet
 * size computed, joint signals bound to their earlier parts, topics checked against the input topics.
 */
final class SignalPlanner {
    /** Categorical alphabet bound when a signal gives neither values nor max-categories. */
    static final int DEFAULT_MAX_CATEGORIES = 256;

    private final MonitorSpec spec;
    private final SchemaCheckedSpec checked;
    private final SpecErrors errors;

    SignalPlanner(SchemaCheckedSpec checked, SpecErrors errors) {
        this.spec = checked.spec();
        this.checked = checked;
        this.errors = errors;
    }

    /**
     * The resolved signals by name, in spec order (a duplicate name keeps the first); a schema-invalid
     * signal is there by its name, {@linkplain PlannedSignal#unplanned() unplanned}.
     */
    Map<String, PlannedSignal> plan(List<PlannedSignal> out) {
        Map<String, PlannedSignal> byName = new LinkedHashMap<>();
        for (int i = 0; i < spec.signals().size(); i++) {
            SignalSpec s = spec.signals().get(i);
            SpecPath path = SpecPath.of("signals").index(i);
            PlannedSignal p = !checked.valid(path) ? PlannedSignal.unplanned(i, s)
                    : PlannedSignal.JOINT.equals(s.kind()) ? joint(path, i, s, byName)
                    : new PlannedSignal(i, s, info(path, s), new int[0], topic(path, s));
            if (s.name() != null && byName.putIfAbsent(s.name(), p) != null) {
                errors.add(path.field("name"), "duplicate signal name '" + s.name() + "'");
            }
            out.add(p);
        }
        return byName;
    }

    private PlannedSignal joint(SpecPath path, int index, SignalSpec s, Map<String, PlannedSignal> earlier) {
        if (s.of() == null || s.of().size() < 2) {
            errors.add(path.field("of"), "a joint signal needs at least 2 earlier symbolic signals, got " + s.of());
            return new PlannedSignal(index, s, new SignalInfo(s.name(), true, 1, null), new int[0], null);
        }
        if (s.field() != null || s.symbolize() != null || s.values() != null || s.topic() != null) {
            errors.add(path, "a joint signal takes only name, kind and of");
        }
        int[] parts = new int[s.of().size()];
        long size = 1;
        String topic = null;
        for (int k = 0; k < parts.length; k++) {
            PlannedSignal p = earlier.get(s.of().get(k));
            if (p == null && !checked.namesKnown("signals") || p != null && p.unplanned()) {
                continue; // a part the schema rejected: its error is reported
            }
            if (p == null || !p.info().symbolic()) {
                errors.add(path.field("of").index(k), "no earlier symbolic signal named '" + s.of().get(k) + "'");
                continue;
            }
            if (p.topic() != null && topic != null && !topic.equals(p.topic())) {
                errors.add(path.field("of").index(k), "signal '" + p.name() + "' reads topic " + p.topic()
                        + ", an earlier part reads " + topic + "; the parts of a joint signal must come from one topic");
            }
            topic = p.topic() != null ? p.topic() : topic;
            parts[k] = p.index();
            size *= p.info().alphabetSize();
        }
        if (size > (1 << 24)) {
            errors.add(path.field("of"), "joint alphabet " + size + " exceeds 2^24 symbols");
            size = 1;
        }
        return new PlannedSignal(index, s, new SignalInfo(s.name(), true, (int) size, null), parts, topic);
    }

    /** The topic a field-reading signal is bound to, checked against the input topics. */
    private String topic(SpecPath path, SignalSpec s) {
        if (s.topic() == null) {
            return null;
        }
        if (PlannedSignal.INTER_ARRIVAL.equals(s.kind())) {
            errors.add(path.field("topic"), "only categorical and numeric signals read a field, got kind " + s.kind());
        } else if (checked.valid(SpecPath.of("input")) && !spec.input().topics().contains(s.topic())) {
            errors.add(path.field("topic"), "'" + s.topic() + "' is not one of input.topics " + spec.input().topics());
        }
        return s.topic();
    }

    private SignalInfo info(SpecPath path, SignalSpec s) {
        switch (s.kind()) {
            case PlannedSignal.CATEGORICAL:
                if (s.field() == null) {
                    errors.add(path.field("field"), "required for a categorical signal");
                }
                if (s.symbolize() != null) {
                    errors.add(path.field("symbolize"), "not allowed for a categorical signal");
                }
                int size = s.values() != null ? s.values().size()
                        : s.maxCategories() != null ? s.maxCategories() : DEFAULT_MAX_CATEGORIES;
                return new SignalInfo(s.name(), true, size, s.values());
            case PlannedSignal.NUMERIC:
            case PlannedSignal.INTER_ARRIVAL:
                if (PlannedSignal.NUMERIC.equals(s.kind()) && s.field() == null) {
                    errors.add(path.field("field"), "required for a numeric signal");
                }
                if (s.values() != null) {
                    errors.add(path.field("values"), "only for categorical signals");
                }
                return s.symbolize() == null ? new SignalInfo(s.name(), false, 0, null) : symbolized(path, s);
            default:
                errors.add(path.field("kind"), "unknown '" + s.kind() + "'");
                return new SignalInfo(s.name(), false, 0, null);
        }
    }

    private SignalInfo symbolized(SpecPath path, SignalSpec s) {
        SignalSpec.SymbolizeSpec y = s.symbolize();
        if ("bins".equals(y.method())) {
            if (y.bins() == null || y.min() == null || y.max() == null) {
                errors.add(path.field("symbolize"), "method bins needs bins, min and max");
                return new SignalInfo(s.name(), true, 1, null);
            }
            if (!(y.max() > y.min())) {
                errors.add(path.field("symbolize").field("max"), "must be > min (" + y.min() + "), got " + y.max());
            }
            return new SignalInfo(s.name(), true, y.bins(), null);
        }
        if (y.dimension() == null) {
            errors.add(path.field("symbolize").field("dimension"), "required for method ordinal");
            return new SignalInfo(s.name(), true, 1, null);
        }
        // d! patterns; the schema bounds d to 2..10
        return new SignalInfo(s.name(), true, OrdinalPatterns.factorial(y.dimension()), null);
    }
}
