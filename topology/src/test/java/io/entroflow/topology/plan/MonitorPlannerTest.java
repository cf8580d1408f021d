package io.entroflow.topology.plan;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
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
                  - {name: b, type: renyi, signal: s, window: {count: 10}}
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
                "operators[1].params.alpha: required for type renyi, missing",
                "operators[2].signal: no signal named 'missing'",
                "rules[0].operator: no operator named 'zz'",
                "rules[0].threshold.exit: must be >= the enter level 1.0 (hysteresis), got 0.5",
                "rules[1]: give exactly one condition (threshold, significance, regime-change, drift), got 2");
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[0].type: unknown operator type 'entropie'"));
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[3].params.reference: expected 256 counts"));
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
}
