package io.entroflow.app.analyze;

import io.entroflow.schemas.model.HmmModelJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entroflow.operators.hmm.GaussianEmission;
import io.entroflow.operators.hmm.HmmModel;
import io.entroflow.operators.signal.HmmSampler;
import io.entroflow.app.cli.AnalyzeCommand;
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

    /** A sampled 2-state Gaussian HMM (means 0 and 4) whose both means then drift up by 6 over the stream. */
    private record Drifting(double[] x, int[] truth) {
        static Drifting sample(int n) {
            HmmModel stationary = new HmmModel(new double[] {0.5, 0.5}, new double[][] {{0.98, 0.02}, {0.02, 0.98}},
                    new GaussianEmission(new double[] {0, 4}, new double[] {0.5, 0.5}));
            HmmSampler.Sample s = new HmmSampler(stationary, 17).sample(n);
            double[] x = s.observations().clone();
            for (int t = 0; t < n; t++) {
                x[t] += 6.0 * t / n;
            }
            return new Drifting(x, s.states());
        }
    }

    private static double accuracy(List<JsonNode> rows, int[] truth) {
        int hits = 0;
        for (int t = 0; t < truth.length; t++) {
            hits += rows.get(t).get("state").asInt() == truth[t] ? 1 : 0;
        }
        return hits / (double) truth.length;
    }

    @Test
    void shouldPrintTheAdaptingFiltersRowsWhenFittingOnline() throws IOException {
        Drifting d = Drifting.sample(4_000);
        Path input = csv("value", d.x());
        Path start = dir.resolve("start.json");
        Files.writeString(start, "{\"initial\":[0.5,0.5],\"transition\":[[0.98,0.02],[0.02,0.98]],"
                + "\"emission\":{\"type\":\"gaussian\",\"means\":[0,4],\"variances\":[0.5,0.5]}}");
        Run fixed = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--model", start.toString(), "--series");
        Path saved = dir.resolve("final.json");
        Run online = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--model", start.toString(), "--fit", "online", "--series", "--save-model", saved.toString());
        assertThat(online.status()).as(online.err()).isZero();
        assertThat(online.rows()).hasSize(d.x().length);
        // until the first M-step (after 51 events) the parameters in force are the starting model's
        for (int t = 0; t <= 50; t++) {
            JsonNode a = online.rows().get(t);
            JsonNode b = fixed.rows().get(t);
            assertThat(a.get("index").asInt()).isEqualTo(t);
            assertThat(a.at("/posterior/0").asDouble()).isCloseTo(b.at("/posterior/0").asDouble(), within(1e-12));
            assertThat(a.get("surprise").asDouble()).isCloseTo(b.get("surprise").asDouble(), within(1e-12));
            assertThat(a.get("loglik").asDouble()).isCloseTo(b.get("loglik").asDouble(), within(1e-10));
        }
        double adapting = accuracy(online.rows(), d.truth());
        double stale = accuracy(fixed.rows(), d.truth());
        System.out.printf("drifting means: state accuracy online %.4f, fixed starting model %.4f%n", adapting, stale);
        assertThat(adapting).isGreaterThan(0.95);
        assertThat(adapting).isGreaterThan(stale + 0.15);
        // the rows are not a re-run with the final parameters: that filter differs from the rows
        Run rerun = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--model", saved.toString(), "--series");
        assertThat(rerun.rows().get(0).get("surprise").asDouble())
                .isNotCloseTo(online.rows().get(0).get("surprise").asDouble(), within(1e-3));
        // the summary's loglik is the running (prequential) one of the rows; --save-model has the final parameters
        Run summary = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--model", start.toString(), "--fit", "online");
        JsonNode s = summary.rows().get(0);
        assertThat(s.get("loglik").asDouble()).isEqualTo(online.rows().get(d.x().length - 1).get("loglik").asDouble());
        assertThat(s.get("loglik_kind").asText()).isEqualTo("prequential");
        assertThat(s.get("model")).isEqualTo(JSON.readTree(Files.readString(saved)));
        double[] finalMeans = {s.at("/model/emission/means/0").asDouble(), s.at("/model/emission/means/1").asDouble()};
        assertThat(finalMeans[0]).isCloseTo(6, within(0.5));
        assertThat(finalMeans[1]).isCloseTo(10, within(0.5));
    }

    @Test
    void shouldCountRegimeChangesFromTheAdaptingPosterior() throws IOException {
        Drifting d = Drifting.sample(3_000);
        Path input = csv("value", d.x());
        Run rows = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--states", "2", "--emission", "gaussian", "--fit", "online", "--series", "--dwell", "3");
        Run summary = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--states", "2", "--emission", "gaussian", "--fit", "online", "--dwell", "3");
        assertThat(rows.status()).as(rows.err()).isZero();
        long changes = rows.rows().stream().filter(r -> r.has("regime_change")).count();
        int flips = 0;
        for (int t = 1; t < d.truth().length; t++) {
            flips += d.truth()[t] != d.truth()[t - 1] ? 1 : 0;
        }
        assertThat(summary.rows().get(0).get("regime_changes").asLong()).isEqualTo(changes);
        assertThat((double) changes).isCloseTo(flips, within(0.2 * flips));
        assertThat(summary.rows().get(0).get("loglik").asDouble())
                .isEqualTo(rows.rows().get(d.x().length - 1).get("loglik").asDouble());
    }

    private Path timed(String times, double... values) throws IOException {
        String[] t = times.split(",");
        StringBuilder b = new StringBuilder("t,value\n");
        for (int i = 0; i < values.length; i++) {
            b.append(t[i]).append(',').append(values[i]).append('\n');
        }
        Path file = dir.resolve("timed.csv");
        Files.writeString(file, b);
        return file;
    }

    private Path jumpyModel() throws IOException {
        Path model = dir.resolve("jumpy.json");
        Files.writeString(model, "{\"initial\":[0.5,0.5],\"transition\":[[0.5,0.5],[0.5,0.5]],"
                + "\"emission\":{\"type\":\"gaussian\",\"means\":[0,10],\"variances\":[1,1]}}");
        return model;
    }

    @Test
    void shouldConfirmARegimeChangeOnlyAfterTheDwellTimeOfEventTime() throws IOException {
        // state 0 (the first regime, confirmed at 300 ms), state 1 for one event at 500 ms, then from 800 ms on
        Path input = timed("0,100,200,300,400,500,600,700,800,900,1000,1100", 0, 0, 0, 0, 0, 10, 0, 0, 10, 10, 10, 10);
        Run noDwell = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--model", jumpyModel().toString(), "--time-column", "t");
        assertThat(noDwell.status()).as(noDwell.err()).isZero();
        assertThat(noDwell.rows().get(0).get("regime_changes").asInt()).isEqualTo(3);
        for (String dwell : new String[] {"250ms", "0.25s", "PT0.25S"}) {
            Run run = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                    "--model", jumpyModel().toString(), "--time-column", "t", "--dwell-time", dwell, "--series");
            assertThat(run.status()).as(run.err()).isZero();
            List<JsonNode> changes = run.rows().stream().filter(r -> r.has("regime_change")).toList();
            assertThat(changes).hasSize(1);
            JsonNode change = changes.get(0);
            assertThat(change.get("index").asInt()).isEqualTo(11); // 1100 - 800 >= 250 ms; at 1000 only 200 ms
            assertThat(change.get("time").asLong()).isEqualTo(1100);
            assertThat(change.at("/regime_change/start").asInt()).isEqualTo(8);
            assertThat(change.at("/regime_change/start_time").asLong()).isEqualTo(800);
            assertThat(change.at("/regime_change/from").asInt()).isZero();
        }
        Run online = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--model", jumpyModel().toString(), "--fit", "online", "--time-column", "t", "--dwell-time", "250ms");
        assertThat(online.rows().get(0).get("regime_changes").asInt()).isEqualTo(1);
    }

    @Test
    void shouldReadIsoInstantsAndEpochMillisAndKeepTheIndex() throws IOException {
        Path input = timed("2024-05-01T12:00:00Z,2024-05-01T14:00:00.250+02:00,1714564801000", 0, 1, 0);
        Run run = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--model", umbrellaModel().toString(), "--time-column", "t", "--series");
        assertThat(run.status()).as(run.err()).isZero();
        long t0 = java.time.Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
        assertThat(run.rows()).extracting(r -> r.get("index").asInt()).containsExactly(0, 1, 2);
        assertThat(run.rows()).extracting(r -> r.get("time").asLong()).containsExactly(t0, t0 + 250, t0 + 1000);
        Run untimed = analyze("--measure", "hmm", "--input", input.toString(), "--column", "value",
                "--model", umbrellaModel().toString(), "--series");
        assertThat(untimed.rows().get(0).has("time")).isFalse();
    }

    @Test
    void shouldNameTheLineAndValueOfABadTimeOrDuration() throws IOException {
        Path model = jumpyModel();
        Run bad = analyze("--measure", "hmm", "--input", timed("0,yesterday,200", 0, 0, 0).toString(), "--column", "value",
                "--model", model.toString(), "--time-column", "t");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("line 3").contains("'yesterday'").contains("ISO-8601");
        Run backwards = analyze("--measure", "hmm", "--input", timed("0,200,100", 0, 0, 0).toString(), "--column", "value",
                "--model", model.toString(), "--time-column", "t");
        assertThat(backwards.status()).isEqualTo(2);
        assertThat(backwards.err()).contains("--time-column").contains("line 4").contains("'100'").contains("'200'");
        Run untimed = analyze("--measure", "hmm", "--input", timed("0,1,2", 0, 0, 0).toString(), "--column", "value",
                "--model", model.toString(), "--dwell-time", "2s");
        assertThat(untimed.err()).endsWith("--dwell-time: needs --time-column (the events' time), got '2s'");
        for (String duration : new String[] {"2 parsecs", "5", "-1s", "0.5ms", "P1X"}) {
            Run run = analyze("--measure", "hmm", "--input", timed("0,1,2", 0, 0, 0).toString(), "--column", "value",
                    "--model", model.toString(), "--time-column", "t", "--dwell-time", duration);
            assertThat(run.status()).as(duration).isEqualTo(2);
            assertThat(run.err()).as(duration).contains("--dwell-time").contains("'" + duration + "'");
        }
        Run missing = analyze("--measure", "hmm", "--input", timed("0,1,2", 0, 0, 0).toString(), "--column", "value",
                "--model", model.toString(), "--time-column", "when");
        assertThat(missing.err()).contains("--time-column: no column 'when'");
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
        assertThat(run.err()).contains(input + " line 3: column 'umbrella': categorical observations must be integers 0..1,"
                + " got '2.0'");
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
