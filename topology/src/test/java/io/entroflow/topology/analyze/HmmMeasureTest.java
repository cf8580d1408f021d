package io.entroflow.topology.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entroflow.operators.hmm.GaussianEmission;
import io.entroflow.operators.hmm.HmmModel;
import io.entroflow.operators.signal.HmmSampler;
import io.entroflow.topology.cli.AnalyzeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HmmMeasureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int status, List<JsonNode> rows, String err) {
    }

    private Run analyze(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AnalyzeCommand command = new AnalyzeCommand(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int status = new CommandLine(command).execute(args);
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return new Run(status, rows, err.toString(StandardCharsets.UTF_8).trim());
    }

    private Path csv(String column, double[] values) throws IOException {
        StringBuilder b = new StringBuilder(column).append('\n');
        for (double v : values) {
            b.append(v).append('\n');
        }
        Path file = dir.resolve("input.csv");
        Files.writeString(file, b);
        return file;
    }

    private Path umbrellaModel() throws IOException {
        Path model = dir.resolve("umbrella.json");
        Files.writeString(model, "{\"initial\":[0.5,0.5],\"transition\":[[0.7,0.3],[0.3,0.7]],"
                + "\"emission\":{\"type\":\"categorical\",\"probabilities\":[[0.9,0.1],[0.2,0.8]]}}");
        return model;
    }

    @Test
    void shouldPrintTheUmbrellaPosteriorsPerEventWithARunningLogLikelihood() throws IOException {
        Path input = csv("umbrella", new double[] {0, 0, 1, 0, 0});
        Run run = analyze("--measure", "hmm", "--input", input.toString(), "--column", "umbrella",
                "--model", umbrellaModel().toString(), "--series");
        assertThat(run.status()).as(run.err()).isZero();
        double[] rain = {0.8182, 0.8834, 0.1907, 0.7308, 0.8673};
        assertThat(run.rows()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode row = run.rows().get(i);
            assertThat(row.get("index").asInt()).isEqualTo(i);
            assertThat(row.get("posterior").get(0).asDouble()).isCloseTo(rain[i], within(5e-5));
            assertThat(row.get("state").asInt()).isEqualTo(rain[i] > 0.5 ? 0 : 1);
            assertThat(row.has("surprise")).isTrue();
        }
        assertThat(run.rows().get(4).get("loglik").asDouble()).isCloseTo(-3.372502, within(5e-7));
    }

    @Test
    void shouldSummariseLikelihoodEventsAndRegimeChanges() throws IOException {
        Path input = csv("umbrella", new double[] {0, 0, 1, 0, 0});
        Run run = analyze("--measure", "hmm", "--input", input.toString(), "--column", "umbrella",
                "--model", umbrellaModel().toString());
        JsonNode summary = run.rows().get(0);
        assertThat(summary.get("loglik").asDouble()).isCloseTo(-3.372502, within(5e-7));
        assertThat(summary.get("n").asInt()).isEqualTo(5);
        assertThat(summary.get("regime_changes").asInt()).isEqualTo(2); // rain -> dry -> rain
        assertThat(summary.get("occupancy").get(0).asDouble()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void shouldFitSaveAndReadBackAGaussianModel() throws IOException {
        HmmModel truth = new HmmModel(new double[] {0.5, 0.5}, new double[][] {{0.98, 0.02}, {0.02, 0.98}},
                new GaussianEmission(new double[] {0, 3}, new double[] {1, 1}));
        double[] x = new HmmSampler(truth, 4).sample(3_000).observations();
        Path input = csv("value", x);
        Path saved = dir.resolve("fitted.json");
        Run fit = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--states", "2", "--emission", "gaussian", "--fit", "baum-welch", "--save-model", saved.toString());
        assertThat(fit.status()).as(fit.err()).isZero();
        JsonNode summary = fit.rows().get(0);
        double[] means = {summary.at("/model/emission/means/0").asDouble(), summary.at("/model/emission/means/1").asDouble()};
        Arrays.sort(means);
        assertThat(means[0]).isCloseTo(0, within(0.15));
        assertThat(means[1]).isCloseTo(3, within(0.15));
        Run reread = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value", "--model", saved.toString());
        assertThat(reread.status()).as(reread.err()).isZero();
        assertThat(reread.rows().get(0).get("loglik").asDouble()).isCloseTo(summary.get("loglik").asDouble(), within(1e-6));
        assertThat(HmmModelJson.read(saved).emission()).isInstanceOf(GaussianEmission.class);
    }

    @Test
    void shouldFitOnlineAndAr1() throws IOException {
        HmmModel truth = new HmmModel(new double[] {0.5, 0.5}, new double[][] {{0.98, 0.02}, {0.02, 0.98}},
                new GaussianEmission(new double[] {0, 3}, new double[] {1, 1}));
        Path input = csv("value", new HmmSampler(truth, 5).sample(3_000).observations());
        for (String[] fit : new String[][] {{"gaussian", "online"}, {"ar1", "baum-welch"}, {"ar1", "online"}}) {
            Run run = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                    "--states", "2", "--emission", fit[0], "--fit", fit[1]);
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.rows().get(0).get("fit").asText()).isEqualTo(fit[1]);
            assertThat(run.rows().get(0).at("/model/emission/type").asText()).isEqualTo(fit[0]);
        }
    }

    @Test
    void shouldRefineAGivenModelOnline() throws IOException {
        Path input = csv("umbrella", new double[] {0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0});
        Run run = analyze("--measure", "hmm", "--input", input.toString(), "--column", "umbrella",
                "--model", umbrellaModel().toString(), "--fit", "online");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.rows().get(0).get("fit").asText()).isEqualTo("online");
        assertThat(run.rows().get(0).at("/model/emission/type").asText()).isEqualTo("categorical");
    }

    @Test
    void shouldNameTheJsonPathOfABadModelValue() throws IOException {
        Path input = csv("value", new double[] {0, 1});
        Path model = dir.resolve("bad.json");
        Files.writeString(model, "{\"initial\":[0.5,0.5],\"transition\":[[0.9,0.1],[0.1,0.9]],"
                + "\"emission\":{\"type\":\"gaussian\",\"means\":[0,1],\"variances\":[1,\"x\"]}}");
        Run run = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value", "--model", model.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).endsWith("$.emission.variances[1]: expected a number, got \"x\"");
        Files.writeString(model, "{\"initial\":[0.5,0.5],\"transition\":[[0.9,0.1],[0.1,0.9]],"
                + "\"emission\":{\"type\":\"gaussian\",\"means\":[0,1],\"variances\":[1,-1]}}");
        run = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value", "--model", model.toString());
        assertThat(run.err()).endsWith("$.emission.variances[1]: expected a finite variance > 0, got -1.0");
    }

    @Test
    void shouldRejectASymbolOutsideTheModelsAlphabet() throws IOException {
        Path input = csv("umbrella", new double[] {0, 2});
        Run run = analyze("--measure", "hmm", "--input", input.toString(), "--column", "umbrella",
                "--model", umbrellaModel().toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--column: row 1").contains("2.0");
    }

    @Test
    void shouldRoundTripEveryEmissionTypeThroughJson() {
        for (String emission : new String[] {
                "{\"type\":\"categorical\",\"probabilities\":[[0.9,0.1],[0.2,0.8]]}",
                "{\"type\":\"gaussian\",\"means\":[0,3],\"variances\":[1,2]}",
                "{\"type\":\"ar1\",\"intercepts\":[0,1],\"coefficients\":[0.5,-0.2],\"variances\":[1,1]}"}) {
            String text = "{\"initial\":[0.25,0.75],\"transition\":[[0.9,0.1],[0.3,0.7]],\"emission\":" + emission + "}";
            HmmModel model = HmmModelJson.parse(text);
            HmmModel back = HmmModelJson.fromJson(HmmModelJson.toJson(model));
            assertThat(back.toString()).isEqualTo(model.toString());
        }
    }
}
