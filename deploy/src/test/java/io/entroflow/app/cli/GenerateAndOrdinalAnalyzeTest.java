package io.entroflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entroflow.app.generate.SignalKind;
import io.entroflow.app.generate.SignalKinds;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate} output and the ordinal {@code analyze} measures, end to end through picocli. */
class GenerateAndOrdinalAnalyzeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteEveryRegisteredSignalAsCsvAndJsonLines() throws Exception {
        for (SignalKind kind : SignalKinds.all()) {
            Result csv = generate(kind.name(), "--count", "50", "--seed", "4");
            assertThat(csv.status).as(kind.name() + ": " + csv.err).isZero();
            String[] lines = csv.out.split("\n");
            assertThat(lines).hasSize(51);
            assertThat(lines[0]).startsWith("index,");
            assertThat(lines[1]).startsWith("0,");
            Result jsonl = generate(kind.name(), "--count", "50", "--seed", "4", "--format", "jsonl");
            String[] rows = jsonl.out.split("\n");
            assertThat(rows).hasSize(50);
            JsonNode last = JSON.readTree(rows[49]);
            assertThat(last.get("index").asInt()).isEqualTo(49);
            String[] header = lines[0].split(",");
            String[] values = lines[50].split(",");
            for (int c = 1; c < header.length; c++) {
                assertThat(last.get(header[c]).asDouble()).as(kind.name() + " " + header[c]).isEqualTo(Double.parseDouble(values[c]));
            }
        }
    }

    @Test
    void shouldBeDeterministicForASeedAndHonourParameters() {
        assertThat(generate("pink", "--count", "100", "--seed", "9").out)
                .isEqualTo(generate("pink", "--count", "100", "--seed", "9").out)
                .isNotEqualTo(generate("pink", "--count", "100", "--seed", "10").out);
        assertThat(generate("logistic", "r=2.5", "x0=0.1", "--count", "2").out).isEqualTo("index,value\n0,0.1\n1,0.225\n");
        assertThat(generate("henon", "a=1.5", "--count", "1", "--skip", "2").out).isEqualTo("index,x,y\n0,-0.5,0.3\n");
    }

    @Test
    void shouldExitWithStatusTwoNamingTheBadParameter() {
        Result unknown = generate("logistic", "rr=3");
        assertThat(unknown.status).isEqualTo(2);
        assertThat(unknown.err).contains("rr").contains("unknown parameter");
        Result bad = generate("ar1", "phi=1.2");
        assertThat(bad.status).isEqualTo(2);
        assertThat(bad.err).contains("phi").contains("1.2");
        Result noSuch = generate("zigzag");
        assertThat(noSuch.err).contains("zigzag").contains("logistic");
        assertThat(generate("white", "--format", "xml").err).contains("--format").contains("xml");
    }

    @Test
    void shouldReportTheLogisticMapAsComplexWithTheFallingTripleForbidden() throws Exception {
        String csv = generate("logistic", "--count", "20000", "--seed", "2").out;
        JsonNode row = JSON.readTree(analyze(csv, "--measure", "complexity", "--column", "value", "--dimension", "3").out);
        assertThat(row.get("region").asText()).isEqualTo("complex");
        assertThat(row.get("forbidden").toString()).isEqualTo("[\"[2,1,0]\"]");
        assertThat(row.get("forbidden_count").asInt()).isOne();
        assertThat(row.get("entropy").asDouble()).isBetween(0.82, 0.84);
        assertThat(row.get("complexity").asDouble()).isBetween(0.16, 0.17);
        assertThat(row.get("expected_forbidden_white_noise").asDouble()).isLessThan(1e-6);
    }

    @Test
    void shouldReportWhiteNoiseAsStochasticAndARampAsZero() throws Exception {
        String noise = generate("white", "--count", "20000").out;
        JsonNode pe = JSON.readTree(analyze(noise, "--measure", "permutation-entropy", "--column", "value", "--dimension", "5").out);
        assertThat(pe.get("value").asDouble()).isGreaterThan(0.99);
        JsonNode c = JSON.readTree(analyze(noise, "--measure", "complexity", "--column", "value", "--dimension", "4", "--tau", "2").out);
        assertThat(c.get("region").asText()).isEqualTo("stochastic");
        StringBuilder ramp = new StringBuilder("v\n");
        for (int i = 0; i < 100; i++) {
            ramp.append(i).append('\n');
        }
        JsonNode flat = JSON.readTree(analyze(ramp.toString(), "--measure", "pe", "--column", "v", "--weighted").out);
        assertThat(flat.get("value").asDouble()).isZero();
        assertThat(flat.get("weighted").asBoolean()).isTrue();
    }

    @Test
    void shouldPrintOneRowPerValueInSeriesModeAfterTheFirstPattern() {
        String sine = generate("sine", "--count", "40").out;
        String[] rows = analyze(sine, "--measure", "complexity", "--column", "value", "--series", "--window", "10").out.split("\n");
        assertThat(rows).hasSize(38); // d=3: the first two values complete no pattern
        assertThat(rows[0]).contains("\"index\":2");
    }

    @Test
    void shouldRejectABadDimensionNamingTheOption() {
        Result r = analyze("v\n1\n2\n3\n", "--measure", "complexity", "--column", "v", "--dimension", "8");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--dimension").contains("8");
        Result tooShort = analyze("v\n1\n2\n", "--measure", "pe", "--column", "v", "--dimension", "4");
        assertThat(tooShort.err).contains("--column").contains("need at least");
        assertThat(io.entroflow.topology.measure.MeasureCatalogue.byName("pe").name()).isEqualTo("permutation-entropy");
    }

    @Test
    void shouldTakeDimensionAndTauForOrdinalSymbolsOfAnyMeasureButRefuseThemOtherwise() {
        String values = "v\n3\n1\n2\n5\n4\n0\n6\n2\n";
        Result ordinal = analyze(values, "--measure", "entropy", "--column", "v", "--symbolize", "ordinal",
                "--dimension", "2", "--tau", "1");
        assertThat(ordinal.status).as(ordinal.err).isZero();
        Result plain = analyze(values, "--measure", "entropy", "--column", "v", "--dimension", "2");
        assertThat(plain.status).isEqualTo(2);
        assertThat(plain.err).startsWith("entroflow analyze: --dimension: not an option of --measure entropy (it takes ");
    }

    private record Result(int status, String out, String err) {
    }

    private static Result generate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GenerateCommand command = new GenerateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int status = new CommandLine(command).execute(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result analyze(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AnalyzeCommand command = new AnalyzeCommand(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] all = new String[args.length + 2];
        all[0] = "--input";
        all[1] = "-";
        System.arraycopy(args, 0, all, 2, args.length);
        int status = new CommandLine(command).execute(all);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldListTheSignalsWithoutArguments() {
        List<String> names = SignalKinds.all().stream().map(SignalKind::name).toList();
        String listing = generate().out;
        for (String name : names) {
            assertThat(listing).contains(name);
        }
        assertThat(names).contains("hmm");
    }

    @Test
    void shouldNameTheListedSignalsWhenRefusingAnUnknownOne() {
        List<String> listed = generate().out.lines().map(line -> line.split(" +")[0]).toList();
        assertThat(listed).contains("hmm", "demo");
        assertThat(generate("bogus").err).contains("known: " + String.join(", ", listed) + "\n");
    }

    @Test
    void shouldGenerateAnHmmStreamWithItsTrueStatesThatHmmAnalyzeRecovers() throws Exception {
        Result csv = generate("hmm", "transition=0.98,0.02;0.02,0.98", "means=0,6", "variances=1,1", "--count", "2000", "--seed", "9");
        assertThat(csv.status).as(csv.err).isZero();
        String[] lines = csv.out.split("\n");
        assertThat(lines[0]).isEqualTo("index,value,state");
        CliRunner.Result fit = CliRunner.run(csv.out, "analyze", "--measure", "hmm", "--input", "-", "--column", "value",
                "--states", "2", "--emission", "gaussian", "--fit", "baum-welch", "--series");
        assertThat(fit.status()).as(fit.err()).isZero();
        String[] rows = fit.lines();
        int agree = 0;
        for (int i = 0; i < rows.length; i++) {
            int truth = (int) Double.parseDouble(lines[i + 1].split(",")[2]);
            agree += JSON.readTree(rows[i]).get("state").asInt() == truth ? 1 : 0;
        }
        // state labels of a fit are arbitrary: accept either labelling
        assertThat(Math.max(agree, rows.length - agree)).isGreaterThan((int) (0.97 * rows.length));
    }

    @Test
    void shouldRejectAnUnknownHmmEmissionNamingIt() {
        Result r = generate("hmm", "emission=poisson", "--count", "3");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("emission").contains("poisson");
    }
}
