package io.entroflow.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's {@code --help} renders without picocli warnings (an unescaped {@code %} in a
 * description prints one); its first description line is one complete sentence (the parent's command
 * list shows only that line); descriptions have no hard line breaks inside sentences; every option that
 * takes a value has a label.
 */
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

    @Test
    void shouldDescribeEveryCommandAndOptionInWholeSentences() {
        List<String> problems = new ArrayList<>();
        audit(new CommandLine(new EntroflowCli()), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldListEverySignificanceMethodAndTheAlphabetCapDefault() {
        String help = new CommandLine(new EntroflowCli()).getSubcommands().get("analyze").getUsageMessage()
                .replaceAll("\\s+", " ");
        assertThat(help).contains("--significance=METHOD Add a p-value by METHOD, one of: analytic, surrogate, block-surrogate.")
                .contains("the rest share an overflow symbol. Default 65536.");
    }

    @Test
    void shouldShowEachCommandsWholeFirstSentenceInTheCommandList() {
        String help = new CommandLine(new EntroflowCli()).getUsageMessage().replaceAll("\\s+", " ");
        assertThat(help).contains("bench Measure a monitor spec's throughput and latency end to end on a real Kafka broker.")
                .contains("backtest Run a spec over a recording or a JSON-lines file in-process, without a broker.")
                .contains("reprocess Run a spec again from a point in time, beside the live monitor.");
    }

    private static void audit(CommandLine cli, List<String> problems) {
        CommandSpec spec = cli.getCommandSpec();
        String command = spec.qualifiedName();
        String[] description = spec.usageMessage().description();
        if (!command.endsWith(" help")) { // picocli's own help command
            if (description.length == 0 || description[0].length() > 100) {
                problems.add(command + ": the first description line must be one short sentence");
            }
            for (String paragraph : description) {
                requireWholeSentences(command, paragraph, problems);
            }
        }
        for (ArgSpec arg : spec.args()) {
            String name = command + " " + (arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel());
            for (String paragraph : arg.description()) {
                requireWholeSentences(name, paragraph, problems);
            }
            if (arg.arity().max() > 0 && arg.paramLabel().startsWith("<")) {
                problems.add(name + ": no paramLabel (shown as " + arg.paramLabel() + ")");
            }
        }
        cli.getSubcommands().values().forEach(sub -> audit(sub, problems));
    }

    private static void requireWholeSentences(String where, String paragraph, List<String> problems) {
        if (!paragraph.strip().endsWith(".")) {
            problems.add(where + ": a description line ends mid-sentence: " + paragraph);
        }
    }

    private static void collect(CommandLine cli, List<String> names) {
        assertThat(cli.getUsageMessage()).isNotBlank();
        names.add(cli.getCommandSpec().qualifiedName());
        cli.getSubcommands().values().forEach(sub -> collect(sub, names));
    }

    @Test
    void shouldNameEveryMeasureThatTakesAnalyzesCondition() {
        String help = CliRunner.run("", "analyze", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("--condition=NAME Conditioning column: required by conditional-transfer-entropy; optional"
                + " for mutual-info, normalized-mutual-info, conditional-entropy and entropic-distance.");
    }
}
