package io.entroflow.topology.plan;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import io.entroflow.schemas.spec.InputSpec;
import io.entroflow.schemas.spec.OperatorSpec;
import io.entroflow.schemas.spec.SchemaCheckedSpec;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.schemas.spec.SpecPathException;
import io.entroflow.topology.measure.InvalidParamException;
import io.entroflow.topology.measure.MeasureCatalogue;
import io.entroflow.topology.measure.MeasureParams;
import io.entroflow.topology.operator.CheckpointableOperator;
import io.entroflow.topology.operator.OperatorContext;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.operator.SignalInfo;
import io.entroflow.topology.operator.StreamingOperator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a spec's {@code operators}: the type in the registry, the parameters against the measure
 * catalogue, the input signals, the window, and a trial operator from the factory (which checks what
 * only it can: signal kinds, alphabet packing, inline models). Every problem goes to the
 * {@link SpecErrors} with its path.
 */
final class OperatorPlanner {
    private final OperatorRegistry registry;
    private final SpecErrors errors;
    private final Map<String, PlannedSignal> signals;
    private final long latenessMillis;
    private final SchemaCheckedSpec checked;
    private final InputSpec.AlignSpec alignment;

    OperatorPlanner(OperatorRegistry registry, SpecErrors errors, Map<String, PlannedSignal> signals,
                    long latenessMillis, SchemaCheckedSpec checked) {
        this.registry = registry;
        this.errors = errors;
        this.signals = signals;
        this.latenessMillis = latenessMillis;
        this.checked = checked;
        this.alignment = checked.spec().input().align();
    }

    /**
     * The operators that resolve, in spec order, into {@code out}; returns every operator name (of a
     * schema-invalid operator too, which is not checked further).
     */
    Set<String> plan(List<OperatorSpec> specs, List<PlannedOperator> out) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            OperatorSpec o = specs.get(i);
            SpecPath path = SpecPath.of("operators").index(i);
            if (o.name() != null && !names.add(o.name())) {
                errors.add(path.field("name"), "duplicate operator name '" + o.name() + "'");
            }
            if (!checked.valid(path)) {
                continue; // its schema errors are reported
            }
            PlannedOperator p = operator(path, i, o);
            if (p != null) {
                out.add(p);
            }
        }
        return names;
    }

    private PlannedOperator operator(SpecPath path, int index, OperatorSpec o) {
        Optional<OperatorRegistry.Registered> type = registry.find(o.type());
        if (type.isEmpty()) {
            errors.add(path.field("type"), MeasureCatalogue.unknown(o.type(), registry.types()));
        }
        MeasureParams params = type.map(t -> params(path, t, o)).orElse(null);
        if (o.signals().isEmpty()) {
            errors.add(path, "needs signal or signals");
        }
        Inputs inputs = inputs(path, o);
        Window window;
        try {
            window = WindowPlanner.window(o.window(), path.field("window"), latenessMillis);
        } catch (SpecPathException e) {
            errors.add(e);
            return null;
        }
        if (params == null || inputs == null) {
            return null;
        }
        InformationUnit unit = "e".equals(o.base()) ? InformationUnit.NATS : InformationUnit.BITS;
        OperatorContext context = new OperatorContext(o, path, params, inputs.infos, window, unit);
        OperatorRegistry.Registered registered = type.get();
        try {
            StreamingOperator created = registered.factory().create(context);
            if (CheckpointableOperator.requiredFor(window) && !(created instanceof CheckpointableOperator)) {
                errors.add(path.field("window"), "type " + context.type() + " supports count and time windows only, got "
                        + window.describe());
                return null;
            }
        } catch (SpecPathException e) {
            errors.add(e);
            return null;
        } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage());
            return null;
        }
        return new PlannedOperator(index, o.name(), registered.measure().name(), inputs.indices, window,
                registered.factory(), context, inputs.aligned);
    }

    /** The validated params, or null after recording the first bad one. */
    private MeasureParams params(SpecPath path, OperatorRegistry.Registered type, OperatorSpec o) {
        try {
            return type.measure().readSpec(o.params());
        } catch (InvalidParamException e) {
            SpecPath at = path.field("params");
            errors.add(e.param() == null ? at : at.field(e.param()), e.reason());
            return null;
        }
    }

    /** The resolved input signals of an operator. */
    private record Inputs(List<SignalInfo> infos, int[] indices, boolean aligned) {
    }

    /** The operator's input signals, or null after recording the names that resolve to none. */
    private Inputs inputs(SpecPath path, OperatorSpec o) {
        List<SignalInfo> infos = new ArrayList<>();
        int[] indices = new int[o.signals().size()];
        Map<String, String> topicOfSignal = new LinkedHashMap<>();
        boolean resolved = true;
        for (int k = 0; k < o.signals().size(); k++) {
            PlannedSignal s = signals.get(o.signals().get(k));
            if (s == null && !checked.namesKnown("signals") || s != null && s.unplanned()) {
                resolved = false; // a signal the schema rejected: its errors are reported
                continue;
            }
            if (s == null) {
                errors.add(o.signal() != null ? path.field("signal") : path.field("signals").index(k),
                        "no signal named '" + o.signals().get(k) + "'");
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
        if (aligned && alignment == null && checked.valid(SpecPath.of("input"))) {
            errors.add(path.field("signals"), "signals read from different topics " + topicOfSignal
                    + " need input.align (e.g. align: {bucket: 1s}) to be aligned in event time");
        }
        return resolved ? new Inputs(infos, indices, aligned) : null;
    }
}
