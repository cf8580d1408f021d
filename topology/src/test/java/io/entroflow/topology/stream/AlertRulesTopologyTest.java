package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AlertRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule kind through the whole topology, driven by the test-only {@code probe} operator whose
 * value (and p-value, regime) is the last raw input. One event per second; the aggregate stamped
 * at second i carries the value sent at second i&minus;1.
 */
class AlertRulesTopologyTest {
    private static String spec(String rule) {
        return """
                monitor: m
                input:
                  topics: [events]
                  time: {field: /ts}
                signals:
                  - {name: x, kind: numeric, field: /x}
                operators:
                  - {name: p, type: probe, signal: x, window: {count: 1}}
                aggregates: {interval: 1s}
                rules:
                  - name: r
                    operator: p
                    severity: critical
                """ + rule.indent(4);
    }

    /** Sends value i at second i+1 and one trailing event, so every value is evaluated once. */
    private static List<AlertRecord> run(String rule, double... values) {
        try (MonitorDriver d = new MonitorDriver(spec(rule))) {
            for (int i = 0; i < values.length; i++) {
                d.send("k", "{\"ts\": " + (i + 1) * 1000 + ", \"x\": " + values[i] + "}", 0);
            }
            d.send("k", "{\"ts\": " + (values.length + 1) * 1000 + ", \"x\": 0}", 0);
            List<AlertRecord> events = d.alertEvents();
            assertThat(d.alertState()).isEqualTo(events);
            return events;
        }
    }

    private static List<String> statuses(List<AlertRecord> events) {
        return events.stream().map(AlertRecord::status).toList();
    }

    @Test
    void shouldFireOnceAndResolveOnceWithHysteresisOnTheValue() {
        // enter below 1, exit above 2: 1.5 neither enters nor exits
        List<AlertRecord> events = run("threshold: {below: 1.0, exit: 2.0}", 3, 1.5, 0.5, 1.5, 0.5, 1.5, 2.5, 1.5, 0.5, 3);
        assertThat(statuses(events)).containsExactly("firing", "resolved", "firing", "resolved");
        AlertRecord firing = events.get(0);
        assertThat(firing.labels()).containsEntry("alertname", "r").containsEntry("monitor", "m")
                .containsEntry("rule", "r").containsEntry("key", "k").containsEntry("severity", "critical");
        assertThat(firing.startsAt()).isEqualTo("1970-01-01T00:00:04Z");
        assertThat(firing.endsAt()).isEqualTo(AlertRecord.ZERO_TIME);
        assertThat(firing.annotations().get("summary")).contains("p = 0.5000 value for key k").contains("below 1.0, exit 2.0");
        assertThat(firing.provenance().value()).isEqualTo(0.5);
        assertThat(firing.provenance().input().topic()).isEqualTo("events");
        AlertRecord resolved = events.get(1);
        assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint()).matches("[0-9a-f]{16}");
        assertThat(resolved.startsAt()).isEqualTo(firing.startsAt());
        assertThat(resolved.endsAt()).isEqualTo("1970-01-01T00:00:08Z");
    }

    @Test
    void shouldFireWhenTheValueRisesAboveTheEnterLevel() {
        assertThat(statuses(run("threshold: {above: 5}", 1, 6, 7, 4, 1))).containsExactly("firing", "resolved");
    }

    @Test
    void shouldWaitForTheForDurationBeforeFiringAndIgnoreShorterBlips() {
        List<AlertRecord> events = run("threshold: {below: 1}\nfor: 2s", 3, 0.5, 3, 0.5, 0.5, 0.5, 3, 3);
        assertThat(statuses(events)).containsExactly("firing", "resolved");
        assertThat(events.get(0).startsAt()).isEqualTo("1970-01-01T00:00:07Z"); // active since 5 s, 2 s later
    }

    @Test
    void shouldKeepFiringForTheConfiguredDurationAfterTheConditionClears() {
        List<AlertRecord> events = run("threshold: {below: 1}\nkeep-firing-for: 3s", 3, 0.5, 3, 0.5, 3, 3, 3, 3);
        assertThat(statuses(events)).containsExactly("firing", "resolved");
        assertThat(events.get(1).endsAt()).isEqualTo("1970-01-01T00:00:08Z"); // last active at 5 s, + 3 s
    }

    @Test
    void shouldFireWhileThePValueIsSignificant() {
        assertThat(statuses(run("significance: {p-below: 0.01}", 0.5, 0.001, 0.002, 0.5))).containsExactly("firing", "resolved");
    }

    @Test
    void shouldFireWhileInTheWatchedRegime() {
        assertThat(statuses(run("regime-change: {to: 1}", 0, 0, 1, 1, 0))).containsExactly("firing", "resolved");
    }

    @Test
    void shouldFireOnAnyRegimeChangeAndResolveOnceTheRegimeHolds() {
        assertThat(statuses(run("regime-change: {}\nkeep-firing-for: 1s", 0, 0, 2, 2, 2, 2)))
                .containsExactly("firing", "resolved");
    }

    @Test
    void shouldFireWhenTheValueDriftsOutsideTheBaselineBand() {
        List<AlertRecord> events = run("drift: {baseline: 5, z: 4}", 10, 11, 9, 10, 11, 10, 30, 31, 10, 10);
        assertThat(statuses(events)).containsExactly("firing", "resolved");
        assertThat(events.get(0).provenance().value()).isEqualTo(30.0);
    }

    @Test
    void shouldNotFireADriftRuleBeforeTheBaselineIsFull() {
        assertThat(run("drift: {baseline: 5, z: 4}", 10, 30, 10, 50)).isEmpty();
    }
}
