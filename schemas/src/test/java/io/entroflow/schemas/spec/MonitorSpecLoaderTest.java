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
                .replace("for: 2s", "for: 2s\n    colour: red");
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class,
                () -> MonitorSpecLoader.parse("bad", bad));
        e.errors().forEach(System.out::println);
        assertThat(e.errors()).contains("operators[0].window.count: must be > 0, got 0");
        assertThat(e.errors()).anyMatch(s -> s.startsWith("input.lateness: must match"));
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
    void shouldRejectDurationsWithoutAUnit() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Durations.parseMillis("for", "5")))
                .hasMessageContaining("for").hasMessageContaining("'5'");
    }
}
