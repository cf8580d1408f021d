package io.entroflow.app.cli;

import io.entroflow.schemas.spec.Durations;
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

/** {@code entroflow generate demo --duration 60s --seed S}: the demo's planted stream, offline. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The demo stream with its planted changes (entropy collapse on svc-a at 30%, coupling on",
                "svc-b at 50%, regime switch on svc-c at 70% of the duration); the planted changes go to stderr."})
public final class GenerateDemoCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "60s", description = "Event-time span. Default 60s.")
    String duration;

    @Option(names = "--rate", defaultValue = "200", description = "Events per second of event time. Default 200.")
    int rate;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed. Default 7.")
    long seed;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", description = "Event time of the first event (ISO-8601).")
    String start;

    @Option(names = {"-o", "--output"}, description = "Output file. Default stdout.")
    Path output;

    private final PrintStream err = System.err;

    @Override
    public Integer call() throws IOException {
        DemoStream stream;
        try {
            stream = new DemoStream(seed, Instant.parse(start).toEpochMilli(),
                    Durations.parseMillis("--duration", duration), rate);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            err.println("entroflow generate demo: " + e.getMessage());
            return 2;
        }
        for (DemoStream.Planted p : stream.planted()) {
            err.println("planted: " + p.kind() + " key=" + p.key() + " at=" + Instant.ofEpochMilli(p.at())
                    + " (" + p.at() + ") rule=" + p.rule());
        }
        try (Writer w = output == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(output)) {
            while (stream.hasNext()) {
                w.write(stream.next().json());
                w.write('\n');
            }
        }
        return 0;
    }
}
