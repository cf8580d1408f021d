package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entroflow.app.cli.AnalyzeCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code analyze} with the information-flow measures, end to end through the command line. */
class InformationFlowAnalyzeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** x copies y one step later; z is independent noise. */
    private static String coupledCsv(int n) {
        Random random = new Random(4);
        StringBuilder csv = new StringBuilder("x,y,z\n");
        int previousY = 0;
        for (int t = 0; t < n; t++) {
            int y = random.nextInt(2);
            csv.append(previousY).append(',').append(y).append(',').append(random.nextInt(2)).append('\n');
            previousY = y;
        }
        return csv.toString();
    }

    private record Run(int status, List<JsonNode> rows, String error) {
    }

    private static Run analyze(String csv, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AnalyzeCommand command = new AnalyzeCommand(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--input");
        all.add("-");
        int status = new CommandLine(command).execute(all.toArray(String[]::new));
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return new Run(status, rows, err.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void shouldReportOneBitOfTransferEntropyWithAnAnalyticPValueWhenTheTargetCopiesTheSource() throws Exception {
        Run run = analyze(coupledCsv(5000), "--measure", "transfer-entropy", "--source", "y", "--target", "x",
                "--significance", "analytic");
        assertThat(run.status()).isZero();
        JsonNode row = run.rows().get(0);
        assertThat(row.get("measure").asText()).isEqualTo("transfer-entropy");
        assertThat(row.get("value").asDouble()).isCloseTo(1.0, within(0.01));
        assertThat(row.get("unit").asText()).isEqualTo("bits");
        assertThat(row.get("n").asInt()).isEqualTo(4999);
        assertThat(row.get("df").asDouble()).isEqualTo(2.0);
        assertThat(row.get("p_value").asDouble()).isLessThan(1e-9);
    }

    @Test
    void shouldReportASurrogatePValueAndBiasForIndependentColumns() throws Exception {
        Run run = analyze(coupledCsv(2000), "--measure", "mutual-info", "--source", "z", "--target", "x",
                "--significance", "surrogate", "--surrogates", "99", "--seed", "7");
        JsonNode row = run.rows().get(0);
        assertThat(row.get("p_value").asDouble()).isGreaterThan(0.01);
        assertThat(row.get("surrogate_mean").asDouble()).isBetween(0.0, 0.01);
        assertThat(row.get("surrogates").asInt()).isEqualTo(99);
    }

    @Test
    void shouldPrintLocalValuesPerEventAfterTheHistoryWarmUp() throws Exception {
        Run run = analyze(coupledCsv(50), "--measure", "transfer-entropy", "--source", "y", "--target", "x",
                "--k", "2", "--local");
        assertThat(run.rows()).hasSize(48);
        assertThat(run.rows().get(0).get("index").asInt()).isEqualTo(2);
        assertThat(run.rows().get(47).has("local")).isTrue();
        Run withP = analyze(coupledCsv(400), "--measure", "transfer-entropy", "--source", "y", "--target", "x",
                "--series", "--window", "100", "--significance", "analytic");
        assertThat(withP.rows().get(0).get("p_value").asDouble()).isBetween(0.0, 1.0);
        assertThat(withP.rows().get(398).get("p_value").asDouble()).isLessThan(1e-6);
        assertThat(withP.rows().get(398).get("n").asInt()).isEqualTo(100);
        Run surrogatePerEvent = analyze(coupledCsv(40), "--measure", "te", "--source", "y", "--target", "x",
                "--local", "--significance", "surrogate");
        assertThat(surrogatePerEvent.status()).isEqualTo(2);
        assertThat(surrogatePerEvent.error()).contains("--significance: surrogates are computed for summaries");
    }

    @Test
    void shouldPrintTheMarkovChainSummary() throws Exception {
        Run run = analyze("s\na\nb\na\nb\na\nb\na\n", "--measure", "markov", "--column", "s");
        JsonNode row = run.rows().get(0);
        assertThat(row.get("transition_matrix").get(0).get(1).asDouble()).isEqualTo(1.0);
        assertThat(row.get("stationary").get(0).asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(row.get("entropy_rate").asDouble()).isCloseTo(0.0, within(1e-12));
        assertThat(row.get("value").asDouble()).isEqualTo(row.get("entropy_rate").asDouble());
        assertThat(row.get("unit").asText()).isEqualTo("bits");
        assertThat(row.get("entropy_production").asDouble()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldGiveZeroEntropyRateAndConditionalEntropyForDeterminedStreams() throws Exception {
        String csv = "a,b\n0,1\n1,0\n0,1\n1,0\n0,1\n1,0\n";
        assertThat(analyze(csv, "--measure", "entropy-rate", "--column", "a").rows().get(0).get("value").asDouble())
                .isEqualTo(0.0);
        assertThat(analyze(csv, "--measure", "active-info", "--column", "a").rows().get(0).get("value").asDouble())
                .isCloseTo(-(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4)) / Math.log(2), within(1e-12)); // = H(next): 5 samples, 3 ones
        assertThat(analyze(csv, "--measure", "conditional-entropy", "--source", "b", "--target", "a").rows().get(0)
                .get("value").asDouble()).isEqualTo(0.0);
        JsonNode distance = analyze(csv, "--measure", "entropic-distance", "--source", "b", "--target", "a").rows().get(0);
        assertThat(distance.get("value").asDouble()).isEqualTo(0.0);
        assertThat(distance.get("rajski").asDouble()).isEqualTo(0.0);
    }

    @Test
    void shouldExitWithStatusTwoAndNameTheOptionForBadInput() throws Exception {
        Run missing = analyze(coupledCsv(10), "--measure", "conditional-transfer-entropy", "--source", "y", "--target", "x");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.error()).isEqualTo("entroflow analyze: --condition: required for --measure conditional-transfer-entropy");
        Run badK = analyze(coupledCsv(10), "--measure", "te", "--source", "y", "--target", "x", "--k", "-1");
        assertThat(badK.status()).isEqualTo(2);
        assertThat(badK.error()).isEqualTo("entroflow analyze: --k: must be >= 0, got -1");
        Run tooLong = analyze(coupledCsv(10), "--measure", "te", "--source", "y", "--target", "x", "--k", "40", "--l", "30");
        assertThat(tooLong.status()).isEqualTo(2);
        assertThat(tooLong.error()).startsWith("entroflow analyze: --l: 30 symbols of an alphabet of 2 do not fit the 62-bit joint code");
        Run badSignificance = analyze(coupledCsv(10), "--measure", "mi", "--source", "y", "--target", "x",
                "--significance", "exact");
        assertThat(badSignificance.error()).contains("--significance: expected analytic, surrogate or block-surrogate, got 'exact'");
    }
}
