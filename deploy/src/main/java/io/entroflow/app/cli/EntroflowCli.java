package io.entroflow.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;

/** The {@code entroflow} command line. */
@Command(name = "entroflow", mixinStandardHelpOptions = true, version = "entroflow 0.1.0",
        description = "Streaming information-dynamics monitor.",
        subcommands = {AnalyzeCommand.class, RunCommand.class, RequestCommand.class, DemoCommand.class, GenerateCommand.class,
                RecordCommand.class, ReplayCommand.class,
                CommandLine.HelpCommand.class})
public final class EntroflowCli {

    public static void main(String[] args) {
        System.exit(run(System.in, System.out, System.err, args));
    }

    /** Runs the command line on the given streams and returns its exit status (2 for bad input or usage). */
    public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new EntroflowCli(), new StreamsFactory(in, out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Creates commands that talk to the given streams rather than the process's. */
    private record StreamsFactory(InputStream in, PrintStream out, PrintStream err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == AnalyzeCommand.class) {
                return type.cast(new AnalyzeCommand(in, out, err));
            }
            if (type == RequestCommand.class) {
                return type.cast(new RequestCommand(out, err));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
