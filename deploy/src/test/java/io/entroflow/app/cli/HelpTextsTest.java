package io.entroflow.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's {@code --help} renders without picocli warnings (an unescaped {@code %} in a description prints one). */
class HelpTextsTest {
    @Test
    void shouldRenderEveryCommandsHelpWithoutWarnings() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8)); // picocli's tracer writes to System.err
            collect(new CommandLine(new EntroflowCli()), names);
        } finally {
            System.setErr(stderr);
        }
        assertThat(names).contains("entroflow backtest", "entroflow subscribe", "entroflow generate demo", "entroflow bench");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void collect(CommandLine cli, List<String> names) {
        assertThat(cli.getUsageMessage()).isNotBlank();
        names.add(cli.getCommandSpec().qualifiedName());
        cli.getSubcommands().values().forEach(sub -> collect(sub, names));
    }
}
