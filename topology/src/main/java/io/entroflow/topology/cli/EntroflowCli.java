package io.entroflow.topology.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code entroflow} command line. */
@Command(name = "entroflow", mixinStandardHelpOptions = true, version = "entroflow 0.1.0",
        description = "Streaming information-dynamics monitor.",
        subcommands = {AnalyzeCommand.class, RunCommand.class, DemoCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class EntroflowCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new EntroflowCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
