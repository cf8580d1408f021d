package io.entroflow.app.cli;

import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.app.demo.DemoRunner;
import io.entroflow.app.demo.DemoScore;
import io.entroflow.app.http.HttpOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code entroflow demo [--duration 60s] [--rate N] [--summary-json FILE]}: the streaming demo on a
 * real (embedded) Kafka broker; see {@link DemoRunner}. Exit status 0 when every planted change was
 * detected and nothing else fired, 1 otherwise, 2 for bad options.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Stream generated events with planted changes through the monitor on a real Kafka broker.",
                "The broker is embedded on 127.0.0.1 unless --bootstrap-servers is given. The demo prints alerts as "
                        + "they fire and a final table of planted changes against detected alerts."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "60s", paramLabel = "DURATION",
            description = "Stream duration (event time = wall time). Default 60s.")
    String duration;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "N", description = "Events per second. Default 200.")
    int rate;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Random seed. Default 7.")
    long seed;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Write the planted-vs-detected table as JSON to FILE.")
    Path summaryJson;

    @Option(names = "--spec", paramLabel = "SPEC", description = "Demo spec. Default deploy/examples/demo.yaml.")
    Path spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data-dir", defaultValue = ".entroflow", paramLabel = "DIR",
            description = "Local data directory. Default .entroflow.")
    Path dataDir;

    @Mixin
    HttpOptions http = new HttpOptions();

    private final PrintStream out;

    public DemoCommand() {
        this(System.out, System.err);
    }

    /** @param err unused: the demo prints its progress, alerts and table to {@code out} */
    public DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        long durationMillis = CliOptions.millis("--duration", duration);
        if (durationMillis < 2_000) {
            throw CommandFailure.usage("--duration: expected at least 2s, got '" + duration + "'");
        }
        if (rate < 20 || rate > 100_000) {
            throw CommandFailure.usage("--rate: expected 20..100000 events per second, got " + rate);
        }
        Path specFile = spec != null ? spec : defaultSpec();
        if (specFile == null) {
            throw CommandFailure.usage("--spec: cannot find deploy/examples/demo.yaml; give --spec FILE");
        }
        RunCommand.loadPlan("--spec", specFile);
        HttpCheck.beforeStart(http);
        CliFiles.requireWritableDirectory("--data-dir", dataDir);
        if (summaryJson != null) {
            CliFiles.requireWritableFile("--summary-json", summaryJson);
        }
        if (kafka.bootstrapServers != null) {
            kafka.connect().close(); // a given cluster answers before the demo starts (else one line, status 1)
        } else {
            kafka.connectTimeout();
            HttpCheck.bindable(http, DemoRunner.DEFAULT_HTTP_PORT);
        }
        DemoScore score;
        try {
            score = new DemoRunner(new DemoRunner.Options(durationMillis, rate, seed, specFile, kafka.bootstrapServers,
                    kafka.kafkaConfig, dataDir, 1_000, kafka.connectTimeout()), out).withHttp(http).run();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw CommandFailure.usage(OneLineErrors.oneLine(String.valueOf(e.getMessage())), e);
        }
        if (summaryJson != null) {
            Files.write(summaryJson, JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(score.toJson()));
            out.println("summary written to " + summaryJson);
        }
        return score.perfect() ? 0 : 1;
    }

    /** deploy/examples/demo.yaml under the working directory, else next to the jar (deploy/target/../../deploy). */
    static Path defaultSpec() {
        Path local = Path.of("deploy", "examples", "demo.yaml");
        if (Files.exists(local)) {
            return local;
        }
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().getParent().getParent().resolve("deploy").resolve("examples").resolve("demo.yaml");
            return Files.exists(candidate) ? candidate : null;
        } catch (Exception e) {
            return null;
        }
    }
}
