package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No rule fires on too little data: by default a rule waits until its operator's count window is
 * full ({@code min-events} overrides it); aggregates of such windows are {@code warming_up}; drift
 * baselines, regime rules, conformal calibrators and change-point detectors ignore them. On start, alerts of rules gone from the spec resolve and
 * their alert-state entries are tombstoned.
 */
class AlertHygieneTopologyTest {
    private static String spec(int window, String rules) {
        return """
                monitor: m
                input:
                  topics: [events]
                  time: {field: /ts}
                signals:
                  - {name: x, kind: numeric, field: /x}
                operators:
                  - {name: p, type: probe, signal: x, window: {count: %d}}
                aggregates: {interval: 1s}
                rules:
                """.formatted(window) + rules.indent(2);
    }

    /** Sends value i at second i+1 and a trailing event, so every value is evaluated by one aggregate. */
    private static void send(MonitorDriver d, String key, double... values) {
        for (int i = 0; i < values.length; i++) {
            d.send(key, "{\"ts\": " + (i + 1) * 1000 + ", \"x\": " + values[i] + "}", 0);
        }
        d.send(key, "{\"ts\": " + (values.length + 1) * 1000 + ", \"x\": 0}", 0);
    }

    private static List<AlertRecord> run(String yaml, double... values) {
        try (MonitorDriver d = new MonitorDriver(yaml)) {
            send(d, "k", values);
            return d.alertEvents();
        }
    }

    @Test
    void shouldNotFireBeforeTheCountWindowIsFullUnlessMinEventsSaysSo() {
        // the probe's window holds every event so far; the first 4 values are below 1
        String rule = "- {name: low, operator: p, threshold: {below: 1}}";
        assertThat(run(spec(5, rule), 0, 0, 0, 0, 3, 3)).isEmpty();
        List<AlertRecord> early = run(spec(5, "- {name: low, operator: p, min-events: 1, threshold: {below: 1}}"),
                0, 0, 0, 0, 3, 3);
        assertThat(early).extracting(AlertRecord::status).containsExactly("firing", "resolved");
        assertThat(early.get(0).startsAt()).isEqualTo("1970-01-01T00:00:02Z");
        // once full, the same value fires
        assertThat(run(spec(5, rule), 3, 3, 3, 3, 3, 0, 3)).extracting(AlertRecord::status)
                .containsExactly("firing", "resolved");
    }

    @Test
    void shouldMarkAggregatesOfWindowsNotYetFullAsWarmingUp() {
        try (MonitorDriver d = new MonitorDriver(spec(3, "- {name: low, operator: p, threshold: {below: 1}}"))) {
            send(d, "k", 5, 5, 5, 5);
            List<AggregateRecord> aggs = d.aggregates();
            assertThat(aggs).extracting(AggregateRecord::events).containsExactly(1L, 2L, 3L, 4L);
            assertThat(aggs).extracting(AggregateRecord::warmingUp).containsExactly(true, true, null, null);
        }
    }

    @Test
    void shouldKeepValuesOfWarmingUpWindowsOutOfDriftBaselines() {
        // two wild values while the window fills (+-1000), then a quiet baseline and a spike of 50:
        // with the wild values in the baseline its sd would be ~500 and the spike would not fire
        String drift = "- {name: d, operator: p, drift: {baseline: 8, z: 4}}";
        List<AlertRecord> alerts = run(spec(3, drift), 1000, -1000, 0.1, -0.1, 0.2, -0.2, 0.1, -0.1, 0.2, -0.2, 50, 0);
        assertThat(alerts).extracting(AlertRecord::status).containsExactly("firing", "resolved");
        assertThat(alerts.get(0).provenance().value()).isEqualTo(50.0);
    }

    @Test
    void shouldKeepValuesOfWarmingUpWindowsOutOfChangePointBaselines() {
        // as for drift: with the two wild values in its baseline of 4 the detector's sd would be ~800
        String cusum = "- {name: c, operator: p, change-point: {method: cusum, threshold: 5, baseline: 4, stride: 1}}";
        List<AlertRecord> alerts = run(spec(3, cusum), 1000, -1000, 0.1, -0.1, 0.2, -0.2, 50, 0);
        assertThat(alerts).extracting(AlertRecord::status).containsExactly("firing", "resolved");
        assertThat(alerts.get(0).provenance().value()).isEqualTo(50.0);
        assertThat(alerts.get(0).detection().warmingUp()).isFalse();
    }

    @Test
    void shouldNeitherScoreNorCalibrateConformalRulesOnWarmingUpWindows() {
        // N = 3 calibration values at a stride of 1 event: the two warming-up aggregates get no p-value and
        // calibrate nothing, so the calibrator is warm only after the 3rd aggregate of a full window
        String conformal = "- {name: c, operator: p, conformal: {alpha: 0.5, side: high, calibration: 3, stride: 1, quarantine: 0}}";
        try (MonitorDriver d = new MonitorDriver(spec(3, conformal))) {
            send(d, "k", 1000, 1000, 0.1, 0.2, 0.3, 0.4, 0.5);
            List<AggregateRecord> aggs = d.aggregates();
            assertThat(aggs).hasSize(7).allSatisfy(a -> assertThat(a.detections()).hasSize(1));
            assertThat(aggs).extracting(a -> a.detections().get(0).warmingUp())
                    .containsExactly(true, true, true, true, true, false, false);
            assertThat(aggs.subList(0, 5)).allSatisfy(a -> assertThat(a.detections().get(0).pValue()).isNull());
            assertThat(aggs.subList(5, 7)).allSatisfy(a -> assertThat(a.detections().get(0).pValue()).isNotNull());
        }
    }

    @Test
    void shouldKeepRegimesOfWarmingUpWindowsOutOfRegimeRules() {
        // regime 5 while the window fills, then regime 1 throughout: no change is seen
        String regime = "- {name: r, operator: p, regime-change: {}}";
        assertThat(run(spec(3, regime), 5, 5, 1, 1, 1, 1)).isEmpty();
        assertThat(run(spec(3, regime), 5, 5, 1, 1, 2, 2)).extracting(AlertRecord::status)
                .containsExactly("firing", "resolved");
    }

    @Test
    void shouldResolveAlertsOfRulesGoneFromTheSpecOnStartAndTombstoneTheirState() {
        String both = spec(1, """
                - {name: gone, operator: p, threshold: {below: 1}}
                - {name: kept, operator: p, threshold: {below: 1}}
                """);
        String onlyKept = spec(1, "- {name: kept, operator: p, threshold: {below: 1}}");
        MonitorDriver d = new MonitorDriver(both);
        try {
            d.send("k", "{\"ts\": 1000, \"x\": 0}", 0);
            d.send("k", "{\"ts\": 2000, \"x\": 0}", 0);
            List<AlertRecord> before = d.alertEvents();
            assertThat(before).extracting(a -> a.labels().get("rule") + " " + a.status())
                    .containsExactly("gone firing", "kept firing");
            d.alertState();
            assertThat(d.counters.alertsFiring()).isEqualTo(2);
            String goneFingerprint = before.get(0).fingerprint();
            d = d.restartedWith(onlyKept);
            d.send("k", "{\"ts\": 3000, \"x\": 0}", 0);
            List<AlertRecord> after = d.alertEvents();
            assertThat(after).hasSize(1);
            // counted from the restored store: kept still fires; gone's RESOLVED does not count below zero
            assertThat(d.counters.alertsFiring()).isEqualTo(1);
            assertThat(d.counters.alertsFired()).isZero(); // this process fired nothing yet
            AlertRecord resolved = after.get(0);
            assertThat(resolved.status()).isEqualTo(AlertRecord.RESOLVED);
            assertThat(resolved.fingerprint()).isEqualTo(goneFingerprint);
            assertThat(resolved.labels()).containsEntry("rule", "gone").containsEntry("key", "k");
            assertThat(resolved.startsAt()).isEqualTo("1970-01-01T00:00:02Z");
            assertThat(resolved.annotations().get("summary")).contains("its rule is gone from the spec");
            List<TestRecord<String, AlertRecord>> state = d.alertStateRecords();
            assertThat(state).hasSize(1);
            assertThat(state.get(0).key()).isEqualTo(goneFingerprint);
            assertThat(state.get(0).value()).isNull();
            assertThat(d.storeKeys("m-alerts-store")).noneMatch(k -> k.startsWith("gone\u0000"))
                    .anyMatch(k -> k.startsWith("kept\u0000"));
            // the kept rule goes on: it is still firing and resolves on a high value
            d.send("k", "{\"ts\": 4000, \"x\": 5}", 0);
            d.send("k", "{\"ts\": 5000, \"x\": 5}", 0);
            assertThat(d.alertEvents()).extracting(a -> a.labels().get("rule") + " " + a.status())
                    .containsExactly("kept resolved");
            assertThat(d.counters.alertsFiring()).isZero();
        } finally {
            d.close();
        }
    }

    /**
     * A restarted task counts its firing alerts from its store soon after its start, also without input
     * (its operators' first wall-clock catch-up slice completes a boundary and tells the rules, which sweep).
     */
    @Test
    void shouldCountTheFiringAlertsOfARestartedTaskWithoutInput() {
        MonitorDriver d = new MonitorDriver(spec(1, """
                - {name: low, operator: p, threshold: {below: 1}}
                - {name: lower, operator: p, threshold: {below: 0.5}}
                - {name: silent, operator: p, absence: {after: 10m}}
                """)); // the absence check runs every minute: the count must not wait for it
        try {
            d.send("k", "{\"ts\": 1000, \"x\": 0}", 0);
            d.send("k", "{\"ts\": 2000, \"x\": 0}", 0);
            assertThat(d.alertEvents()).hasSize(2);
            d = d.restarted();
            assertThat(d.counters.alertsFiring()).as("not counted yet").isZero();
            d.driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
            assertThat(d.counters.alertsFiring()).isEqualTo(2);
            assertThat(d.alertEvents()).isEmpty();
        } finally {
            d.close();
        }
    }
}
