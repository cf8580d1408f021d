package io.entroflow.app.demo;

import io.entroflow.operators.conformal.Side;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.topology.alert.AlertEvaluator;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.alert.AlertState;
import io.entroflow.topology.alert.Stride;
import io.entroflow.operators.detect.ArlApproximations;
import io.entroflow.topology.stream.MonitorDriver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The false-alarm measurements of docs/alerts.md ("The calibrated demo"): the null demo stream
 * ({@code generate demo --no-changes}) through {@code demo-calibrated.yaml}; the kind-entropy
 * aggregates of every key are then re-evaluated with conformal rules of several alphas, counting
 * alarms (p &le; alpha) at the stride points, at every aggregate, and FIRING transitions with
 * {@code for: 1s}; and the transfer-entropy aggregates are re-evaluated with the spec's CUSUM rule (side
 * high, shift 4 sd, baseline 20) at several ARL0 targets, once with the detector on the stride points
 * (stride = the 100-event window: non-overlapping windows, the default) and once on every aggregate
 * (stride 1 event: windows overlapping by 3/4, the behaviour before the stride), counting false
 * FIRINGs. Skipped unless {@code -Dentroflow.measure=true}:
 * <pre>
 * mvn -B -q -pl deploy -am test -Dtest=CalibratedDemoFalseAlarmMeasurement -Dentroflow.measure=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class CalibratedDemoFalseAlarmMeasurement {

    @Test
    void measure() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("entroflow.measure"), "-Dentroflow.measure=true");
        int seconds = 600;
        long[] seeds = {1, 2, 3};
        double[][] configs = {{19, 0.05}, {39, 0.025}, {99, 0.01}};
        long[] stridePoints = new long[configs.length];
        long[] strideAlarms = new long[configs.length];
        long[] aggregates = new long[configs.length];
        long[] aggregateAlarms = new long[configs.length];
        long[] firings = new long[configs.length];
        Map<String, Integer> specFirings = new HashMap<>();
        double[] cusumArl0 = {1e4, 1e6, 1e8};
        long[][] cusumValues = new long[cusumArl0.length][2];
        long[][] cusumFirings = new long[cusumArl0.length][2];
        for (long seed : seeds) {
            DemoStream stream = new DemoStream(seed, 1_700_000_000_000L, seconds * 1000L, 200, false);
            List<AggregateRecord> entropy = new ArrayList<>();
            List<AggregateRecord> coupling = new ArrayList<>();
            try (MonitorDriver d = new MonitorDriver(CalibratedDemoSpecTopologyTest.spec())) {
                while (stream.hasNext()) {
                    DemoStream.Event e = stream.next();
                    d.send(e.key(), e.json(), e.time());
                }
                for (AlertRecord a : d.alertEvents()) {
                    if (a.status().equals(AlertRecord.FIRING)) {
                        specFirings.merge(a.labels().get("rule"), 1, Integer::sum);
                    }
                }
                for (AggregateRecord a : d.aggregates()) {
                    if (a.operator().equals("x-to-y-transfer-entropy")) {
                        coupling.add(a);
                    }
                    if (a.operator().equals("kind-entropy")) {
                        entropy.add(a);
                    }
                }
            }
            for (int c = 0; c < cusumArl0.length; c++) {
                for (int st = 0; st < 2; st++) {
                    AlertRule rule = new AlertRule("r", "x-to-y-transfer-entropy", "warning", null, 0, 10_000, 99,
                            new AlertRule.ChangePoint(AlertRule.ChangePoint.CUSUM, Side.HIGH, 20,
                                    ArlApproximations.cusumThreshold(2, cusumArl0[c], Side.HIGH), cusumArl0[c], 4, 0, 0, 0,
                                    Stride.ofEvents(st == 0 ? 100 : 1)));
                    AlertEvaluator ev = new AlertEvaluator("demo");
                    Map<String, AlertState> states = new HashMap<>();
                    for (AggregateRecord a : coupling) {
                        AlertState s = states.computeIfAbsent(a.key(), k -> new AlertState());
                        byte[] before = s.checkpoint;
                        AlertRecord t = ev.evaluate(rule, s, a);
                        cusumValues[c][st] += s.checkpoint != before ? 1 : 0;
                        if (t != null && t.status().equals(AlertRecord.FIRING)) {
                            cusumFirings[c][st]++;
                        }
                    }
                }
            }
            for (int c = 0; c < configs.length; c++) {
                AlertRule everyValue = new AlertRule("r", "kind-entropy", "warning", null, 0, 0, 50,
                        new AlertRule.Conformal(configs[c][1], Side.LOW, (int) configs[c][0], Stride.ofEvents(50), 0, 0));
                AlertRule withFor = new AlertRule("r", "kind-entropy", "warning", null, 1000, 10_000, 50,
                        new AlertRule.Conformal(configs[c][1], Side.LOW, (int) configs[c][0], Stride.ofEvents(50), 0, 3));
                AlertEvaluator ev = new AlertEvaluator("demo");
                Map<String, AlertState> states = new HashMap<>();
                Map<String, AlertState> forStates = new HashMap<>();
                Map<String, Long> lastMark = new HashMap<>();
                for (AggregateRecord a : entropy) {
                    AlertState s = states.computeIfAbsent(a.key(), k -> new AlertState());
                    Long before = s.calibrationMark;
                    ev.evaluate(everyValue, s, a);
                    AlertRecord.Detection det = s.lastDetection;
                    if (det != null && !det.warmingUp() && det.pValue() != null) {
                        boolean alarm = det.pValue() <= configs[c][1];
                        aggregates[c]++;
                        aggregateAlarms[c] += alarm ? 1 : 0;
                        if (s.calibrationMark != null && !s.calibrationMark.equals(before)) {
                            stridePoints[c]++;
                            strideAlarms[c] += alarm ? 1 : 0;
                        }
                    }
                    s.phase = AlertState.INACTIVE; // every value on its own
                    AlertRecord t = ev.evaluate(withFor, forStates.computeIfAbsent(a.key(), k -> new AlertState()), a);
                    if (t != null && t.status().equals(AlertRecord.FIRING)) {
                        firings[c]++;
                    }
                    lastMark.put(a.key(), s.calibrationMark);
                }
            }
        }
        double keyHours = seeds.length * 4 * seconds / 3600.0;
        System.out.printf(Locale.ROOT, "null demo stream: %d seeds x %d s x 4 keys at 200/s (%.2f key-hours)%n",
                seeds.length, seconds, keyHours);
        System.out.println("demo-calibrated.yaml FIRING per rule: " + specFirings);
        System.out.println("| calibration N | alpha | stride-point alarms | rate | every-aggregate alarms | rate | FIRING with for 1s | per key-hour |");
        for (int c = 0; c < configs.length; c++) {
            System.out.printf(Locale.ROOT, "| %d | %.3f | %d / %d | %.4f | %d / %d | %.4f | %d | %.1f |%n",
                    (int) configs[c][0], configs[c][1], strideAlarms[c], stridePoints[c],
                    strideAlarms[c] / (double) stridePoints[c], aggregateAlarms[c], aggregates[c],
                    aggregateAlarms[c] / (double) aggregates[c], firings[c], firings[c] / keyHours);
        }
        System.out.println();
        System.out.println("| CUSUM arl0 (values) | threshold h | detector sees | detector values | false FIRINGs | per key-hour |");
        for (int c = 0; c < cusumArl0.length; c++) {
            for (int st = 0; st < 2; st++) {
                System.out.printf(Locale.ROOT, "| %.0e | %.3f | %s | %d | %d | %.1f |%n", cusumArl0[c],
                        ArlApproximations.cusumThreshold(2, cusumArl0[c], Side.HIGH),
                        st == 0 ? "stride points (100 events, non-overlapping)" : "every aggregate (stride 1 event)",
                        cusumValues[c][st], cusumFirings[c][st], cusumFirings[c][st] / keyHours);
            }
        }
    }
}
