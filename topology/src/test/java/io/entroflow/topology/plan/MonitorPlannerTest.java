package io.entroflow.topology.plan;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.topology.operator.CheckpointableOperator;
import io.entroflow.topology.operator.OperatorRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MonitorPlannerTest {
    private static MonitorPlan plan(String yaml) {
        return new MonitorPlanner(OperatorRegistry.standard()).plan("t", MonitorSpecLoader.parse("t", yaml));
    }

    @Test
    void shouldListEverySemanticErrorByPath() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> plan("""
                monitor: m
                input: {topics: [in], key: {from: field}}
                signals:
                  - {name: s, kind: categorical, field: /s}
                  - {name: s, kind: numeric, field: /x}
                  - {name: j, kind: joint, of: [s, nope]}
                operators:
                  - {name: a, type: entropie, signal: s, window: {count: 10}}
                  - {name: b, type: renyi, signal: s, window: {count: 10}, params: {alpha: "x"}}
                  - {name: c, type: entropy, signal: missing, window: {count: 10}}
                  - {name: d, type: divergence, signal: s, window: {count: 10}, params: {reference: [1, 2]}}
                rules:
                  - {name: r, operator: zz, threshold: {below: 1, exit: 0.5}}
                  - {name: q, operator: b, threshold: {below: 1}, drift: {baseline: 5, z: 3}}
                """));
        assertThat(e.errors()).contains(
                "input.key.field: required when key.from is field",
                "signals[1].name: duplicate signal name 's'",
                "signals[2].of[1]: no earlier symbolic signal named 'nope'",
                "operators[1].params.alpha: must be a number or inf, got \"x\"",
                "operators[2].signal: no signal named 'missing'",
                "rules[0].operator: no operator named 'zz'",
                "rules[0].threshold.exit: must be >= the enter level 1.0 (hysteresis), got 0.5",
                "rules[1]: give exactly one condition (threshold, significance, regime-change, drift, conformal, "
                        + "change-point, absence), got 2");
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[0].type: unknown measure 'entropie'; known: entropy, renyi"));
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[3].params.reference: expected 256 counts"));
    }

    @Test
    void shouldNameTheMissingConditionOfARule() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> plan("""
                monitor: m
                input: {topics: [in]}
                signals: [{name: s, kind: categorical, field: /s}]
                operators: [{name: h, type: entropy, signal: s, window: {count: 10}}]
                rules:
                  - {name: r, operator: h}
                """));
        assertThat(e.errors()).containsExactly("rules[0]: give exactly one condition (threshold, significance, "
                + "regime-change, drift, conformal, change-point, absence), got 0");
    }

    @Test
    void shouldRefuseANormalisedEntropyOverAnAlphabetSmallerThanItsSignals() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> plan("""
                monitor: m
                input: {topics: [in]}
                signals:
                  - {name: s, kind: categorical, field: /s, values: [a, b, c, d]}
                operators:
                  - {name: h, type: normalized-entropy, signal: s, window: {count: 10}, params: {alphabet: 2}}
                  - {name: ok, type: normalized-entropy, signal: s, window: {count: 10}, params: {alphabet: 4}}
                  - {name: seen, type: normalized-entropy, signal: s, window: {count: 10}}
                """));
        assertThat(e.errors()).containsExactly("operators[0].params.alphabet: 2 is smaller than the 4 symbols of signal 's',"
                + " so the normalised entropy could exceed 1; give at least 4, or 0 for the support seen");
    }

    @Test
    void shouldRefuseARuleOnAResultFieldItsOperatorNeverFills() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> plan("""
                monitor: m
                input: {topics: [in]}
                signals:
                  - {name: s, kind: categorical, field: /s}
                  - {name: t, kind: categorical, field: /t}
                operators:
                  - {name: h, type: entropy, signal: s, window: {count: 10}}
                  - {name: te, type: transfer-entropy, signals: [s, t], window: {count: 50}}
                  - {name: mi, type: mutual-info, signals: [s, t], window: {count: 50}}
                  - {name: ce, type: conditional-entropy, signals: [s, t], window: {count: 50}}
                rules:
                  - {name: r, operator: h, significance: {p-below: 0.01}}
                  - {name: q, operator: te, regime-change: {to: 1}}
                  - {name: ok-te, operator: te, significance: {p-below: 0.01}}
                  - {name: ok-mi, operator: mi, significance: {p-below: 0.01}}
                  - {name: p, operator: ce, significance: {p-below: 0.01}}
                """));
        assertThat(e.errors()).containsExactly(
                "rules[0].significance: operator 'h' (entropy) computes no p-value, so the rule could never fire; "
                        + "significance rules need an operator of type conditional-transfer-entropy, mutual-info, "
                        + "normalized-mutual-info, transfer-entropy",
                "rules[1].regime-change: operator 'te' (transfer-entropy) has no regimes, so the rule could never fire; "
                        + "regime-change rules need an operator of type hmm",
                "rules[4].significance: operator 'ce' (conditional-entropy) computes no p-value, so the rule could never "
                        + "fire; significance rules need an operator of type conditional-transfer-entropy, mutual-info, "
                        + "normalized-mutual-info, transfer-entropy");
    }

    @Test
    void shouldResolveSignalsWindowsAndRules() {
        MonitorPlan p = plan("""
                monitor: m
                input: {topics: [in], lateness: 2s}
                signals:
                  - {name: x, kind: categorical, field: /x, values: [a, b, c]}
                  - {name: y, kind: numeric, field: /y, symbolize: {method: ordinal, dimension: 3}}
                  - {name: xy, kind: joint, of: [x, y]}
                operators:
                  - {name: h, type: entropy, signal: xy, window: {time: 10s}}
                rules:
                  - {name: r, operator: h, threshold: {above: 2}, for: 1s, keep-firing-for: 2s}
                """);
        assertThat(p.signals().get(2).info().alphabetSize()).isEqualTo(18);
        assertThat(p.operators().get(0).window().describe()).isEqualTo("time(10000ms, lateness 2000ms)");
        assertThat(p.rules().get(0).forMillis()).isEqualTo(1_000);
        assertThat(p.rules().get(0).keepFiringMillis()).isEqualTo(2_000);
        assertThat(p.latenessMillis()).isEqualTo(2_000);
    }

    @Test
    void shouldPlanDecayAndCumulativeWindowsAndDefaultHmmToTheRecursiveFilter() {
        MonitorPlan p = plan("""
                monitor: m
                input: {topics: [in]}
                signals:
                  - {name: x, kind: categorical, field: /x, values: [a, b, c]}
                  - {name: v, kind: numeric, field: /v}
                operators:
                  - {name: h, type: entropy, signal: x, window: {decay: {half-life: 250}}}
                  - {name: t, type: entropy-rate, signal: x, window: {decay: {half-life: 2m}}, params: {k: 2}}
                  - {name: c, type: mutual-info, signals: [x, x], window: {cumulative: true}}
                  - {name: o, type: permutation-entropy, signal: v, window: {decay: {half-life: 100}}}
                  - {name: r, type: hmm, signal: v, params: {model: {initial: [0.5, 0.5],
                      transition: [[0.9, 0.1], [0.1, 0.9]], emission: {type: gaussian, means: [0, 3], variances: [1, 1]}}}}
                """);
        assertThat(p.operators().get(0).window().describe()).isEqualTo("decay(half-life 250.0 events)");
        assertThat(p.operators().get(1).window().describe()).isEqualTo("decay(half-life 120000.0 ms)");
        assertThat(p.operators().get(2).window().describe()).isEqualTo("cumulative");
        assertThat(p.operators().get(4).window().describe()).isEqualTo("cumulative");
        assertThat(p.operators()).allMatch(PlannedOperator::checkpointed);
        assertThat(p.operators()).allMatch(o -> o.newOperator() instanceof CheckpointableOperator);
    }

    @Test
    void shouldReportWindowsAnOperatorDoesNotSupportByPath() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> plan("""
                monitor: m
                input: {topics: [in]}
                signals:
                  - {name: v, kind: numeric, field: /v}
                  - {name: x, kind: categorical, field: /x, values: [a, b]}
                operators:
                  - {name: p, type: permutation-entropy, signal: v, window: {time: 10s}}
                  - {name: q, type: complexity, signal: v, window: {time: 1m}}
                  - {name: r, type: hmm, signal: v, window: {decay: {half-life: 10s}}, params: {model: {initial: [0.5, 0.5],
                      transition: [[0.9, 0.1], [0.1, 0.9]], emission: {type: gaussian, means: [0, 3], variances: [1, 1]}}}}
                  - {name: s, type: hmm, signal: v, window: {time: 10s}, params: {model: {initial: [0.5, 0.5],
                      transition: [[0.9, 0.1], [0.1, 0.9]], emission: {type: gaussian, means: [0, 3], variances: [1, 1]}}}}
                  - {name: t, type: transfer-entropy, signals: [x, x], window: {time: 10s}}
                  - {name: u, type: entropy, signal: x, window: {decay: {half-life: 0s}}}
                """));
        e.errors().forEach(System.out::println);
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[0].window: type permutation-entropy needs a count "
                + "window"));
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[1].window: type complexity needs a count window"));
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[2].window: type hmm takes cumulative: true"));
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[3].window: type hmm takes cumulative: true"));
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[4].window: type transfer-entropy needs a count "
                + "window"));
        assertThat(e.errors()).contains("operators[5].window.decay.half-life: must be > 0, got '0s'");
    }

    @Test
    void shouldPlanTheCommentedExamples() throws Exception {
        for (String name : new String[] {"payments.yaml", "demo.yaml"}) {
            java.nio.file.Path p = java.nio.file.Path.of("../deploy/examples", name);
            MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan(name,
                    MonitorSpecLoader.parse(name, java.nio.file.Files.readString(p)));
            assertThat(plan.operators()).isNotEmpty();
        }
    }

    @Test
    void shouldRejectACategoricalHmmModelWithFewerSymbolsThanItsSignal() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> plan("""
                monitor: m
                input: {topics: [in]}
                signals:
                  - {name: x, kind: categorical, field: /x, values: [a, b, c]}
                operators:
                  - {name: r, type: hmm, signal: x, params: {model: {initial: [0.5, 0.5],
                      transition: [[0.9, 0.1], [0.1, 0.9]],
                      emission: {type: categorical, probabilities: [[0.5, 0.5], [0.1, 0.9]]}}}}
                """));
        assertThat(e.errors()).containsExactly("operators[0].params.model.emission: the categorical model has 2 symbols,"
                + " signal 'x' has 3; every symbol of the signal needs an emission probability");
    }

    @Test
    void shouldCountAFullWindowAsTheOperatorCountsItForWarmUpAndTheDefaultMinEvents() {
        MonitorPlan p = plan("""
                monitor: m
                input: {topics: [events]}
                signals:
                  - {name: s, kind: categorical, field: /s}
                  - {name: x, kind: categorical, field: /x, values: [a, b]}
                  - {name: v, kind: numeric, field: /v}
                operators:
                  - {name: h, type: entropy, signal: s, window: {count: 200}}
                  - {name: te, type: transfer-entropy, signals: [x, s], window: {count: 200}, params: {k: 2, l: 1, delay: 1}}
                  - {name: pe, type: permutation-entropy, signal: v, window: {count: 200}, params: {dimension: 4}}
                  - {name: hmm, type: hmm, signal: v, window: {count: 50}, params: {model: {initial: [0.5, 0.5],
                      transition: [[0.9, 0.1], [0.1, 0.9]], emission: {type: gaussian, means: [0, 3], variances: [1, 1]}}}}
                  - {name: ht, type: entropy, signal: s, window: {time: 10s}}
                rules:
                  - {name: r-te, operator: te, threshold: {above: 0.5}}
                  - {name: r-h, operator: h, threshold: {above: 0.5}}
                  - {name: r-given, operator: te, min-events: 7, threshold: {above: 0.5}}
                """);
        java.util.Map<String, Long> warmUps = new java.util.TreeMap<>();
        p.operators().forEach(o -> warmUps.put(o.name(), o.warmUpEvents()));
        // history operators count fewer samples than events: k = 2 past target values, d - 1 = 3 lags
        assertThat(warmUps).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                "h", 200L, "te", 198L, "pe", 197L, "hmm", 50L, "ht", io.entroflow.topology.alert.WarmUp.MINIMUM_EVENTS)));
        assertThat(p.rules()).extracting(io.entroflow.topology.alert.AlertRule::minEvents).containsExactly(198L, 200L, 7L);
    }
}
