package io.entroflow.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;

/**
 * The {@code entroflow} command line. Every error ends with one line on standard error and exit
 * status 2 (bad command line, spec or file) or 1 (failure at run time, internal error); see
 * {@link OneLineErrors}. {@code --verbose} (on any command) or {@code ENTROFLOW_DEBUG=1} adds the
 * stack trace after that line.
 */
@Command(name = "entroflow", mixinStandardHelpOptions = true, version = "entroflow 0.1.0",
        description = "Streaming information-dynamics monitor.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:failure at run time (Kafka unreachable or refusing the credentials, the monitor"
                + " stopped, an internal error)", "2:bad command line, spec or file"},
        subcommands = {AnalyzeCommand.class, RunCommand.class, RequestCommand.class, DemoCommand.class, GenerateCommand.class,
                RecordCommand.class, ReplayCommand.class, BenchCommand.class, BacktestCommand.class, ReprocessCommand.class,
                SubscribeCommand.class, UnsubscribeCommand.class, SubscriptionsCommand.class, SilenceCommand.class,
                SilencesCommand.class, UnsilenceCommand.class, AlertsCommand.class, RoutesCommand.class, DeliverCommand.class,
                CommandLine.HelpCommand.class})
public final class EntroflowCli implements Runnable {
    @Option(names = OneLineErrors.VERBOSE, scope = ScopeType.INHERIT,
            description = "Print the stack trace after an error message (or set ENTROFLOW_DEBUG=1).")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(System.in, System.out, System.err, args));
    }

    /** Runs the command line on the given streams and returns its exit status (2 for bad input or usage, 1 for failures). */
    public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new EntroflowCli(), new StreamsFactory(in, out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        OneLineErrors errors = new OneLineErrors(System.getenv(OneLineErrors.DEBUG_ENV));
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        return cli.execute(args);
    }

    /** {@code entroflow} without a command. */
    @Override
    public void run() {
        throw CommandFailure.usage("missing command (entroflow --help lists them: run, demo, backtest, subscribe, analyze, ...)");
    }

    /**
     * Creates commands that talk to the given streams rather than the process's: through a constructor
     * {@code (InputStream, PrintStream, PrintStream)} or {@code (PrintStream, PrintStream)} (stdin,
     * stdout, stderr) when the command has one, else picocli's default.
     */
    private record StreamsFactory(InputStream in, PrintStream out, PrintStream err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                Class<?>[] p = c.getParameterTypes();
                if (p.length == 3 && p[0] == InputStream.class && p[1] == PrintStream.class && p[2] == PrintStream.class) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(in, out, err));
                }
                if (p.length == 2 && p[0] == PrintStream.class && p[1] == PrintStream.class) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(out, err));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
