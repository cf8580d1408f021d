package io.entroflow.app.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command given a bad option, spec, file or an unreachable broker ends with exactly one line
 * on standard error, {@code entroflow <command>: <what>}, naming the option, file or value, no stack
 * trace, and exit status 2 (bad input) or 1 (failure at run time). The cases are the table in
 * docs/reliability.md.
 */
class CliErrorsTest {
    static final String SPEC = """
            monitor: m
            input: {topics: [events], key: {field: /k}, time: {field: /ts}}
            signals:
              - {name: s, kind: categorical, field: /s}
            operators:
              - {name: h, type: entropy, signal: s, window: {count: 100}}
            aggregates: {interval: 1s}
            """;

    /** A port in use on 127.0.0.1 for the whole class (the HTTP cases). */
    static final java.net.ServerSocket TAKEN = takenPort();

    private static java.net.ServerSocket takenPort() {
        try {
            return new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    static Path dir;
    static Path spec;

    @BeforeAll
    static void files() throws IOException {
        spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        Files.writeString(dir.resolve("bad-yaml.yaml"), "monitor: m\ninput: {topics: [a]\nsignals: [\n");
        Files.writeString(dir.resolve("invalid.yaml"), SPEC.replace("count: 100", "count: 0").replace("type: entropy", "type: entropy, colour: red"));
        Files.writeString(dir.resolve("mixed.yaml"), SPEC.replace("{count: 100}}", """
                {count: 100}}
                  - {name: g, type: renyi, signal: s, window: {count: 10}, params: {alpha: -1}}
                rules:
                  - {name: c, operator: h, conformal: {alpha: 0.001, calibration: 99, side: low}}
                  - {name: r, operator: nope, threshold: {below: 1}}""").replace("field: /s}", "field: /s}\n  - {name: t, kind: clock, field: /t}"));
        Files.writeString(dir.resolve("unknown-type.yaml"), SPEC.replace("type: entropy", "type: entropie"));
        Files.writeString(dir.resolve("empty.yaml"), "");
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'m', ':', ' ', (byte) 0xE9, '\n'});
        Files.writeString(dir.resolve("huge.yaml"), SPEC + "#" + "x".repeat(CliFiles.MAX_SPEC_BYTES) + "\n");
        StringBuilder laughs = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            laughs.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(8))
                    .append('*').append((char) (c - 1)).append("]\n");
        }
        Files.writeString(dir.resolve("laughs.yaml"), laughs);
        Files.writeString(dir.resolve("deep.yaml"), "monitor: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n");
        Files.createDirectories(dir.resolve("a-dir"));
        Files.writeString(dir.resolve("a-file"), "not a directory");
        Files.writeString(dir.resolve("no-jaas.properties"), "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n");
        Files.writeString(dir.resolve("bad-streams.properties"), "num.stream.threads=many\n");
        Files.writeString(dir.resolve("short.token"), "short\n");
        Files.writeString(dir.resolve("status.csv"), "status\na\nb\n");
        Files.writeString(dir.resolve("numbers.csv"), "x\n1\n2\n3\n");
        Files.writeString(dir.resolve("umbrella.json"), "{\"initial\": [0.5, 0.5], \"transition\": [[0.7, 0.3], [0.3, 0.7]],"
                + " \"emission\": {\"type\": \"categorical\", \"probabilities\": [[0.9, 0.1], [0.2, 0.8]]}}");
    }

    static String p(String name) {
        return dir.resolve(name).toString();
    }

    static Stream<Arguments> badCommands() {
        List<Arguments> c = new ArrayList<>();
        // root
        c.add(of("", 2, "entroflow: missing command"));
        c.add(of("rnu", 2, "entroflow: unknown command 'rnu'; did you mean 'run'? (see entroflow --help)"));
        c.add(of("--bogus", 2, "entroflow: unknown option '--bogus' (see entroflow --help)"));
        // run: the spec
        c.add(of("run", 2, "entroflow run: missing required option: '--config=SPEC' (see entroflow run --help)"));
        c.add(of("run --foo --config " + spec, 2, "entroflow run: unknown option '--foo' (see entroflow run --help)"));
        c.add(of("run --conifg " + spec, 2, "entroflow run: unknown option '--conifg'; did you mean '--config'?"));
        c.add(of("run --config /nonexistent.yaml", 2, "entroflow run: --config: no such file '/nonexistent.yaml'"));
        c.add(of("run --config " + p("a-dir"), 2, "--config: '" + p("a-dir") + "' is a directory, not a spec file"));
        c.add(of("run --config " + p("huge.yaml"), 2, "--config: '" + p("huge.yaml") + "' is larger than 1 MiB"));
        c.add(of("run --config " + p("bad-yaml.yaml"), 2, "invalid monitor spec " + p("bad-yaml.yaml") + ": (document): not valid YAML", "line 3, column"));
        c.add(of("run --config " + p("unknown-type.yaml"), 2, "invalid monitor spec " + p("unknown-type.yaml"), "entropie"));
        c.add(of("run --config " + p("empty.yaml"), 2, "(document): empty"));
        c.add(of("run --config " + p("deep.yaml"), 2, "invalid monitor spec " + p("deep.yaml") + ": (document): not valid YAML",
                "nesting depth"));
        c.add(of("run --config " + p("latin1.yaml"), 2, "--config: '" + p("latin1.yaml") + "' is not UTF-8 text"));
        // run: options and the environment
        c.add(of("run --config " + spec + " --status-every abc", 2, "entroflow run: --status-every: expected a duration like 500ms", "'abc'"));
        c.add(of("run --config " + spec + " --status-every 0s", 2, "--status-every: expected a duration > 0, got '0s'"));
        c.add(of("run --config " + spec + " --connect-timeout soon", 2, "--connect-timeout: expected a duration", "'soon'"));
        c.add(of("run --config " + spec + " --data-dir " + p("a-file") + "/sub", 2,
                "entroflow run: --data-dir: cannot write to '" + p("a-file") + "/sub'"));
        c.add(of("run --config " + spec + " --data-dir " + p("a-file"), 2, "--data-dir: cannot write to '" + p("a-file") + "'"));
        c.add(of("run --config " + spec + " --kafka-config /nonexistent.properties --data-dir " + p("data"), 2,
                "--kafka-config: no such file '/nonexistent.properties'"));
        c.add(of("run --config " + spec + " --kafka-config " + p("a-dir") + " --data-dir " + p("data"), 2,
                "--kafka-config: '" + p("a-dir") + "' is a directory"));
        c.add(of("run --config " + spec + " --bootstrap-servers nocolon --data-dir " + p("data"), 2,
                "entroflow run: --bootstrap-servers: ", "'nocolon'"));
        c.add(of("run --config " + spec + " --bootstrap-servers 127.0.0.1:1 --kafka-config " + p("no-jaas.properties")
                + " --data-dir " + p("data"), 2, "entroflow run: --kafka-config: ", "JAAS"));
        c.add(of("run --config " + spec + " --kafka-config " + p("no-jaas.properties") + " --data-dir " + p("data"), 2,
                "entroflow run: --kafka-config: security.protocol=SASL_PLAINTEXT needs a cluster to connect to"
                        + " (--bootstrap-servers, or bootstrap.servers in --kafka-config); the embedded broker started"
                        + " without one listens in PLAINTEXT on 127.0.0.1"));
        c.add(of("run --config " + spec + " --kafka-config " + p("bad-streams.properties") + " --data-dir " + p("data"), 2,
                "entroflow run: --kafka-config: Invalid value many for configuration num.stream.threads"));
        c.add(of("run --config " + spec + " --bootstrap-servers 127.0.0.1:1 --connect-timeout 1500ms --data-dir " + p("data"), 1,
                "entroflow run: cannot reach Kafka at 127.0.0.1:1 within 1500ms"));
        // the HTTP address, before any broker starts (before: the broker started, then the port in use was
        // reported, and an address not of this machine was reported as --http-port)
        c.add(of("run --config " + spec + " --http-port " + TAKEN.getLocalPort() + " --data-dir " + p("data"), 2,
                "entroflow run: --http-port: cannot listen on 127.0.0.1:" + TAKEN.getLocalPort() + ": Address already in use"));
        c.add(of("run --config " + spec + " --http-bind 192.0.2.1 --data-dir " + p("data"), 2,
                "entroflow run: --http-bind: cannot listen on 192.0.2.1:8080: "));
        c.add(of("demo --http-bind 192.0.2.1 --data-dir " + p("data"), 2, "entroflow demo: --http-bind: cannot listen on 192.0.2.1:0: "));
        c.add(of("run --config " + spec + " --http-token-file /nonexistent.token --data-dir " + p("data"), 2,
                "entroflow run: --http-token-file: no such file '/nonexistent.token'"));
        c.add(of("run --config " + spec + " --http-token-file " + p("a-dir") + " --data-dir " + p("data"), 2,
                "entroflow run: --http-token-file: '" + p("a-dir") + "' is a directory, not a file"));
        c.add(of("run --config " + spec + " --http-token-file " + p("short.token") + " --data-dir " + p("data"), 2,
                "entroflow run: --http-token-file: the token must be at least 16 characters", "got 5"));
        // request
        c.add(of("request --config " + spec, 2, "entroflow request: --bootstrap-servers: required"));
        c.add(of("request --config /nonexistent.yaml --bootstrap-servers 127.0.0.1:1", 2, "entroflow request: --config: no such file"));
        c.add(of("request --config " + spec + " --bootstrap-servers 127.0.0.1:1 --operator nope", 2,
                "entroflow request: --operator: no operator named 'nope'"));
        c.add(of("request --config " + spec + " --bootstrap-servers 127.0.0.1:1 --wait later", 2, "entroflow request: --wait: ", "'later'"));
        c.add(of("request --config " + spec + " --bootstrap-servers 127.0.0.1:1 --connect-timeout 1s", 1,
                "entroflow request: cannot reach Kafka at 127.0.0.1:1 within 1s"));
        // demo
        c.add(of("demo --duration 1s", 2, "entroflow demo: --duration: expected at least 2s, got '1s'"));
        c.add(of("demo --duration never", 2, "entroflow demo: --duration: ", "'never'"));
        c.add(of("demo --rate 5", 2, "entroflow demo: --rate: expected 20..100000 events per second, got 5"));
        c.add(of("demo --rate abc", 2, "entroflow demo: invalid value for option '--rate': 'abc' is not an int"));
        c.add(of("demo --spec " + spec + " --data-dir " + p("data") + " --http-token-file /nonexistent.token", 2,
                "entroflow demo: --http-token-file: no such file '/nonexistent.token'"));
        c.add(of("demo --spec /nonexistent.yaml", 2, "entroflow demo: --spec: no such file '/nonexistent.yaml'"));
        c.add(of("demo --spec " + spec + " --data-dir " + p("a-file"), 2, "entroflow demo: --data-dir: cannot write"));
        c.add(of("demo --spec " + spec + " --data-dir " + p("data") + " --summary-json " + p("a-dir"), 2,
                "entroflow demo: --summary-json: '" + p("a-dir") + "' is a directory"));
        c.add(of("demo --spec " + spec + " --data-dir " + p("data") + " --bootstrap-servers 127.0.0.1:1 --connect-timeout 1s", 1,
                "entroflow demo: cannot reach Kafka at 127.0.0.1:1 within 1s"));
        // analyze
        c.add(of("analyze --bogus", 2, "entroflow analyze: unknown option '--bogus' (see entroflow analyze --help)"));
        c.add(of("analyze --measure entropy --column status --normalize --alphabet 1 --input " + p("status.csv"), 2,
                "entroflow analyze: --alphabet: 1 is smaller than the 2 symbols in --column status, so the normalised"
                        + " entropy could exceed 1; give at least 2, or 0 for the support seen"));
        // options that shape another option are refused without it, not ignored
        c.add(of("analyze --measure entropy --column status --surrogates 10 --input " + p("status.csv"), 2,
                "entroflow analyze: --surrogates: only with --significance surrogate or block-surrogate"));
        c.add(of("analyze --measure entropy --column status --seed 3 --input " + p("status.csv"), 2,
                "entroflow analyze: --seed: only with --significance surrogate or block-surrogate, or --measure hmm"));
        c.add(of("analyze --measure entropy --column x --bins 4 --input " + p("numbers.csv"), 2,
                "entroflow analyze: --bins: only with --symbolize fixed or quantile"));
        c.add(of("analyze --measure entropy --column x --symbolize quantile --range 0:1 --input " + p("numbers.csv"), 2,
                "entroflow analyze: --range: only with --symbolize fixed"));
        c.add(of("analyze --measure entropy --column x --input /nonexistent.csv", 2, "entroflow analyze: ", "/nonexistent.csv"));
        c.add(of("analyze --measure entropy --column x --input " + p("a-dir"), 2,
                "entroflow analyze: --input: '" + p("a-dir") + "' is a directory, not a file"));
        c.add(of("analyze --measure divergence --column status --input " + p("status.csv") + " --reference /nonexistent.csv", 2,
                "entroflow analyze: --reference: no such file '/nonexistent.csv'"));
        c.add(of("analyze --measure divergence --column status --input /nonexistent.csv --reference " + p("status.csv"), 2,
                "entroflow analyze: --input: no such file '/nonexistent.csv'"));
        c.add(of("analyze --measure divergence --column status --input " + p("status.csv") + " --reference " + p("a-dir"), 2,
                "entroflow analyze: --reference: '" + p("a-dir") + "' is a directory, not a file"));
        c.add(of("analyze --measure hmm --column x --input " + p("numbers.csv") + " --model /nonexistent.json", 2,
                "entroflow analyze: --model: no such file '/nonexistent.json'"));
        c.add(of("analyze --measure hmm --column x --input " + p("numbers.csv") + " --model " + p("a-dir"), 2,
                "entroflow analyze: --model: '" + p("a-dir") + "' is a directory, not a file"));
        c.add(of("analyze --measure hmm --column x --input " + p("numbers.csv") + " --model " + p("umbrella.json"), 2,
                "entroflow analyze: " + p("numbers.csv") + " line 3: column 'x': categorical observations must be integers"
                        + " 0..1, got '2'"));
        c.add(of("analyze --measure entropie --column x --input " + spec, 2, "entroflow analyze: ", "entropie"));
        c.add(of("analyze --measure entropy --column x --input " + spec + " --window abc", 2,
                "entroflow analyze: invalid value for option '--window': 'abc' is not an int"));
        c.add(of("analyze --measure entropy --k 3 --column x --input " + spec, 2,
                "entroflow analyze: --k: not an option of --measure entropy (it takes --miller-madow)"));
        c.add(of("analyze --measure entropy-rate --alpha 3 --column x --input " + spec, 2,
                "entroflow analyze: --alpha: not an option of --measure entropy-rate (it takes --k"));
        c.add(of("analyze --measure entropy --column x --source y --input " + spec, 2,
                "entroflow analyze: --source: not an option of --measure entropy (it reads --column)"));
        c.add(of("analyze --measure mutual-info --source x --target y --column z --input " + spec, 2,
                "entroflow analyze: --column: not an option of --measure mutual-info (it reads --source, --target, --condition)"));
        c.add(of("analyze --measure permutation-entropy --column x --reference " + spec + " --input " + spec, 2,
                "entroflow analyze: --reference: not an option of --measure permutation-entropy (it reads --column)"));
        c.add(of("analyze --measure entropy --column x --time-column ts --input " + spec, 2,
                "entroflow analyze: --time-column: not an option of --measure entropy (it reads --column)"));
        c.add(of("analyze --measure entropy --column x --model " + p("model.json") + " --input " + p("numbers.csv"), 2,
                "entroflow analyze: --model: not an option of --measure entropy (it reads --column)"));
        c.add(of("analyze --measure entropy --column x --save-model " + p("saved.json") + " --input " + p("numbers.csv"), 2,
                "entroflow analyze: --save-model: not an option of --measure entropy (it reads --column)"));
        c.add(of("analyze --measure entropy --column x --significance analytic --input " + p("numbers.csv"), 2,
                "entroflow analyze: --significance: only for mutual-info, normalized-mutual-info, transfer-entropy and "
                        + "conditional-transfer-entropy, got measure entropy"));
        c.add(of("analyze --measure entropy-rate --column x --significance surrogate --input " + p("numbers.csv"), 2,
                "entroflow analyze: --significance: only for", "got measure entropy-rate"));
        c.add(of("analyze --measure conditional-entropy --source x --target x --significance analytic --input "
                + p("numbers.csv"), 2, "entroflow analyze: --significance: only for", "got measure conditional-entropy"));
        c.add(of("analyze --measure markov --column x --window 2 --input " + p("numbers.csv"), 2,
                "entroflow analyze: --window: not an option of --measure markov (it prints one summary of the whole input)"));
        c.add(of("analyze --measure markov --column x --series --input " + p("numbers.csv"), 2,
                "entroflow analyze: --series: not an option of --measure markov"));
        c.add(of("analyze --measure hmm --column x --model " + p("umbrella.json") + " --window 2 --input " + p("status.csv"), 2,
                "entroflow analyze: --window: not an option of --measure hmm (it takes --series)"));
        c.add(of("analyze --measure complexity --column x --local --input " + p("numbers.csv"), 2,
                "entroflow analyze: --local: not an option of --measure complexity (it takes --series, --window)"));
        // generate
        c.add(of("generate nope", 2, "entroflow generate: SIGNAL: unknown signal 'nope'; known: categorical, markov,", "hmm, demo"));
        c.add(of("generate categorical p=0.5,0.6", 2, "entroflow generate: p: probabilities must sum to 1, got 1.1"));
        c.add(of("generate categorical p=-0.5,1.5", 2, "entroflow generate: p[0]: expected a probability in [0, 1], got -0.5"));
        c.add(of("generate markov matrix=0.9,0.2;0.2,0.8", 2,
                "entroflow generate: matrix[0]: probabilities must sum to 1, got 1.1"));
        c.add(of("generate markov matrix=0.9,0.1", 2, "entroflow generate: matrix: expected a square matrix, got 1 row of 2 entries"));
        c.add(of("generate markov matrix=1,0;0,1", 2, "entroflow generate: matrix: the chain has no unique stationary distribution"));
        c.add(of("generate sine f=0.7", 2, "entroflow generate: f: expected 0..0.5 cycles per sample, got 0.7"));
        c.add(of("generate sines f=0.1 amplitude=1,2", 2, "entroflow generate: amplitude: expected one value per f (1), got 2"));
        c.add(of("generate hmm transition=0.5,0.6;0.5,0.5", 2,
                "entroflow generate: transition[0]: probabilities must sum to 1, got 1.1"));
        c.add(of("generate hmm initial=0.2,0.2", 2, "entroflow generate: initial: probabilities must sum to 1, got 0.4"));
        c.add(of("generate hmm means=0", 2, "entroflow generate: means: expected one value per state (2, the rows of transition), got 1"));
        c.add(of("generate hmm emission=categorical probabilities=0.5,0.6;0.5,0.5", 2,
                "entroflow generate: probabilities[0]: probabilities must sum to 1, got 1.1"));
        c.add(of("generate logistic --count abc", 2, "entroflow generate: invalid value for option '--count'"));
        c.add(of("generate logistic --format xml", 2, "entroflow generate: --format: expected csv or jsonl, got 'xml'"));
        c.add(of("generate hmm model=/nonexistent.json", 2, "entroflow generate: model: no such file '/nonexistent.json'"));
        c.add(of("generate demo --duration forever", 2, "entroflow generate demo: --duration: ", "'forever'"));
        c.add(of("generate demo --duration 0s", 2, "entroflow generate demo: --duration: expected a duration > 0, got '0s'"));
        c.add(of("generate demo --rate 0", 2, "entroflow generate demo: --rate: expected events per second > 0, got 0"));
        c.add(of("generate demo --start yesterday", 2, "entroflow generate demo: --start: ", "'yesterday'"));
        c.add(of("generate demo -o " + p("a-dir"), 2, "entroflow generate demo: --output: '" + p("a-dir") + "' is a directory"));
        c.add(of("generate demo -o " + p("a-file") + "/x.jsonl", 2, "entroflow generate demo: --output: cannot write to"));
        c.add(of("generate demo --bogus", 2, "entroflow generate demo: unknown option '--bogus' (see entroflow generate demo --help)"));
        return c.stream();
    }

    private static Arguments of(String args, int status, String... expected) {
        return Arguments.of(args, status, expected);
    }

    @ParameterizedTest(name = "entroflow {0}")
    @MethodSource("badCommands")
    void shouldEndWithOneLineAndItsExitStatus(String args, int status, String[] expected) {
        long t0 = System.nanoTime();
        CliRunner.Result r = CliRunner.run("", args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(r.status()).as(r.err()).isEqualTo(status);
        assertThat(r.err()).as("stderr").doesNotContain("\tat ").endsWith("\n");
        assertThat(r.err().strip().lines()).as("stderr lines").hasSize(1);
        assertThat(r.err()).startsWith("entroflow").contains(expected);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(20);
    }

    @Test
    void shouldListEverySchemaErrorOnALineOfItsOwn() {
        CliRunner.Result r = CliRunner.run("", "run", "--config", p("invalid.yaml"));
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "entroflow run: invalid monitor spec " + p("invalid.yaml") + " (2 errors):",
                "  operators[0].window.count: must be > 0, got 0",
                "  operators[0]: unknown field 'colour'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldListTheSchemaAndThePlannerErrorsOfOneSpecTogether() {
        CliRunner.Result r = CliRunner.run("", "run", "--config", p("mixed.yaml"));
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "entroflow run: invalid monitor spec " + p("mixed.yaml") + " (4 errors):",
                "  signals[1].kind: must be one of [\"categorical\",\"numeric\",\"inter-arrival\",\"joint\"], got \"clock\"",
                "  operators[1].params.alpha: must be >= 0, got -1",
                "  rules[0].conformal.alpha: 0.001 is below 1/(calibration+1) = 0.0100000 for calibration = 99 and side low: "
                        + "no value could alarm; raise calibration to at least 999",
                "  rules[1].operator: no operator named 'nope'");
    }

    @Test
    void shouldReadTheBillionLaughsQuicklyAndListItsErrors() {
        long t0 = System.nanoTime();
        CliRunner.Result r = CliRunner.run("", "run", "--config", p("laughs.yaml"));
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("entroflow run: invalid monitor spec "
                + p("laughs.yaml") + " (").endsWith(" errors):");
        assertThat(r.err().lines()).contains("  (document): unknown field 'a'").allMatch(l -> !l.startsWith("\tat "));
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(20);
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the unexpected");
        }
    }

    private static String[] internalError(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EntroflowCli()).addSubcommand(new Boom());
        cli.setErr(new PrintWriter(err, true));
        OneLineErrors errors = new OneLineErrors(null);
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        int status = cli.execute(args);
        return new String[] {Integer.toString(status), err.toString()};
    }

    @Test
    void shouldCheckTheTokenFileBeforeStartingTheBrokerOrCreatingTheDataDirectory() {
        Path data = dir.resolve("token-check-data");
        CliRunner.Result r = CliRunner.run("", "run", "--config", spec.toString(), "--http-token-file", p("short.token"),
                "--data-dir", data.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("entroflow run: --http-token-file: ");
        assertThat(data).doesNotExist();
    }

    @Test
    void shouldReportAnUnexpectedExceptionAsOneInternalErrorLine() {
        String[] r = internalError("boom");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).isEqualTo("entroflow boom: internal error: java.lang.IllegalStateException: the unexpected"
                + " (run with --verbose for the stack trace)" + System.lineSeparator());
    }

    @Test
    void shouldPrintTheStackTraceAfterTheLineWithVerbose() {
        for (String[] args : List.of(new String[] {"--verbose", "boom"}, new String[] {"boom", "--verbose"})) {
            String[] r = internalError(args);
            assertThat(r[0]).isEqualTo("1");
            assertThat(r[1].lines().findFirst().orElseThrow()).startsWith("entroflow boom: internal error: ");
            assertThat(r[1]).contains("\tat io.entroflow.app.cli.CliErrorsTest$Boom.call");
        }
    }

    @Test
    void shouldPrintTheStackTraceWhenEntroflowDebugIsSet() {
        assertThat(new OneLineErrors("1")).extracting("debugEnv").isEqualTo(true);
        assertThat(new OneLineErrors("0")).extracting("debugEnv").isEqualTo(false);
        assertThat(new OneLineErrors(null)).extracting("debugEnv").isEqualTo(false);
    }
}
