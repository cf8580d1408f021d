package io.entroflow.app.cli;

import io.entroflow.schemas.spec.Durations;
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
        description = {"Stream generated events with planted changes through the monitor on a real Kafka broker",
                "(embedded on 127.0.0.1 unless --bootstrap-servers), print alerts as they fire and a final table",
                "of planted changes against detected alerts."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "60s", description = "Stream duration (event time = wall time). Default 60s.")
    String duration;

    @Option(names = "--rate", defaultValue = "200", description = "Events per second. Default 200.")
    int rate;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed. Default 7.")
    long seed;

    @Option(names = "--summary-json", description = "Write the planted-vs-detected table as JSON to FILE.")
    Path summaryJson;

    @Option(names = "--spec", description = "Demo spec. Default deploy/examples/demo.yaml.")
    Path spec;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of the embedded broker.")
    String bootstrapServers;

    @Option(names = "--kafka-config", description = "Kafka client properties file.")
    Path kafkaConfig;

    @Option(names = "--data-dir", defaultValue = ".entroflow", description = "Local data directory. Default .entroflow.")
    Path dataDir;

    @Mixin
    HttpOptions http = new HttpOptions();

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        long durationMillis;
        try {
            durationMillis = Durations.parseMillis("--duration", duration);
        } catch (IllegalArgumentException e) {
            err.println("entroflow demo: " + e.getMessage());
            return 2;
        }
        if (durationMillis < 2_000 || rate < 20 || rate > 100_000) {
            err.println("entroflow demo: --duration must be >= 2s and --rate 20..100000, got " + duration + " and " + rate);
            return 2;
        }
        Path specFile = spec != null ? spec : defaultSpec();
        if (specFile == null) {
            err.println("entroflow demo: --spec: cannot find deploy/examples/demo.yaml; give --spec FILE");
            return 2;
        }
        DemoScore score;
        try {
            score = new DemoRunner(new DemoRunner.Options(durationMillis, rate, seed, specFile, bootstrapServers,
                    kafkaConfig, dataDir, 1_000), out).withHttp(http).run();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("entroflow demo: " + e.getMessage());
            return 2;
        }
        if (summaryJson != null) {
            Files.write(summaryJson, JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(score.toJson()));
            out.println("summary written to " + summaryJson);
        }
        return score.perfect() ? 0 : 1;
    }

    /** deploy/examples/demo.yaml under the working directory, else next to the jar (topology/target/../../deploy). */
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
