package io.entroflow.app.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Where the monitor talks to Kafka: a given cluster ({@code --bootstrap-servers}, plus client
 * settings from {@code --kafka-config}), or, when none is given, an {@link EmbeddedKafka} broker
 * started here with its data under {@code <data-dir>/kafka}.
 */
public final class KafkaTarget implements AutoCloseable {
    private final String bootstrap;
    private final Properties clientConfig;
    private final EmbeddedKafka embedded;

    private KafkaTarget(String bootstrap, Properties clientConfig, EmbeddedKafka embedded) {
        this.bootstrap = bootstrap;
        this.clientConfig = clientConfig;
        this.embedded = embedded;
    }

    /**
     * Resolves the target, starting the embedded broker when {@code bootstrapServers} is null.
     *
     * @param log where to print the embedded broker's address and data directory
     */
    public static KafkaTarget open(String bootstrapServers, Path kafkaConfig, Path dataDir, PrintStream log) {
        Properties client = new Properties();
        if (kafkaConfig != null) {
            try (Reader r = Files.newBufferedReader(kafkaConfig)) {
                client.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("--kafka-config: cannot read '" + kafkaConfig + "': " + e.getMessage(), e);
            }
        }
        String bootstrap = bootstrapServers != null ? bootstrapServers : client.getProperty("bootstrap.servers");
        if (bootstrap != null) {
            return new KafkaTarget(bootstrap, client, null);
        }
        Path dir = dataDir.resolve("kafka").toAbsolutePath();
        log.println("entroflow: starting an embedded Kafka broker (KRaft) with its data in " + dir);
        long t0 = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(dir, Duration.ofSeconds(60));
        log.printf("entroflow: embedded broker ready on %s in %.1f s%n", kafka.bootstrapServers(),
                (System.nanoTime() - t0) / 1e9);
        return new KafkaTarget(kafka.bootstrapServers(), client, kafka);
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** Client settings from {@code --kafka-config} (may be empty). */
    public Properties clientConfig() {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** True when this process runs the broker (single node). */
    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
