package io.entroflow.topology.plan;

import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.SchemaCheckedSpec;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.route.RoutingPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a schema-valid {@link MonitorSpec} into a {@link MonitorPlan}, checking what the schema
 * cannot: unique names, references between signals, operators and rules, the fields each signal
 * kind needs, and each operator's parameters (against the measure catalogue, then by building one
 * with its factory). Every problem is collected and reported together by path.
 *
 * <p>This class checks the input and aggregate settings and runs the three planners in order, each
 * with one job: {@link SignalPlanner}, {@link OperatorPlanner} (with {@link WindowPlanner}),
 * {@link RulePlanner}; they report to one {@link SpecErrors}, after the schema errors, and skip the
 * parts of the spec the schema errors lie in ({@link SchemaCheckedSpec}).
 */
public final class MonitorPlanner {
    /** Categorical alphabet bound when a signal gives neither values nor max-categories. */
    public static final int DEFAULT_MAX_CATEGORIES = SignalPlanner.DEFAULT_MAX_CATEGORIES;

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
        return plan(source, SchemaCheckedSpec.valid(spec));
    }

    /**
     * The plan of a spec read by {@link io.entroflow.schemas.spec.MonitorSpecLoader#read}: its schema
     * errors and the planner's are reported together, the schema errors first; the planner skips the parts
     * the schema errors lie in.
     *
     * @throws SpecValidationException listing every problem by path
     */
    public MonitorPlan plan(String source, SchemaCheckedSpec checked) {
        if (checked.spec() == null) {
            throw new SpecValidationException(source, checked.errors());
        }
        MonitorSpec spec = checked.spec();
        SpecErrors errors = new SpecErrors(checked.errors());
        long lateness = errors.duration(SpecPath.of("input").field("lateness"), spec.input().lateness());
        long interval = positiveDuration(errors, SpecPath.of("aggregates").field("interval"),
                spec.aggregates().interval());
        long expireAfter = spec.aggregates().neverExpire() ? 0
                : positiveDuration(errors, SpecPath.of("aggregates").field("expire-after"), spec.aggregates().expireAfter());
        if (spec.input().key().fromField() && spec.input().key().field() == null) {
            errors.add(SpecPath.of("input").field("key").field("field"), "required when key.from is field");
        }
        if (spec.input().time().fromField() && spec.input().time().field() == null) {
            errors.add(SpecPath.of("input").field("time").field("field"), "required when time.from is field");
        }
        if (!spec.input().maxFutureOff()) {
            errors.duration(SpecPath.of("input").field("max-future"), spec.input().maxFuture());
        }
        if (spec.input().align() != null) {
            positiveDuration(errors, SpecPath.of("input").field("align").field("bucket"), spec.input().align().bucket());
        }
        List<PlannedSignal> signals = new ArrayList<>();
        Map<String, PlannedSignal> byName = new SignalPlanner(checked, errors).plan(signals);
        List<PlannedOperator> operators = new ArrayList<>();
        Set<String> operatorNames = new OperatorPlanner(registry, errors, byName, lateness, checked)
                .plan(spec.operators(), operators);
        List<AlertRule> rules = new RulePlanner(errors, checked, registry).plan(spec.rules(), operatorNames, operators);
        RoutingPlan routing = RoutingPlan.plan(spec.monitor(), spec.routing(), Math.max(1, interval), errors::add);
        if (routing != null && spec.rules().isEmpty() && checked.valid(SpecPath.of("rules"))) {
            errors.add(SpecPath.of("routing"), "needs rules: without rules there are no alerts to route");
        }
        errors.throwIfAny(source);
        return new MonitorPlan(spec, signals, operators, rules, lateness, interval, expireAfter, routing);
    }

    /** A duration that must be &gt; 0; 0 after recording why not. */
    private static long positiveDuration(SpecErrors errors, SpecPath path, String text) {
        long ms = errors.duration(path, text);
        if (ms == 0) {
            errors.add(path, "must be > 0, got " + text);
        }
        return ms;
    }
}
