package io.entroflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnalyzeEntropyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV = "t,symbol,x\n1,a,0.1\n2,b,0.2\n3,c,0.3\n4,d,0.4\n5,a,0.5\n6,b,0.6\n7,c,0.7\n8,d,0.8\n";

    private static JsonNode json(String line) throws Exception {
        return JSON.readTree(line);
    }

    @Test
    void shouldPrintTwoBitsForUniformOverFourSymbols() throws Exception {
        CliRunner.Result r = CliRunner.run(CSV, "analyze", "--measure", "entropy", "--input", "-", "--column", "symbol");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode out = json(r.out());
        assertThat(out.get("measure").asText()).isEqualTo("entropy");
        assertThat(out.get("value").asDouble()).isCloseTo(2.0, within(1e-12));
        assertThat(out.get("unit").asText()).isEqualTo("bits");
        assertThat(out.get("n").asLong()).isEqualTo(8);
    }

    @Test
    void shouldReadJsonLinesAndReportNats() throws Exception {
        String jsonl = "{\"s\": 1}\n{\"s\": 2}\n\n{\"s\": 1}\n{\"s\": 2}\n";
        CliRunner.Result r = CliRunner.run(jsonl, "analyze", "--measure", "entropy", "--input", "-", "--column", "s", "--base", "e");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(json(r.out()).get("value").asDouble()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(json(r.out()).get("unit").asText()).isEqualTo("nats");
    }

    @Test
    void shouldPrintOneObjectPerEventWithSeriesAndOnePerBlockWithWindow() throws Exception {
        CliRunner.Result series = CliRunner.run(CSV, "analyze", "--measure", "renyi", "--alpha", "0", "--input", "-",
                "--column", "symbol", "--series", "--window", "2");
        assertThat(series.status()).as(series.err()).isZero();
        assertThat(series.lines()).hasSize(8);
        assertThat(json(series.lines()[0]).get("index").asInt()).isZero();
        assertThat(json(series.lines()[0]).get("value").asDouble()).isZero();
        assertThat(json(series.lines()[7]).get("value").asDouble()).isCloseTo(1.0, within(1e-12));
        CliRunner.Result blocks = CliRunner.run(CSV, "analyze", "--measure", "gini-simpson", "--input", "-", "--column", "symbol", "--window", "3");
        assertThat(blocks.lines()).hasSize(3);
        assertThat(json(blocks.lines()[2]).get("n").asInt()).isEqualTo(2);
        assertThat(json(blocks.lines()[2]).get("value").asDouble()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldPrintLocalValuesPerEventWithLocalAloneAsTheFlowMeasuresDo() throws Exception {
        for (String measure : new String[] {"entropy", "permutation-entropy"}) {
            String column = measure.equals("entropy") ? "symbol" : "x";
            CliRunner.Result r = CliRunner.run(CSV, "analyze", "--measure", measure, "--input", "-", "--column", column,
                    "--local");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.lines()).as(measure).hasSizeGreaterThan(1);
            assertThat(json(r.lines()[r.lines().length - 1]).has("local")).as(measure).isTrue();
        }
    }

    @Test
    void shouldReadACsvOrJsonLinesFileThatStartsWithAByteOrderMark() throws Exception {
        // spreadsheet programs save "CSV UTF-8" with a byte order mark before the header
        CliRunner.Result csv = CliRunner.run("\uFEFF" + CSV, "analyze", "--measure", "entropy", "--input", "-",
                "--column", "symbol");
        assertThat(csv.status()).as(csv.err()).isZero();
        assertThat(json(csv.out()).get("value").asDouble()).isCloseTo(2.0, within(1e-12));
        CliRunner.Result jsonl = CliRunner.run("\uFEFF{\"s\": 1}\n{\"s\": 2}\n", "analyze", "--measure", "entropy",
                "--input", "-", "--column", "s");
        assertThat(jsonl.status()).as(jsonl.err()).isZero();
        assertThat(json(jsonl.out()).get("value").asDouble()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldSymbolizeNumbersIntoFixedBins() throws Exception {
        CliRunner.Result r = CliRunner.run(CSV, "analyze", "--measure", "entropy", "--input", "-", "--column", "x",
                "--symbolize", "fixed", "--bins", "2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(json(r.out()).get("value").asDouble()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldComputeTsallisInNatsWhateverTheBase() throws Exception {
        CliRunner.Result r = CliRunner.run(CSV, "analyze", "--measure", "tsallis", "--q", "2", "--input", "-", "--column", "symbol");
        assertThat(json(r.out()).get("value").asDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(json(r.out()).get("unit").asText()).isEqualTo("nats");
    }

    @Test
    void shouldComputeDivergenceAgainstAReferenceFile(@TempDir Path dir) throws Exception {
        Path ref = dir.resolve("ref.csv");
        Files.writeString(ref, "symbol\na\na\nb\nb\n");
        CliRunner.Result r = CliRunner.run("symbol\na\na\na\nb\n", "analyze", "--measure", "divergence", "--input", "-",
                "--column", "symbol", "--reference", ref.toString(), "--smoothing", "0");
        assertThat(r.status()).as(r.err()).isZero();
        // KL((3/4,1/4) || (1/2,1/2)) = 1 - H(3/4) bits
        double h = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2);
        assertThat(json(r.out()).get("value").asDouble()).isCloseTo(1 - h, within(1e-12));
        assertThat(json(r.out()).get("divergence").asText()).isEqualTo("kl");
    }

    @Test
    void shouldExitTwoNamingAMissingColumn() {
        CliRunner.Result r = CliRunner.run(CSV, "analyze", "--measure", "entropy", "--input", "-", "--column", "nope");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).contains("--column").contains("'nope'").contains("[t, symbol, x]").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldExitTwoOnEmptyInput() {
        CliRunner.Result r = CliRunner.run("", "analyze", "--measure", "entropy", "--input", "-", "--column", "x");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("empty input");
    }

    @Test
    void shouldExitTwoNamingTheLineAndValueThatIsNotANumber() {
        CliRunner.Result r = CliRunner.run("x\n1.0\n2.5\nabc\n", "analyze", "--measure", "entropy", "--input", "-",
                "--column", "x", "--symbolize", "quantile", "--bins", "2");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("line 4").contains("'abc'").contains("column 'x'");
    }

    @Test
    void shouldExitTwoForANegativeAlpha() {
        CliRunner.Result r = CliRunner.run(CSV, "analyze", "--measure", "renyi", "--alpha", "-1", "--input", "-", "--column", "symbol");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--alpha").contains("-1");
    }

    @Test
    void shouldExitTwoForAnUnknownMeasureListingTheKnownOnes() {
        CliRunner.Result r = CliRunner.run(CSV, "analyze", "--measure", "entrop", "--input", "-", "--column", "symbol");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("'entrop'").contains("entropy, renyi");
    }

    @Test
    void shouldExitTwoForARaggedCsvRow() {
        CliRunner.Result r = CliRunner.run("a,b\n1,2\n3\n", "analyze", "--measure", "entropy", "--input", "-", "--column", "a");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("line 3").contains("expected 2 fields");
    }
}
