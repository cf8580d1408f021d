package io.entroflow.app.cli;

import io.entroflow.app.analyze.AnalyzeContext;
import io.entroflow.app.analyze.AnalyzeMeasures;
import io.entroflow.app.analyze.AnalyzeOptions;
import io.entroflow.app.analyze.BadInputException;
import io.entroflow.topology.measure.Measure;
import io.entroflow.topology.measure.MeasureParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code entroflow analyze}: one measure over a CSV or JSON-lines file, printed as JSON. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Compute one information measure over a CSV (header row) or JSON-lines file.",
                "Prints one JSON object, or one per event with --series, or one per block with --window N.",
                "Bad input exits with status 2 and one line naming the problem."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    AnalyzeOptions options;

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public AnalyzeCommand() {
        this(System.in, System.out, System.err);
    }

    public AnalyzeCommand(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            Measure measure = AnalyzeMeasures.resolve(options);
            MeasureParams params = AnalyzeMeasures.params(measure, options);
            AnalyzeMeasures.of(measure).run(new AnalyzeContext(options, params, stdin, out));
            out.flush();
            return 0;
        } catch (BadInputException | IllegalArgumentException e) {
            out.flush();
            err.println("entroflow analyze: " + e.getMessage());
            return 2;
        }
    }
}
