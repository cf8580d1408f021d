package io.entroflow.app.cli;

import io.entroflow.app.demo.DemoStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code entroflow generate demo --duration 60s --seed S [--no-changes]}: the demo's planted stream, offline;
 * with {@code --no-changes} its null version (same keys, rates and signals, nothing planted), to measure
 * false alarms.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Write the streaming demo's events with their planted changes as JSON lines.",
                "The planted changes are an entropy collapse on svc-a at 30%% of the duration, a coupling on svc-b at "
                        + "50%% and a regime switch on svc-c at 70%%; they are listed on stderr.",
                "With --no-changes: the same stream without them (for false-alarm rates)."})
public final class GenerateDemoCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "60s", paramLabel = "DURATION",
            description = "Event-time span. Default 60s.")
    String duration;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "N",
            description = "Events per second of event time. Default 200.")
    int rate;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Random seed. Default 7.")
    long seed;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", paramLabel = "TIME",
            description = "Event time of the first event (ISO-8601).")
    String start;

    @Option(names = "--changes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Plant the three changes (default); --no-changes: the null stream, same keys, rates and signals.")
    boolean changes = true;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file. Default stdout.")
    Path output;

    private final PrintStream out;
    private final PrintStream err;

    public GenerateDemoCommand() {
        this(System.out, System.err);
    }

    public GenerateDemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        long durationMillis = CliOptions.positiveMillis("--duration", duration);
        if (rate <= 0) {
            throw CommandFailure.usage("--rate: expected events per second > 0, got " + rate);
        }
        long startMillis;
        try {
            startMillis = Instant.parse(start).toEpochMilli();
        } catch (java.time.DateTimeException e) {
            throw CommandFailure.usage("--start: expected an ISO-8601 instant like 2026-01-01T00:00:00Z, got '" + start + "'", e);
        }
        if (output != null) {
            CliFiles.requireWritableFile("--output", output);
        }
        DemoStream stream;
        try {
            stream = new DemoStream(seed, startMillis, durationMillis, rate, changes);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
        if (!changes) {
            err.println("planted: none (--no-changes)");
        }
        for (DemoStream.Planted p : stream.planted()) {
            err.println("planted: " + p.kind() + " key=" + p.key() + " at=" + Instant.ofEpochMilli(p.at())
                    + " (" + p.at() + ") rule=" + p.rule());
        }
        if (output == null) {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            write(stream, w);
            w.flush(); // standard output stays open
        } else {
            try (Writer w = Files.newBufferedWriter(output)) {
                write(stream, w);
            }
        }
        return 0;
    }

    private static void write(DemoStream stream, Writer w) throws IOException {
        while (stream.hasNext()) {
            w.write(stream.next().json());
            w.write('\n');
        }
    }
}
