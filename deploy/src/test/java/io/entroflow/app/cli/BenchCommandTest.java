package io.entroflow.app.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code entroflow bench} with bad arguments: one line on standard error naming the option and the
 * value, no stack trace, nothing on standard output, status 2, before any broker is started.
 */
class BenchCommandTest {
    @TempDir
    static Path dir;
    static Path twoTopics;

    @BeforeAll
    static void files() throws IOException {
        twoTopics = Files.writeString(dir.resolve("two-topics.yaml"), """
                monitor: m
                input: {topics: [a, b], key: {field: /k}, time: {field: /ts}}
                signals:
                  - {name: s, kind: categorical, field: /s}
                operators:
                  - {name: h, type: entropy, signal: s, window: {count: 100}}
                """);
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(new String[] {"--events", "0"}, "entroflow bench: --events: expected at least 1, got 0"),
                Arguments.of(new String[] {"--events", "many"},
                        "entroflow bench: invalid value for option '--events': 'many' is not a long (see entroflow bench --help)"),
                Arguments.of(new String[] {"--keys", "0"}, "entroflow bench: --keys: expected 1..1000000, got 0"),
                Arguments.of(new String[] {"--rate", "-5"}, "entroflow bench: --rate: expected 1..1000000 events per second, got -5"),
                Arguments.of(new String[] {"--partitions", "0"}, "entroflow bench: --partitions: expected 1..64, got 0"),
                Arguments.of(new String[] {"--rounds", "21"}, "entroflow bench: --rounds: expected 1..20, got 21"),
                Arguments.of(new String[] {"--warmup-rounds", "-1"}, "entroflow bench: --warmup-rounds: expected 0..5, got -1"),
                Arguments.of(new String[] {"--latency-duration", "soon"},
                        "entroflow bench: --latency-duration: expected a duration like 500ms, 2s, 1m or PT1S, got 'soon'"),
                Arguments.of(new String[] {"--spec", "/nonexistent.yaml"}, "entroflow bench: --spec: no such file '/nonexistent.yaml'"),
                Arguments.of(new String[] {"--evnts", "5"},
                        "entroflow bench: unknown option '--evnts'; did you mean '--events'? (see entroflow bench --help)"));
    }

    @ParameterizedTest(name = "entroflow bench {0}")
    @MethodSource("badArguments")
    void shouldEndABadArgumentWithOneLineAndStatus2(String[] args, String message) {
        String[] all = Stream.concat(Stream.of("bench"), Stream.of(args)).toArray(String[]::new);
        CliRunner.Result r = CliRunner.run("", all);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo(message).doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseASpecWithTwoInputTopicsOnOneLine() {
        CliRunner.Result r = CliRunner.run("", "bench", "--spec", twoTopics.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("entroflow bench: --spec " + twoTopics
                + ": input.topics: the bench feeds one input topic, the spec has 2 [a, b]");
    }

    @Test
    void shouldListTheBenchInTheHelp() {
        CliRunner.Result r = CliRunner.run("", "--help");
        assertThat(r.out()).contains("bench");
    }
}
