package io.entroflow.topology.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SpecValidationException;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MeasureCatalogueTest {
    private static final String MODEL = "{initial: [0.5, 0.5], transition: [[0.9, 0.1], [0.1, 0.9]], "
            + "emission: {type: gaussian, means: [0, 3], variances: [1, 1]}}";

    /** A spec with one operator of {@code type} (a name or an alias) and {@code params}, over fitting signals. */
    static String spec(String type, String params) {
        Measure m = MeasureCatalogue.find(type).orElseThrow();
        boolean numeric = Set.of("permutation-entropy", "complexity", "hmm").contains(m.name());
        String signals = numeric ? "signal: v" : m.minSignals() == 1 ? "signal: x"
                : m.minSignals() == 2 ? "signals: [x, y]" : "signals: [x, y, z]";
        String required = switch (m.name()) {
            case "divergence" -> "reference: [1, 1]";
            case "hmm" -> "model: " + MODEL;
            default -> "";
        };
        String all = String.join(", ", List.of(required, params).stream().filter(s -> !s.isEmpty()).toList());
        return """
                monitor: m
                input: {topics: [in]}
                signals:
                  - {name: x, kind: categorical, field: /x, values: [a, b]}
                  - {name: y, kind: categorical, field: /y, values: [a, b]}
                  - {name: z, kind: categorical, field: /z, values: [a, b]}
                  - {name: v, kind: numeric, field: /v}
                operators:
                  - {name: o, type: %s, %s%s, params: {%s}}
                """.formatted(type, signals, m.windowRequired() ? ", window: {count: 10}" : "", all);
    }

    static MonitorPlan plan(String yaml) {
        return new MonitorPlanner(OperatorRegistry.standard()).plan("t", MonitorSpecLoader.parse("t", yaml));
    }

    @Test
    void shouldPlanEveryMeasureUnderEachOfItsNames() {
        for (Measure m : MeasureCatalogue.all()) {
            for (String name : m.names()) {
                MonitorPlan p = plan(spec(name, ""));
                assertThat(p.operators().get(0).type()).as(name).isEqualTo(m.name());
                assertThat(p.operators().get(0).newOperator()).as(name).isNotNull();
            }
        }
    }

    @Test
    void shouldRegisterExactlyTheCatalogue() {
        assertThat(List.copyOf(OperatorRegistry.standard().types())).isEqualTo(MeasureCatalogue.names());
        Set<String> names = new HashSet<>();
        MeasureCatalogue.all().forEach(m -> m.names().forEach(n -> assertThat(names.add(n)).as(n).isTrue()));
    }

    @Test
    void shouldHoldTheCataloguesRulesInTheSpecSchema() throws Exception {
        JsonNode schema;
        try (InputStream in = MonitorSpecLoader.class.getResourceAsStream(MonitorSpecLoader.SCHEMA_RESOURCE)) {
            schema = new ObjectMapper().readTree(in);
        }
        JsonNode expected = MeasureCatalogue.operatorSchemaRules();
        JsonNode actual = schema.at("/$defs/operator/allOf");
        if (!expected.equals(actual)) {
            Path out = Path.of("target", "operator-schema-rules.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, expected.toString());
        }
        assertThat(actual).as("$defs.operator.allOf of monitor-spec.schema.json; expected in target/"
                + "operator-schema-rules.json").isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "renyi | alpha: -1 | alpha | must be >= 0, got -1",
            "renyi | alpha: nope | alpha | must be a number or inf, got \"nope\"",
            "tsallis | q: -0.5 | q | must be >= 0, got -0.5",
            "entropy | miller-madow: 1 | miller-madow | must be a boolean, got 1",
            "divergence | divergence: hellinger | divergence | must be one of [\"kl\",\"js\",\"kullback-leibler\",\"jensen-shannon\"], got \"hellinger\"",
            "divergence | smoothing: -1 | smoothing | must be >= 0, got -1",
            "transfer-entropy | k: 65 | k | must be <= 64, got 65",
            "transfer-entropy | l: 0 | l | must be >= 1, got 0",
            "transfer-entropy | delay: 1.5 | delay | must be an integer, got 1.5",
            "entropy-rate | k: 0 | k | must be >= 1, got 0",
            "permutation-entropy | dimension: 9 | dimension | must be <= 7, got 9",
            "complexity | tau: 0 | tau | must be >= 1, got 0",
            "hmm | value: mean | value | must be one of [\"surprise\",\"posterior-entropy\"], got \"mean\""})
    void shouldRejectABadValueWithTheCataloguesTextWhetherTheSchemaOrThePlannerFindsIt(String type, String param,
                                                                                     String name, String reason) {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> plan(spec(type, param)));
        assertThat(e.errors()).contains("operators[0].params." + name + ": " + reason);
        JsonNode given = yamlValue(param.substring(param.indexOf(':') + 1).trim());
        InvalidParamException direct = catchThrowableOfType(InvalidParamException.class,
                () -> MeasureCatalogue.byName(type).param(name, Surface.SPEC).read(given));
        assertThat(direct.reason()).isEqualTo(reason);
    }

    @Test
    void shouldAcceptInfinityForRenyiInASpec() {
        for (String inf : new String[] {"inf", "Infinity", "INF"}) { // YAML's .inf is not read by the YAML parser
            MonitorPlan p = plan(spec("renyi", "alpha: " + inf));
            assertThat(p.operators().get(0).context().params().number("alpha")).as(inf)
                    .isEqualTo(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void shouldReportAnUnknownParameterAndAnUnknownMeasureByPath() {
        SpecValidationException unknownParam = catchThrowableOfType(SpecValidationException.class,
                () -> plan(spec("te", "lag: 2")));
        assertThat(unknownParam.errors()).contains("operators[0].params: unknown field 'lag'");
        SpecValidationException unknownType = catchThrowableOfType(SpecValidationException.class,
                () -> plan(spec("entropy", "").replace("type: entropy", "type: entropie")));
        List<String> errors = new ArrayList<>(unknownType.errors());
        assertThat(errors).containsExactly("operators[0].type: unknown measure 'entropie'; known: "
                + String.join(", ", MeasureCatalogue.names()));
    }

    private static JsonNode yamlValue(String text) {
        try {
            return new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
