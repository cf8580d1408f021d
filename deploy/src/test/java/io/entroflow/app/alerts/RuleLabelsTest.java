package io.entroflow.app.alerts;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.route.Route;
import io.entroflow.topology.operator.OperatorRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code routes test --labels 'alertname=r,rule=r,key=k'} (the README's example) is checked with the
 * labels the monitor really puts on an alert of rule r: a subscription on {@code severity=critical}
 * receives a critical rule's alert.
 */
class RuleLabelsTest {
    private static final List<AlertRule> RULES = plan().rules();

    private static MonitorPlan plan() {
        return new MonitorPlanner(OperatorRegistry.standard()).plan("spec", MonitorSpecLoader.parse("spec", """
                monitor: payments
                input: {topics: [payments], key: {field: /user}, time: {field: /ts}}
                signals: [{name: kind, kind: categorical, field: /kind}]
                operators: [{name: kind-entropy, type: entropy, signal: kind, window: {count: 200}}]
                rules:
                  - {name: kind-mix-collapse, operator: kind-entropy, severity: critical, threshold: {below: 0.5, exit: 1.0}}
                  - {name: kind-low, operator: kind-entropy, threshold: {below: 1.0}}
                routing: {}
                """));
    }

    @Test
    void shouldAddTheLabelsTheMonitorSetsForTheNamedRule() {
        RuleLabels l = RuleLabels.complete(Map.of("alertname", "kind-mix-collapse", "rule", "kind-mix-collapse", "key", "u1"),
                "payments", RULES);
        assertThat(l.labels()).containsExactlyEntriesOf(new TreeMap<>(Map.of("alertname", "kind-mix-collapse",
                "key", "u1", "monitor", "payments", "operator", "kind-entropy", "rule", "kind-mix-collapse", "severity", "critical")));
        assertThat(l.rule()).isEqualTo("kind-mix-collapse");
        assertThat(l.added()).containsExactly("monitor", "operator", "severity");
        Route team = Route.of(new Subscription("team", "severity=critical", Subscription.Target.webhook("http://h/team"),
                null, null, null, null, null));
        assertThat(RouteCheck.of(l.labels(), List.of(team), List.of(), List.of(), List.of(), 0L).receiving())
                .as("the README's team subscription gets kind-mix-collapse's alerts").containsExactly(team);
        assertThat(RuleLabels.complete(Map.of("rule", "kind-low"), "payments", RULES).labels())
                .containsEntry("alertname", "kind-low").containsEntry("severity", "warning");
    }

    @Test
    void shouldKeepGivenLabelsAndLeaveUnknownRulesAlone() {
        assertThat(RuleLabels.complete(Map.of("alertname", "kind-mix-collapse", "severity", "info"), "payments", RULES).labels())
                .containsEntry("severity", "info").containsEntry("operator", "kind-entropy");
        RuleLabels unknown = RuleLabels.complete(Map.of("alertname", "other", "key", "u1"), "payments", RULES);
        assertThat(unknown.labels()).containsOnlyKeys("alertname", "key");
        assertThat(unknown.rule()).isNull();
        assertThat(unknown.added()).isEmpty();
        assertThat(RuleLabels.complete(Map.of("alertname", "kind-low", "rule", "kind-mix-collapse"), "payments", RULES).added())
                .as("no alert of the monitor has two different names").isEmpty();
        assertThat(RuleLabels.complete(Map.of("key", "u1"), "payments", RULES).added()).isEmpty();
    }
}
