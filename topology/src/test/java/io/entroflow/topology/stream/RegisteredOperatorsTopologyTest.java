package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlanner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The operator families registered after the entropy family, through the whole topology: transfer
 * entropy, mutual information and its relatives, entropy rate / active information, ordinal (permutation
 * entropy, complexity) and the HMM filter, each with an alert rule that
 * must fire after a planted change and never before it. 100 events per second, one key.
 */
class RegisteredOperatorsTopologyTest {
    private static final int EVENTS = 4_000;
    private static final int SWITCH = 2_000;
    private static final long SWITCH_TIME = time(SWITCH);

    private static long time(int i) {
        return 1_000_000L + i * 10L;
    }

    private static String spec(String signals, String operators, String rules) {
        return """
                monitor: m
                input:
                  topics: [events]
                  time: {field: /ts}
                signals:
                %s
                operators:
                %s
                aggregates: {interval: 500ms}
                rules:
                %s
                """.formatted(signals.indent(2), operators.indent(2), rules.indent(2));
    }

    private static void assertFiresOnlyAfterTheSwitch(List<AlertRecord> alerts, String rule, long maxDelayMs) {
        List<AlertRecord> firing = alerts.stream().filter(a -> a.labels().get("rule").equals(rule))
                .filter(a -> a.status().equals("firing")).toList();
        assertThat(firing).as(rule).hasSize(1);
        long at = Instant.parse(firing.get(0).startsAt()).toEpochMilli();
        assertThat(at).as(rule + " fires after the switch").isGreaterThanOrEqualTo(SWITCH_TIME)
                .isLessThan(SWITCH_TIME + maxDelayMs);
    }

    @Test
    void shouldFireATransferEntropyRuleOnlyAfterACouplingIsSwitchedOn() {
        String yaml = spec("""
                - {name: x, kind: categorical, field: /x, values: ["0", "1", "2", "3"]}
                - {name: y, kind: categorical, field: /y, values: ["0", "1", "2", "3"]}
                """, """
                - {name: te, type: transfer-entropy, signals: [x, y], window: {count: 200}, params: {k: 1, l: 1, delay: 1}}
                """, """
                - {name: coupled, operator: te, significance: {p-below: 0.001}, min-events: 150, for: 500ms}
                - {name: te-high, operator: te, threshold: {above: 0.5, exit: 0.2}, min-events: 150}
                """);
        Random r = new Random(3);
        try (MonitorDriver d = new MonitorDriver(yaml)) {
            int previousX = 0;
            for (int i = 0; i < EVENTS; i++) {
                int x = r.nextInt(4);
                int y = i >= SWITCH && r.nextDouble() < 0.8 ? previousX : r.nextInt(4);
                previousX = x;
                d.send("k", "{\"ts\": " + time(i) + ", \"x\": \"" + x + "\", \"y\": \"" + y + "\"}", 0);
            }
            List<AggregateRecord> aggregates = d.aggregates();
            assertThat(aggregates).isNotEmpty().allSatisfy(a -> assertThat(a.pValue()).isNotNull().isBetween(0.0, 1.0));
            AggregateRecord last = aggregates.get(aggregates.size() - 1);
            assertThat(last.value()).isGreaterThan(0.8); // about 1.2 bits with 80% copying of 2-bit symbols
            assertThat(last.events()).isEqualTo(199); // 200 events: 199 samples with a history of 1
            List<AlertRecord> alerts = d.alertEvents();
            assertFiresOnlyAfterTheSwitch(alerts, "coupled", 3_000);
            assertFiresOnlyAfterTheSwitch(alerts, "te-high", 3_000);
        }
    }

    @Test
    void shouldTrackPermutationEntropyAndComplexityOfANumericSignalFromSineToNoise() {
        String yaml = spec("""
                - {name: v, kind: numeric, field: /v}
                """, """
                - {name: pe, type: permutation-entropy, signal: v, window: {count: 300}, params: {dimension: 4}}
                - {name: c, type: complexity, signal: v, window: {count: 300}, params: {dimension: 4}}
                """, """
                - {name: disorder, operator: pe, threshold: {above: 0.9, exit: 0.8}, min-events: 200}
                - {name: no-structure, operator: c, threshold: {below: 0.1, exit: 0.15}, min-events: 200}
                """);
        Random r = new Random(5);
        try (MonitorDriver d = new MonitorDriver(yaml)) {
            for (int i = 0; i < EVENTS; i++) {
                double v = i < SWITCH ? Math.sin(i * 2 * Math.PI / 50) + 0.01 * r.nextGaussian() : r.nextGaussian();
                d.send("k", String.format(Locale.ROOT, "{\"ts\": %d, \"v\": %.6f}", time(i), v), 0);
            }
            List<AggregateRecord> aggregates = d.aggregates();
            assertThat(aggregates).isNotEmpty().allSatisfy(a -> {
                assertThat(a.unit()).isEmpty();
                if (a.events() > 0) {
                    assertThat(a.value()).isBetween(0.0, 1.0);
                }
            });
            AggregateRecord peBefore = aggregates.stream().filter(a -> a.operator().equals("pe"))
                    .filter(a -> a.time() == SWITCH_TIME - 500).findFirst().orElseThrow();
            assertThat(peBefore.value()).isLessThan(0.6);
            assertThat(peBefore.events()).isEqualTo(297); // 300 events: 297 patterns of dimension 4
            List<AlertRecord> alerts = d.alertEvents();
            assertFiresOnlyAfterTheSwitch(alerts, "disorder", 3_000);
            assertFiresOnlyAfterTheSwitch(alerts, "no-structure", 3_000);
        }
    }

    @Test
    void shouldFireAnHmmRegimeChangeRuleAtAPlantedRegimeSwitch() {
        String yaml = spec("""
                - {name: latency, kind: numeric, field: /latency}
                """, """
                - name: regimes
                  type: hmm
                  signal: latency
                  window: {count: 50}
                  params:
                    model:
                      initial: [0.9, 0.1]
                      transition: [[0.99, 0.01], [0.01, 0.99]]
                      emission: {type: gaussian, means: [50, 85], variances: [36, 36]}
                """, """
                - {name: slow, operator: regimes, regime-change: {to: 1}, keep-firing-for: 2s}
                """);
        Random r = new Random(9);
        try (MonitorDriver d = new MonitorDriver(yaml)) {
            for (int i = 0; i < EVENTS; i++) {
                double latency = (i < SWITCH ? 50 : 85) + 6 * r.nextGaussian();
                d.send("k", String.format(Locale.ROOT, "{\"ts\": %d, \"latency\": %.3f}", time(i), latency), 0);
            }
            List<AggregateRecord> aggregates = d.aggregates();
            assertThat(aggregates).isNotEmpty().allSatisfy(a -> assertThat(a.regime()).isIn(0, 1));
            assertThat(aggregates.stream().filter(a -> a.time() < SWITCH_TIME)).isNotEmpty().allSatisfy(a -> {
                assertThat(a.regime()).isZero();
                assertThat(a.value()).isBetween(2.0, 6.0); // mean surprise: about 0.5 ln(2 pi e 36) / ln 2 = 4.6 bits
            });
            assertFiresOnlyAfterTheSwitch(d.alertEvents(), "slow", 1_000);
        }
    }

    @Test
    void shouldFireAMutualInformationSignificanceRuleOnlyAfterSameEventCouplingStarts() {
        String yaml = spec("""
                - {name: x, kind: categorical, field: /x, values: ["0", "1", "2", "3"]}
                - {name: y, kind: categorical, field: /y, values: ["0", "1", "2", "3"]}
                """, """
                - {name: mi, type: mutual-info, signals: [x, y], window: {count: 200}}
                - {name: hxy, type: conditional-entropy, signals: [y, x], window: {count: 200}}
                - {name: nmi, type: normalized-mutual-info, signals: [x, y], window: {count: 200}}
                """, """
                - {name: dependent, operator: mi, significance: {p-below: 0.001}, min-events: 200, for: 500ms}
                - {name: y-predictable, operator: hxy, threshold: {below: 1.0, exit: 1.5}, min-events: 200}
                """);
        Random r = new Random(4);
        try (MonitorDriver d = new MonitorDriver(yaml)) {
            for (int i = 0; i < EVENTS; i++) {
                int x = r.nextInt(4);
                int y = i >= SWITCH && r.nextDouble() < 0.8 ? x : r.nextInt(4);
                d.send("k", "{\"ts\": " + time(i) + ", \"x\": \"" + x + "\", \"y\": \"" + y + "\"}", 0);
            }
            List<AggregateRecord> aggregates = d.aggregates();
            assertThat(aggregates.stream().filter(a -> a.operator().equals("hxy")))
                    .isNotEmpty().allSatisfy(a -> assertThat(a.pValue()).isNull());
            AggregateRecord nmi = aggregates.stream().filter(a -> a.operator().equals("nmi")).reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(nmi.unit()).isEmpty();
            assertThat(nmi.value()).isBetween(0.4, 1.0);
            assertThat(nmi.pValue()).isLessThan(1e-6);
            List<AlertRecord> alerts = d.alertEvents();
            assertFiresOnlyAfterTheSwitch(alerts, "dependent", 3_000);
            assertFiresOnlyAfterTheSwitch(alerts, "y-predictable", 3_000);
        }
    }

    @Test
    void shouldSeeEntropyRateRiseAndActiveInformationFallWhenACycleTurnsIntoNoise() {
        String yaml = spec("""
                - {name: s, kind: categorical, field: /s, values: ["0", "1", "2", "3"]}
                """, """
                - {name: rate, type: entropy-rate, signal: s, window: {count: 200}, params: {k: 2}}
                - {name: storage, type: active-info, signal: s, window: {count: 200}, params: {k: 2}}
                """, """
                - {name: unpredictable, operator: rate, threshold: {above: 1.0, exit: 0.5}, min-events: 198}
                - {name: memoryless, operator: storage, threshold: {below: 1.0, exit: 1.5}, min-events: 198}
                """);
        Random r = new Random(6);
        try (MonitorDriver d = new MonitorDriver(yaml)) {
            for (int i = 0; i < EVENTS; i++) {
                int s = i < SWITCH ? i % 4 : r.nextInt(4);
                d.send("k", "{\"ts\": " + time(i) + ", \"s\": \"" + s + "\"}", 0);
            }
            AggregateRecord before = d.aggregates().stream()
                    .filter(a -> a.operator().equals("storage") && a.time() == SWITCH_TIME - 500).findFirst().orElseThrow();
            // a 4-cycle: the past determines the next symbol, so the storage is H(next) of 198 samples = 50, 50, 49, 49
            double expected = (Math.log(198) - (2 * 50 * Math.log(50) + 2 * 49 * Math.log(49)) / 198) / Math.log(2);
            assertThat(before.value()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(before.events()).isEqualTo(198);
            List<AlertRecord> alerts = d.alertEvents();
            assertFiresOnlyAfterTheSwitch(alerts, "unpredictable", 3_000);
            assertFiresOnlyAfterTheSwitch(alerts, "memoryless", 3_000);
        }
    }

    @Test
    void shouldRejectATimeWindowForHistoryBasedOperatorsAndBadParamsByPath() {
        String yaml = spec("""
                - {name: x, kind: categorical, field: /x, values: ["0", "1"]}
                - {name: v, kind: numeric, field: /v}
                """, """
                - {name: te, type: transfer-entropy, signals: [x, x], window: {time: 10s}}
                - {name: pe, type: permutation-entropy, signal: x, window: {count: 100}}
                - {name: rate, type: entropy-rate, signal: x, window: {count: 3}, params: {k: 3}}
                - {name: h, type: hmm, signal: v, window: {count: 10}, params: {model: {initial: [0.5, 0.5],
                    transition: [[0.9, 0.2], [0.1, 0.9]], emission: {type: gaussian, means: [0, 1], variances: [1, 1]}}}}
                """, """
                - {name: r, operator: te, threshold: {above: 1}}
                """);
        Throwable t = catchThrowable(() -> new MonitorPlanner(OperatorRegistry.standard())
                .plan("t", MonitorSpecLoader.parse("t", yaml)));
        assertThat(t).isInstanceOf(SpecValidationException.class);
        List<String> errors = ((SpecValidationException) t).errors();
        errors.forEach(System.out::println);
        assertThat(errors).anyMatch(e -> e.startsWith("operators[0].window: type transfer-entropy needs a count window"));
        assertThat(errors).anyMatch(e -> e.startsWith("operators[1].signal: type permutation-entropy needs a raw numeric"));
        assertThat(errors).anyMatch(e -> e.startsWith("operators[2].window.count: must be > 3"));
        assertThat(errors).anyMatch(e -> e.startsWith("operators[3].params.model.transition"));
    }
}
