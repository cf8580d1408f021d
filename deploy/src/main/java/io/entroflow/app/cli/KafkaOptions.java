package io.entroflow.app.cli;

import io.entroflow.app.broker.KafkaTarget;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Which Kafka a command talks to, and how long it may take to answer: {@code --bootstrap-servers},
 * {@code --kafka-config} and {@code --connect-timeout} (a picocli mixin of {@code run},
 * {@code request}, {@code demo}, {@code record} and {@code replay}). Bad settings end the command with status 2; a cluster that
 * does not answer in time or refuses the credentials with status 1
 * ({@link io.entroflow.app.broker.KafkaUnavailableException}).
 */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (else bootstrap.servers in --kafka-config).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client/Streams properties file (SASL, SSL, overrides).")
    Path kafkaConfig;

    @Option(names = "--connect-timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "How long the cluster has to answer the first request before the command gives up. Default 30s.")
    String connectTimeout;

    /** {@code --connect-timeout}, at least 1 ms. */
    Duration connectTimeout() {
        return Duration.ofMillis(CliOptions.positiveMillis("--connect-timeout", connectTimeout));
    }

    /** The given cluster (checked), or an embedded broker with its data under {@code dataDir} when none is given. */
    KafkaTarget open(Path dataDir, PrintStream log) {
        Duration timeout = connectTimeout();
        checkConfigFile();
        try {
            return KafkaTarget.open(bootstrapServers, kafkaConfig, dataDir, log, timeout);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
    }

    /** The given cluster, checked; {@code --bootstrap-servers} (or bootstrap.servers in the file) is required. */
    KafkaTarget connect() {
        Duration timeout = connectTimeout();
        checkConfigFile();
        try {
            return KafkaTarget.connect(bootstrapServers, kafkaConfig, timeout);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
    }

    /** True when no cluster is given, so {@link #open} starts an embedded broker. */
    boolean startsEmbeddedBroker() {
        return bootstrapServers == null && !clientSettings().containsKey("bootstrap.servers");
    }

    /** The settings of {@code --kafka-config} (empty without it). */
    Properties clientSettings() {
        checkConfigFile();
        try {
            return KafkaTarget.readClientConfig(kafkaConfig);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
    }

    private void checkConfigFile() {
        if (kafkaConfig != null) {
            CliFiles.requireRegularFile("--kafka-config", kafkaConfig, "properties file");
        }
    }
}
