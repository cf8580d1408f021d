package io.entroflow.topology.plan;

import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.route.RoutingPlan;

import java.util.List;

/**
 * A monitor ready to run: the spec, resolved signals, operators and rules. Immutable.
 *
 * @param spec       the validated spec
 * @param signals    resolved signals, in spec order
 * @param operators  resolved operators, in spec order
 * @param rules      compiled alert rules, in spec order
 * @param latenessMillis allowed lateness
 * @param intervalMillis aggregate interval
 * @param expireAfterMillis forget a key this far behind stream time at an interval boundary (0: never)
 * @param routing    alert routing, or null when the spec has no {@code routing} section
 */
public record MonitorPlan(MonitorSpec spec, List<PlannedSignal> signals, List<PlannedOperator> operators,
                          List<AlertRule> rules, long latenessMillis, long intervalMillis,
                          long expireAfterMillis, RoutingPlan routing) {
    /** A plan without routing. */
    public MonitorPlan(MonitorSpec spec, List<PlannedSignal> signals, List<PlannedOperator> operators,
                       List<AlertRule> rules, long latenessMillis, long intervalMillis, long expireAfterMillis) {
        this(spec, signals, operators, rules, latenessMillis, intervalMillis, expireAfterMillis, null);
    }

    public MonitorPlan {
        signals = List.copyOf(signals);
        operators = List.copyOf(operators);
        rules = List.copyOf(rules);
    }

    /** True when some operator needs the event-time alignment of signals from different topics. */
    public boolean aligned() {
        return operators.stream().anyMatch(PlannedOperator::aligned);
    }

    /** Monitor name. */
    public String monitor() {
        return spec.monitor();
    }
}
