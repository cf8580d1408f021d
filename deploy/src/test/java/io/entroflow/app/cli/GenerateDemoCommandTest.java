package io.entroflow.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate demo --no-changes}: the null stream has the planted stream's keys, times and fields, without the changes. */
class GenerateDemoCommandTest {
    private record Output(int status, List<String> lines, String err) {
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(new GenerateDemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Output(status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldGenerateTheNullStreamWithTheSameEventsUpToTheFirstChange() {
        Output planted = run("--duration", "10s", "--seed", "3");
        Output none = run("--duration", "10s", "--seed", "3", "--no-changes");
        assertThat(planted.status()).isZero();
        assertThat(none.status()).isZero();
        assertThat(planted.err()).contains("planted: entropy-collapse key=svc-a");
        assertThat(none.err()).contains("planted: none (--no-changes)").doesNotContain("entropy-collapse");
        assertThat(none.lines()).hasSameSizeAs(planted.lines()).hasSize(2_000);
        // identical until the entropy collapse at 30% (3 s = event 600 at 200/s)
        assertThat(none.lines().subList(0, 600)).isEqualTo(planted.lines().subList(0, 600));
        assertThat(none.lines()).isNotEqualTo(planted.lines());
        assertThat(none.lines().stream().filter(l -> l.contains("\"svc-a\"") && l.contains("\"kind\":\"c\"")).count())
                .isLessThan(100); // uniform over 8 kinds: about 500/8 = 62 of svc-a's 500 events
    }
}
