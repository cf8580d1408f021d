package io.entroflow.app.cli;

import io.entroflow.operators.signal.SignalGenerator;
import io.entroflow.app.generate.SignalKind;
import io.entroflow.app.generate.SignalKinds;
import io.entroflow.app.generate.SignalParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code entroflow generate SIGNAL [key=value ...] --count N --seed S [--format csv|jsonl]}: writes a
 * reference signal as CSV (header row) or JSON lines, columns {@code index} then the signal's own.
 * Without SIGNAL, lists the signals with their parameters. {@code generate demo} (a subcommand)
 * writes the streaming demo's planted-change stream as JSON lines.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, subcommands = GenerateDemoCommand.class,
        description = {"Write a seeded reference signal as CSV or JSON lines: index, then the signal's columns.",
                "Run without SIGNAL to list the signals and their key=value parameters (with defaults).",
                "Bad parameters exit with status 2 and one line naming the problem."})
public final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SIGNAL", description = "The signal to write; omit to list them.")
    String signal;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "Signal parameters.")
    List<String> params = new ArrayList<>();

    @Option(names = "--count", defaultValue = "1000", paramLabel = "N", description = "Samples to write. Default 1000.")
    long count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed. Default 1.")
    long seed;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "csv or jsonl. Default csv.")
    String format;

    @Option(names = "--skip", defaultValue = "0", paramLabel = "K",
            description = "Discard the first K samples (transients); index starts at 0 after them. Default 0.")
    long skip;

    private final PrintStream out;
    private final PrintStream err;

    public GenerateCommand() {
        this(System.out, System.err);
    }

    public GenerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            if (signal == null) {
                listing().forEach((name, description) -> out.printf("%-12s %s%n", name, description));
                return 0;
            }
            boolean jsonl = switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> false;
                case "jsonl", "json" -> true;
                default -> throw new IllegalArgumentException("--format: expected csv or jsonl, got '" + format + "'");
            };
            if (count < 0) {
                throw new IllegalArgumentException("--count: expected >= 0, got " + count);
            }
            if (skip < 0) {
                throw new IllegalArgumentException("--skip: expected >= 0, got " + skip);
            }
            SignalKind kind = SignalKinds.find(signal).orElseThrow(() -> new IllegalArgumentException(
                    "SIGNAL: unknown signal '" + signal + "'; known: " + String.join(", ", listing().keySet())));
            SignalParams p = new SignalParams(kind.name(), params, seed);
            SignalGenerator generator = kind.factory().apply(p);
            p.requireAllUsed();
            write(generator, jsonl);
            out.flush();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.flush();
            err.println("entroflow generate: " + e.getMessage());
            return 2;
        }
    }

    /** What {@code generate} can write, name to description: the signals, then the {@code demo} subcommand. */
    static Map<String, String> listing() {
        Map<String, String> listing = new LinkedHashMap<>();
        SignalKinds.all().forEach(k -> listing.put(k.name(), k.description()));
        listing.put("demo", "the streaming demo's planted-change stream (see 'generate demo --help')");
        return listing;
    }

    private void write(SignalGenerator generator, boolean jsonl) {
        List<String> columns = generator.columns();
        double[] row = new double[columns.size()];
        for (long i = 0; i < skip; i++) {
            generator.next(row);
        }
        StringBuilder line = new StringBuilder();
        if (!jsonl) {
            out.println("index," + String.join(",", columns));
        }
        for (long i = 0; i < count; i++) {
            generator.next(row);
            for (int c = 0; c < row.length; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new IllegalStateException(columns.get(c) + ": the signal diverged at index " + i + " (got "
                            + row[c] + "); choose other parameters");
                }
            }
            line.setLength(0);
            if (jsonl) {
                line.append("{\"index\":").append(i);
                for (int c = 0; c < row.length; c++) {
                    line.append(",\"").append(columns.get(c)).append("\":");
                    number(line, row[c]);
                }
                line.append('}');
            } else {
                line.append(i);
                for (double v : row) {
                    line.append(',');
                    number(line, v);
                }
            }
            out.println(line);
        }
    }

    /** Whole numbers (symbols, flags) without a fraction; others in Java's shortest round-trip form. */
    private static void number(StringBuilder b, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            b.append((long) v);
        } else {
            b.append(v);
        }
    }
}
