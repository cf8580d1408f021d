package io.entroflow.schemas.spec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MonitorSpecLoaderTest {
    private static final String VALID = """
            monitor: payments
            input:
              topics: [events]
              key: {field: /user}
              time: {field: /ts}
              lateness: 5s
            signals:
              - {name: kind, kind: categorical, field: /kind}
              - {name: amount, kind: numeric, field: /amount, symbolize: {method: bins, bins: 8, min: 0, max: 100}}
              - {name: gap, kind: inter-arrival, symbolize: {method: bins, bins: 8, min: 0, max: 1000}}
            operators:
              - {name: kind-entropy, type: entropy, signal: kind, window: {count: 500}}
              - {name: amount-renyi, type: renyi, signal: amount, window: {time: 30s}, params: {alpha: 2}}
            rules:
              - name: collapse
                operator: kind-entropy
                threshold: {below: 1.0, exit: 1.5}
                for: 2s
                keep-firing-for: 5s
            """;

    @Test
    void shouldBindAValidSpecWithDefaults() {
        MonitorSpec spec = MonitorSpecLoader.parse("valid", VALID);
        assertThat(spec.monitor()).isEqualTo("payments");
        assertThat(spec.input().key().fromField()).isTrue();
        assertThat(spec.input().time().format()).isEqualTo("auto");
        assertThat(spec.input().latenessMillis()).isEqualTo(5_000);
        assertThat(spec.operators().get(1).params().get("alpha").asDouble()).isEqualTo(2.0);
        assertThat(spec.operators().get(0).signals()).containsExactly("kind");
        assertThat(spec.rules().get(0).threshold().below()).isEqualTo(1.0);
        assertThat(Durations.parseMillis("for", spec.rules().get(0).forDuration())).isEqualTo(2_000);
        assertThat(spec.outputs().deadLetter()).isEqualTo("payments-dead-letter");
        assertThat(spec.aggregates().intervalMillis()).isEqualTo(1_000);
    }

    @Test
    void shouldListEveryErrorByPath() {
        String bad = VALID.replace("window: {count: 500}", "window: {count: 0}")
                .replace("lateness: 5s", "lateness: soon")
                .replace("kind: inter-arrival", "kind: clock")
                .replace("for: 2s", "for: 30x\n    colour: red");
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class,
                () -> MonitorSpecLoader.parse("bad", bad));
        e.errors().forEach(System.out::println);
        assertThat(e.errors()).contains("operators[0].window.count: must be > 0, got 0");
        assertThat(e.errors()).contains("input.lateness: expected a duration like 500ms, 2s or 1m, got \"soon\"",
                "rules[0].for: expected a duration like 500ms, 2s or 1m, got \"30x\"");
        assertThat(e.errors()).anyMatch(s -> s.startsWith("signals[2].kind: must be one of"));
        assertThat(e.errors()).contains("rules[0]: unknown field 'colour'");
    }

    @Test
    void shouldReportMissingRequiredFields() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class,
                () -> MonitorSpecLoader.parse("bad", "monitor: x\ninput: {topics: [a]}\nsignals: []\n"));
        e.errors().forEach(System.out::println);
        assertThat(e.errors()).contains("(document): missing required field 'operators'");
        assertThat(e.errors()).anyMatch(s -> s.startsWith("signals: "));
    }

    @Test
    void shouldBindWhatValidatesAndNameThePartsTheSchemaErrorsLieIn() {
        SchemaCheckedSpec checked = MonitorSpecLoader.read("bad", VALID
                .replace("kind: categorical", "kind: clock")
                .replace("{count: 500}}", "{count: 0}}")
                .replace("lateness: 5s", "lateness: 5s\n  colour: red")
                .replace("- name: collapse\n", "- severity: loud\n"));
        assertThat(checked.errors()).containsExactly(
                "input: unknown field 'colour'",
                "signals[0].kind: must be one of [\"categorical\",\"numeric\",\"inter-arrival\",\"joint\"], got \"clock\"",
                "operators[0].window.count: must be > 0, got 0",
                "rules[0].severity: must be one of [\"info\",\"warning\",\"critical\"], got \"loud\"",
                "rules[0]: missing required field 'name'");
        assertThat(checked.invalidParts()).containsExactlyInAnyOrder(SpecPath.of("input"),
                SpecPath.of("signals").index(0), SpecPath.of("operators").index(0), SpecPath.of("rules").index(0));
        assertThat(checked.valid(SpecPath.of("signals").index(1))).isTrue();
        MonitorSpec spec = checked.spec();
        assertThat(spec.input().topics()).as("input emptied to its defaults").isEmpty();
        assertThat(spec.signals().get(0)).isEqualTo(new SignalSpec("kind", null, null, null, null, null, null, null));
        assertThat(spec.signals().get(1).kind()).isEqualTo("numeric");
        assertThat(spec.operators().get(0).name()).isEqualTo("kind-entropy");
        assertThat(spec.operators().get(0).window()).isNull();
        assertThat(spec.rules().get(0).name()).isNull();
        assertThat(checked.namesKnown("signals")).isTrue();
        assertThat(checked.namesKnown("rules")).as("rules[0] has no name").isFalse();
    }

    @Test
    void shouldListSeveralErrorsOneALineInTheMessageAndOneErrorOnTheHeaderLine() {
        assertThat(new SpecValidationException("f.yaml", java.util.List.of("a: x; y", "b: z")))
                .hasMessage("invalid monitor spec f.yaml (2 errors):\n  a: x; y\n  b: z");
        assertThat(new SpecValidationException("f.yaml", java.util.List.of("a: x; y")))
                .hasMessage("invalid monitor spec f.yaml: a: x; y");
    }

    @Test
    void shouldRejectDurationsWithoutAUnit() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Durations.parseMillis("for", "5")))
                .hasMessageContaining("for").hasMessageContaining("'5'");
    }

    @Test
    void shouldValidateTheParamsOfTheInformationFlowOrdinalAndHmmTypesByPath() {
        String bad = VALID.replace("    rules:", "").replace("""
              - {name: amount-renyi, type: renyi, signal: amount, window: {time: 30s}, params: {alpha: 2}}
            """, """
              - {name: amount-renyi, type: renyi, signal: amount, window: {time: 30s}, params: {alpha: 2}}
              - {name: te, type: transfer-entropy, signals: [kind], window: {count: 100}, params: {k: -1, lag: 2}}
              - {name: pe, type: permutation-entropy, signal: amount, window: {count: 100}, params: {dimension: 9}}
              - {name: regimes, type: hmm, signal: amount, window: {count: 50}, params: {value: mean}}
              - {name: ok, type: conditional-transfer-entropy, signals: [kind, amount, gap], window: {count: 100},
                 params: {k: 2, l: 1, delay: 1, condition-k: 2, condition-delay: 1}}
            """);
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class,
                () -> MonitorSpecLoader.parse("bad", bad));
        e.errors().forEach(System.out::println);
        assertThat(e.errors()).contains("operators[2].params.k: must be >= 0, got -1",
                "operators[2].params: unknown field 'lag'",
                "operators[3].params.dimension: must be <= 7, got 9",
                "operators[4].params: missing required field 'model'");
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[2].signals: "));
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[4].params.value: must be one of"));
        assertThat(e.errors()).noneMatch(s -> s.startsWith("operators[5]"));
    }

    @Test
    void shouldBindDecayAndCumulativeWindowsAndLetHmmOmitItsWindow() {
        String spec = VALID.replace("""
              - {name: amount-renyi, type: renyi, signal: amount, window: {time: 30s}, params: {alpha: 2}}
            """, """
              - {name: amount-renyi, type: renyi, signal: amount, window: {decay: {half-life: 1000}}, params: {alpha: 2}}
              - {name: kind-recent, type: entropy, signal: kind, window: {decay: {half-life: 30s}}}
              - {name: kind-all, type: entropy, signal: kind, window: {cumulative: true}}
              - {name: regimes, type: hmm, signal: amount, params: {model: {initial: [1], transition: [[1]],
                  emission: {type: gaussian, means: [0], variances: [1]}}}}
            """);
        MonitorSpec parsed = MonitorSpecLoader.parse("decay", spec);
        WindowSpec events = parsed.operators().get(1).window();
        assertThat(events.decay().inEventTime()).isFalse();
        assertThat(events.decay().halfLifeEvents(SpecPath.of("w"))).isEqualTo(1000.0);
        WindowSpec time = parsed.operators().get(2).window();
        assertThat(time.decay().inEventTime()).isTrue();
        assertThat(time.decay().halfLifeMillis(SpecPath.of("w"))).isEqualTo(30_000);
        assertThat(parsed.operators().get(3).window().isCumulative()).isTrue();
        assertThat(parsed.operators().get(4).window()).isNull();
    }

    @Test
    void shouldReportBadDecayAndCumulativeWindowsByPath() {
        String bad = VALID.replace("""
              - {name: amount-renyi, type: renyi, signal: amount, window: {time: 30s}, params: {alpha: 2}}
            """, """
              - {name: a, type: renyi, signal: amount, window: {decay: {half-life: 0}}, params: {alpha: 2}}
              - {name: b, type: entropy, signal: kind, window: {decay: {half-life: soon}}}
              - {name: c, type: entropy, signal: kind, window: {decay: {halflife: 10}}}
              - {name: d, type: entropy, signal: kind, window: {cumulative: false}}
              - {name: e, type: entropy, signal: kind, window: {count: 10, cumulative: true}}
              - {name: f, type: entropy, signal: kind}
            """);
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class,
                () -> MonitorSpecLoader.parse("bad", bad));
        e.errors().forEach(System.out::println);
        assertThat(e.errors()).contains("operators[1].window.decay.half-life: must be > 0, got 0",
                "operators[3].window.decay: unknown field 'halflife'",
                "operators[3].window.decay: missing required field 'half-life'",
                "operators[6]: missing required field 'window'");
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[2].window.decay.half-life: expected a duration like 500ms"));
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[4].window.cumulative: "));
        assertThat(e.errors()).anyMatch(s -> s.startsWith("operators[5].window: "));
    }
}
