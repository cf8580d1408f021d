package io.entroflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.topology.measure.Measure;
import io.entroflow.topology.measure.MeasureCatalogue;
import io.entroflow.topology.measure.Param;
import io.entroflow.topology.measure.Surface;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.app.analyze.AnalyzeMeasures;
import io.entroflow.app.analyze.AnalyzeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The measure catalogue seen from both surfaces: every measure (under each of its names) runs in
 * {@code analyze} and plans in a spec, and a bad parameter value gets the same text on both, only the
 * prefix differing ({@code operators[0].params.alpha} or {@code --alpha}).
 */
class MeasureCatalogueSurfacesTest {
    private static final Set<String> NUMERIC = Set.of("permutation-entropy", "complexity", "hmm");

    @TempDir
    static Path dir;

    private static Path data() throws IOException {
        Path csv = dir.resolve("data.csv");
        if (!Files.exists(csv)) {
            StringBuilder b = new StringBuilder("x,y,z,v\n");
            long state = 7;
            for (int i = 0; i < 300; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                int x = (int) ((state >>> 33) % 3);
                int z = (int) ((state >>> 41) % 2);
                b.append("abc".charAt(x)).append(',').append(i == 0 ? 'a' : "abc".charAt((x + z) % 3)).append(',')
                        .append("ab".charAt(z)).append(',').append(Math.sin(i * 0.7) + (i / 100) * 3).append('\n');
            }
            Files.writeString(csv, b.toString());
        }
        return csv;
    }

    /** The analyze arguments that compute {@code name} (a measure name or alias) over {@link #data()}. */
    private static List<String> analyze(String name, String... more) throws IOException {
        Measure m = MeasureCatalogue.byName(name);
        List<String> args = new ArrayList<>(List.of("analyze", "--measure", name, "--input", data().toString()));
        if (NUMERIC.contains(m.name())) {
            args.addAll(List.of("--column", "v"));
        } else if (m.minSignals() == 1) {
            args.addAll(List.of("--column", "x"));
        } else {
            args.addAll(List.of("--source", "x", "--target", "y"));
            if (m.minSignals() == 3) {
                args.addAll(List.of("--condition", "z"));
            }
        }
        if (m.name().equals("divergence")) {
            args.addAll(List.of("--reference", data().toString()));
        }
        if (m.name().equals("hmm")) {
            args.addAll(List.of("--states", "2", "--emission", "gaussian", "--restarts", "1"));
        }
        args.addAll(List.of(more));
        return args;
    }

    /** A spec with one operator of {@code type} and {@code params} (YAML flow entries). */
    private static String spec(String type, String params) {
        Measure m = MeasureCatalogue.byName(type);
        String signals = NUMERIC.contains(m.name()) ? "signal: v" : m.minSignals() == 1 ? "signal: x"
                : m.minSignals() == 2 ? "signals: [x, y]" : "signals: [x, y, z]";
        String required = switch (m.name()) {
            case "divergence" -> "reference: [1, 1], ";
            case "hmm" -> "model: {initial: [0.5, 0.5], transition: [[0.9, 0.1], [0.1, 0.9]], "
                    + "emission: {type: gaussian, means: [0, 3], variances: [1, 1]}}, ";
            default -> "";
        };
        return """
                monitor: m
                input: {topics: [in]}
                signals:
                  - {name: x, kind: categorical, field: /x, values: [a, b]}
                  - {name: y, kind: categorical, field: /y, values: [a, b]}
                  - {name: z, kind: categorical, field: /z, values: [a, b]}
                  - {name: v, kind: numeric, field: /v}
                operators:
                  - {name: o, type: %s, %s%s, params: {%s%s}}
                """.formatted(type, signals, m.windowRequired() ? ", window: {count: 10}" : "", required, params);
    }

    private static List<String> specErrors(String yaml) {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () ->
                new MonitorPlanner(OperatorRegistry.standard()).plan("t", MonitorSpecLoader.parse("t", yaml)));
        return e == null ? List.of() : e.errors();
    }

    @Test
    void shouldRunEveryMeasureOfTheCatalogueUnderEachOfItsNamesInAnalyzeAndInASpec() throws IOException {
        for (Measure m : MeasureCatalogue.all()) {
            assertThat(AnalyzeMeasures.of(m).measure()).isEqualTo(m.name());
            for (String name : m.names()) {
                CliRunner.Result r = CliRunner.run("", analyze(name).toArray(String[]::new));
                assertThat(r.status()).as(name + ": " + r.err()).isZero();
                assertThat(r.lines()).as(name).isNotEmpty();
                assertThat(specErrors(spec(name, ""))).as(name).isEmpty();
            }
        }
    }

    @Test
    void shouldGiveEverySummaryRowTheMeasureValueUnitAndN() throws IOException {
        for (Measure m : MeasureCatalogue.all()) {
            CliRunner.Result r = CliRunner.run("", analyze(m.name()).toArray(String[]::new));
            assertThat(r.status()).as(m.name() + ": " + r.err()).isZero();
            JsonNode row = new ObjectMapper().readTree(r.lines()[0]);
            for (String field : List.of("measure", "value", "unit", "n")) {
                assertThat(row.has(field)).as(m.name() + " summary row " + row + " has " + field).isTrue();
            }
        }
    }

    @Test
    void shouldReportTheRatiosWithoutAUnit() throws IOException {
        for (String name : List.of("normalized-entropy", "normalized-mutual-info", "permutation-entropy", "complexity")) {
            CliRunner.Result r = CliRunner.run("", analyze(name).toArray(String[]::new));
            assertThat(r.status()).as(name + ": " + r.err()).isZero();
            JsonNode row = new ObjectMapper().readTree(r.lines()[0]);
            assertThat(row.path("unit").asText("missing")).as(name + " summary row " + row).isEmpty();
        }
    }

    @Test
    void shouldGiveEveryAnalyzeParameterOfTheCatalogueAnOption() {
        AnalyzeOptions options = new AnalyzeOptions();
        for (Measure m : MeasureCatalogue.all()) {
            for (Param p : m.params(Surface.ANALYZE)) {
                assertThat(options.param(p.name())).as(m.name() + " " + p.name() + ": not given").isNull();
            }
        }
    }

    @Test
    void shouldKeepTheOldSpellingsOfBothSurfaces() throws IOException {
        CliRunner.Result normalize = CliRunner.run("", analyze("entropy", "--normalize").toArray(String[]::new));
        assertThat(normalize.status()).as(normalize.err()).isZero();
        assertThat(normalize.out()).contains("\"measure\":\"normalized-entropy\"").contains("\"unit\":\"\"");
        CliRunner.Result inf = CliRunner.run("", analyze("renyi", "--alpha", "inf").toArray(String[]::new));
        assertThat(inf.status()).as(inf.err()).isZero();
        assertThat(specErrors(spec("normalized-entropy", ""))).isEmpty();
        assertThat(specErrors(spec("renyi", "alpha: inf"))).isEmpty();
        assertThat(specErrors(spec("shannon", "miller-madow: true"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "renyi | alpha | -1",
            "renyi | alpha | nope",
            "tsallis | q | -0.5",
            "normalized-entropy | alphabet | -2",
            "divergence | divergence | hellinger",
            "divergence | smoothing | -1",
            "transfer-entropy | k | 65",
            "te | l | 0",
            "transfer-entropy | delay | 1.5",
            "conditional-transfer-entropy | condition-k | 0",
            "conditional-transfer-entropy | condition-delay | 0",
            "entropy-rate | k | 0",
            "active-info | k | 65",
            "markov | pseudo-count | -1",
            "permutation-entropy | dimension | 9",
            "complexity | tau | 0"})
    void shouldRejectABadParameterWithTheSameTextInASpecAndInAnalyze(String type, String param, String value)
            throws IOException {
        List<String> errors = specErrors(spec(type, param + ": " + value));
        String prefix = "operators[0].params." + param + ": ";
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith(prefix);
        String reason = errors.get(0).substring(prefix.length());

        CliRunner.Result r = CliRunner.run("", analyze(type, "--" + param, value).toArray(String[]::new));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("entroflow analyze: --" + param + ": " + reason);
    }
}
