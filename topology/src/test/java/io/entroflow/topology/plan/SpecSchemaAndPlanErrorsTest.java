package io.entroflow.topology.plan;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.topology.operator.OperatorRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One load reports the schema errors and the planner's together ({@code MonitorSpecLoader.read}, then
 * {@code MonitorPlanner.plan}), the schema's first, in a stable order; the planner skips the parts the
 * schema rejected, so it neither repeats their errors nor reports references to them.
 */
class SpecSchemaAndPlanErrorsTest {
    private static final String HMM_MODEL = "model: {initial: [0.5, 0.5], transition: [[0.9, 0.1, 0.3], [0.1, 0.9]], "
            + "emission: {type: gaussian, means: [0, 3], variances: [1, 1]}}";

    private static List<String> errors(String yaml) {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () ->
                new MonitorPlanner(OperatorRegistry.standard()).plan("t", MonitorSpecLoader.read("t", yaml)));
        assertThat(e).as("no SpecValidationException").isNotNull();
        return e.errors();
    }

    @Test
    void shouldReportSchemaAndPlannerErrorsTogetherInAStableOrder() {
        String yaml = """
                monitor: m
                input: {topics: [in]}
                signals:
                  - {name: kind, kind: categorical, field: /kind}
                  - {name: clock, kind: clock, field: /c}
                operators:
                  - {name: kind-entropy, type: renyi, signal: kind, window: {count: 100}, params: {alpha: -1}}
                  - {name: e2, type: entropy, signal: kind, window: {count: 0}}
                  - {name: e3, type: entropy, signal: kind, window: {count: 50}}
                rules:
                  - {name: r, operator: kind-entropi, threshold: {below: 1}}
                  - {name: c, operator: e3, conformal: {alpha: 0.001, calibration: 99, side: low}}
                """;
        List<String> expected = List.of(
                "signals[1].kind: must be one of [\"categorical\",\"numeric\",\"inter-arrival\",\"joint\"], got \"clock\"",
                "operators[0].params.alpha: must be >= 0, got -1",
                "operators[1].window.count: must be > 0, got 0",
                "rules[0].operator: no operator named 'kind-entropi'",
                "rules[1].conformal.alpha: 0.001 is below 1/(calibration+1) = 0.0100000 for calibration = 99 and side low: "
                        + "no value could alarm; raise calibration to at least 999");
        assertThat(errors(yaml)).containsExactlyElementsOf(expected);
        assertThat(errors(yaml)).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldReportABadHmmWindowBesideABadInlineModel() {
        assertThat(errors("""
                monitor: m
                input: {topics: [in]}
                signals:
                  - {name: v, kind: numeric, field: /v}
                operators:
                  - {name: h, type: hmm, signal: v, window: {time: 1m}, params: {%s}}
                """.formatted(HMM_MODEL))).satisfiesExactly(
                        window -> assertThat(window).startsWith("operators[0].window: type hmm takes cumulative: true"),
                        model -> assertThat(model).isEqualTo("operators[0].params.model.transition[0]: expected 2 entries, got 3"));
    }

    @Test
    void shouldNotReportReferencesToPartsTheSchemaRejected() {
        assertThat(errors("""
                monitor: m
                input: {topics: 5}
                signals:
                  - {name: s, kind: clock, field: /s}
                  - {name: t, kind: categorical, field: /t, topic: other}
                  - {name: j, kind: joint, of: [s, t]}
                operators:
                  - {name: a, type: entropy, signal: s, window: {count: 10}}
                  - {name: b, type: entropy, signal: t, window: {count: 10}, colour: red}
                rules:
                  - {name: r, operator: b, threshold: {below: 1}}
                  - {name: q, operator: a, threshold: {below: x}}
                """)).containsExactly(
                "input.topics: must be an array, got 5",
                "signals[0].kind: must be one of [\"categorical\",\"numeric\",\"inter-arrival\",\"joint\"], got \"clock\"",
                "operators[1]: unknown field 'colour'",
                "rules[1].threshold.below: must be a number, got \"x\"");
    }

    @Test
    void shouldNotReportUnresolvedNamesWhenARejectedEntryHasNoName() {
        assertThat(errors("""
                monitor: m
                input: {topics: [in]}
                signals:
                  - {kind: categorical, field: /s}
                operators:
                  - {type: entropy, signal: s, window: {count: 10}}
                  - {name: b, type: entropy, signal: s, window: {count: 10}}
                rules:
                  - {name: r, operator: a, threshold: {below: 1}}
                """)).containsExactly(
                "signals[0]: missing required field 'name'",
                "operators[0]: missing required field 'name'");
    }

    @Test
    void shouldReportADocumentThatIsNotAnObjectWithoutPlanning() {
        assertThat(errors("[1, 2]")).singleElement().asString().startsWith("(document): must be an object");
    }
}
