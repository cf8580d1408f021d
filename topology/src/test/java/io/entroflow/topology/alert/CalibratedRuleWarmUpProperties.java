package io.entroflow.topology.alert;

import io.entroflow.operators.Theories;
import io.entroflow.operators.conformal.Side;
import io.entroflow.operators.detect.ChangeDetector;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformal and change-point rules on aggregates of which some hold too little data (fewer events
 * than the rule's {@code min-events}: a count window filling up, a time window after a quiet spell),
 * on random streams (values with a planted shift, NaN now and then, strides in events or event time,
 * every detector method):
 * <ul>
 *   <li>no FIRING on too little data, and such an aggregate's detection says warming up with no
 *       p-value or statistic;</li>
 *   <li>such aggregates teach the rule nothing: the calibrator's or detector's exact checkpoint, the
 *       stride mark and every detection on the other aggregates equal those of a run from which they
 *       were removed, byte for byte;</li>
 *   <li>a change-point rule's detector equals a batch recomputation: the stride points chosen afresh
 *       from the list of aggregates by their definition, their values fed to a fresh detector (same
 *       checkpoint bytes, alarms on the same aggregates);</li>
 *   <li>restart: a state written to JSON and read back (as the alerts store does) at random points
 *       continues bit for bit (the same transitions and the same final state bytes).</li>
 * </ul>
 */
class CalibratedRuleWarmUpProperties {
    private static final int WINDOW = 40;

    /** A random stream of one key's aggregates and one rule over it. */
    private record Case(AlertRule rule, List<AggregateRecord> aggregates) {
    }

    private static Case draw(long seed, boolean conformal, int quarantine) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean inTime = r.nextInt(3) == 0;
        Stride stride = inTime ? Stride.ofMillis(500L * (1 + r.nextInt(6))) : Stride.ofEvents(1 + r.nextInt(2 * WINDOW));
        AlertRule.Condition condition;
        if (conformal) {
            int n = 3 + r.nextInt(20);
            Side side = Side.values()[r.nextInt(3)];
            double smallest = (side == Side.TWO_SIDED ? 2.0 : 1.0) / (n + 1);
            condition = new AlertRule.Conformal(smallest + r.nextDouble() * (0.5 - smallest), side, n, stride,
                    r.nextLong(), quarantine);
        } else {
            String method = List.of(AlertRule.ChangePoint.CUSUM, AlertRule.ChangePoint.PAGE_HINKLEY,
                    AlertRule.ChangePoint.SHIRYAEV_ROBERTS, AlertRule.ChangePoint.BOCPD).get(r.nextInt(4));
            Side side = method.equals(AlertRule.ChangePoint.BOCPD) ? Side.TWO_SIDED : Side.values()[r.nextInt(3)];
            double threshold = switch (method) {
                case AlertRule.ChangePoint.SHIRYAEV_ROBERTS -> 20 + r.nextInt(100);
                case AlertRule.ChangePoint.BOCPD -> 0.5;
                default -> 1 + 3 * r.nextDouble();
            };
            condition = new AlertRule.ChangePoint(method, side, 3 + r.nextInt(15), threshold, null, 1.0, 50, 4, 20,
                    stride);
        }
        AlertRule rule = new AlertRule("r", "h", "warning", null, r.nextInt(3) * 500L, r.nextInt(3) * 500L, WINDOW,
                condition);
        int count = 60 + r.nextInt(300);
        int shiftAt = r.nextInt(count);
        List<AggregateRecord> aggregates = new ArrayList<>();
        long seen = 0;
        for (int i = 0; i < count; i++) {
            long time = 1_000L + 500L * i;
            seen += r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(WINDOW);
            long events = Math.min(seen, WINDOW);
            if (r.nextInt(8) == 0) {
                events = r.nextInt(WINDOW); // a quiet spell of a time window: too little data again
            }
            double value = r.nextInt(40) == 0 ? Double.NaN : r.nextGaussian() + (i >= shiftAt ? 3 : 0);
            aggregates.add(new AggregateRecord("m", "k", "h", "entropy", List.of("s"), time, value, "bits",
                    time - 400L * Math.min(events, 5), time, events, seen, null, null, null, AggregateRecord.INTERVAL));
        }
        return new Case(rule, aggregates);
    }

    private static boolean tooLittle(AlertRule rule, AggregateRecord a) {
        return a.events() < rule.minEvents();
    }

    /** What a run leaves: the transitions and the detection of every aggregate (JSON), and the final state. */
    private record Run(List<String> transitions, List<String> detections, AlertState state) {
    }

    private static Run run(Case c, List<AggregateRecord> aggregates, SplittableRandom restarts) throws IOException {
        AlertEvaluator evaluator = new AlertEvaluator("m");
        AlertState state = new AlertState();
        List<String> transitions = new ArrayList<>();
        List<String> detections = new ArrayList<>();
        for (AggregateRecord a : aggregates) {
            if (restarts != null && restarts.nextInt(5) == 0) {
                state = JsonSerde.MAPPER.readValue(JsonSerde.MAPPER.writeValueAsBytes(state), AlertState.class);
            }
            AlertRecord t = evaluator.evaluate(c.rule(), state, a);
            if (t != null) {
                transitions.add(JsonSerde.MAPPER.writeValueAsString(t));
            }
            detections.add(JsonSerde.MAPPER.writeValueAsString(state.lastDetection));
        }
        return new Run(transitions, detections, state);
    }

    @Test
    void tooLittleDataNeverFiresAndTeachesNothing() {
        Theories.qt(300).forAll(Theories.seeds(), Theories.bools()).checkAssert((seed, conformal) -> {
            // quarantine 0: a calibration candidate's admission then does not depend on the phase, which
            // too-little-data aggregates may move (a firing alert resolves on them)
            Case c = draw(seed, conformal, 0);
            try {
                Run all = run(c, c.aggregates(), null);
                List<AggregateRecord> enough = c.aggregates().stream().filter(a -> !tooLittle(c.rule(), a)).toList();
                Run filtered = run(c, enough, null);
                AlertEvaluator evaluator = new AlertEvaluator("m");
                AlertState state = new AlertState();
                List<String> enoughDetections = new ArrayList<>();
                for (int i = 0; i < c.aggregates().size(); i++) {
                    AggregateRecord a = c.aggregates().get(i);
                    AlertRecord t = evaluator.evaluate(c.rule(), state, a);
                    if (tooLittle(c.rule(), a)) {
                        assertThat(t == null || t.status().equals(AlertRecord.RESOLVED)).as("no FIRING on too little data").isTrue();
                        assertThat(state.lastDetection.warmingUp()).isTrue();
                        assertThat(state.lastDetection.pValue()).isNull();
                        assertThat(state.lastDetection.statistic()).isNull();
                    } else {
                        enoughDetections.add(all.detections().get(i));
                    }
                }
                assertThat(enoughDetections).isEqualTo(filtered.detections());
                assertThat(all.state().checkpoint).isEqualTo(filtered.state().checkpoint);
                assertThat(all.state().calibrationMark).isEqualTo(filtered.state().calibrationMark);
                assertThat(all.state().quarantine).isEqualTo(filtered.state().quarantine);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aChangePointRulesDetectorEqualsABatchRecomputationOnTheStridePoints() {
        Theories.qt(300).forAll(Theories.seeds()).checkAssert(seed -> {
            Case c = draw(seed, false, 0);
            AlertRule.ChangePoint cp = (AlertRule.ChangePoint) c.rule().condition();
            Stride s = cp.stride();
            // batch: the stride points by definition, over the aggregates of full windows with a finite value
            List<Integer> points = new ArrayList<>();
            Long mark = null;
            for (int i = 0; i < c.aggregates().size(); i++) {
                AggregateRecord a = c.aggregates().get(i);
                if (tooLittle(c.rule(), a) || !Double.isFinite(a.value())) {
                    continue;
                }
                boolean point;
                if (s.events() > 0) {
                    point = a.eventsSeen() - (mark == null ? 0 : mark) >= s.events();
                    mark = point ? Long.valueOf(a.eventsSeen()) : mark;
                } else {
                    long from = mark == null ? a.windowStart() : mark;
                    point = a.time() - from >= s.millis();
                    mark = point ? Long.valueOf(a.time()) : Long.valueOf(from);
                }
                if (point) {
                    points.add(i);
                }
            }
            ChangeDetector batch = cp.newDetector();
            List<Integer> batchAlarms = new ArrayList<>();
            for (int i : points) {
                if (batch.update(c.aggregates().get(i).value())) {
                    batchAlarms.add(i);
                }
            }
            // stream: the evaluator, with the rule always inactive before each aggregate so that every alarm shows
            AlertEvaluator evaluator = new AlertEvaluator("m");
            AlertRule rule = new AlertRule("r", "h", "warning", null, 0, 0, WINDOW, cp);
            AlertState state = new AlertState();
            List<Integer> alarms = new ArrayList<>();
            for (int i = 0; i < c.aggregates().size(); i++) {
                state.phase = AlertState.INACTIVE;
                AlertRecord t = evaluator.evaluate(rule, state, c.aggregates().get(i));
                if (t != null && t.status().equals(AlertRecord.FIRING)) {
                    alarms.add(i);
                }
            }
            assertThat(alarms).isEqualTo(batchAlarms);
            assertThat(state.checkpoint).isEqualTo(points.isEmpty() ? null : batch.checkpoint());
            assertThat(state.calibrationMark).isEqualTo(mark);
        });
    }

    @Test
    void aStateReadBackFromJsonContinuesBitForBit() {
        Theories.qt(200).forAll(Theories.seeds(), Theories.bools()).checkAssert((seed, conformal) -> {
            Case c = draw(seed, conformal, new SplittableRandom(seed).nextInt(4));
            try {
                Run uninterrupted = run(c, c.aggregates(), null);
                Run restarted = run(c, c.aggregates(), new SplittableRandom(seed ^ 0x5DEECE66DL));
                assertThat(restarted.transitions()).isEqualTo(uninterrupted.transitions());
                assertThat(restarted.detections()).isEqualTo(uninterrupted.detections());
                assertThat(JsonSerde.MAPPER.writeValueAsBytes(restarted.state()))
                        .isEqualTo(JsonSerde.MAPPER.writeValueAsBytes(uninterrupted.state()));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
