package io.entroflow.app.broker;

import org.apache.kafka.clients.ClientDnsLookup;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the monitor talks to Kafka: a given cluster ({@code --bootstrap-servers}, plus client
 * settings from {@code --kafka-config}), or, when none is given, an {@link EmbeddedKafka} broker
 * started here with its data under {@code <data-dir>/kafka}.
 *
 * <p>A given cluster is checked before anything else uses it: one Admin call must be answered
 * within the connect timeout (Kafka's clients would otherwise retry an unreachable address
 * forever), and refused credentials end the check at once. Failures are one-line
 * {@link KafkaUnavailableException}s naming the address and the reason.
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
     * Resolves the target: the cluster of {@code bootstrapServers} (or of {@code bootstrap.servers} in
     * {@code kafkaConfig}), checked as {@link #connect} does, else an embedded broker started here.
     *
     * @param log where to print the embedded broker's address and data directory
     * @throws IllegalArgumentException  when {@code kafkaConfig} cannot be read or a setting is invalid
     * @throws KafkaUnavailableException when the cluster does not answer within {@code connectTimeout}, refuses
     *                                   the credentials, or the embedded broker cannot start
     * @throws UncheckedIOException      when the embedded broker's data directory cannot be used
     */
    public static KafkaTarget open(String bootstrapServers, Path kafkaConfig, Path dataDir, PrintStream log,
                                   Duration connectTimeout) {
        Properties client = readClientConfig(kafkaConfig);
        KafkaTarget given = given(bootstrapServers, client, connectTimeout);
        if (given != null) {
            return given;
        }
        requirePlaintext(client);
        Path dir = dataDir.resolve("kafka").toAbsolutePath();
        log.println("entroflow: starting an embedded Kafka broker (KRaft) with its data in " + dir);
        long t0 = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(dir, Duration.ofSeconds(60));
        log.printf("entroflow: embedded broker ready on %s in %.1f s%n", kafka.bootstrapServers(),
                (System.nanoTime() - t0) / 1e9);
        return new KafkaTarget(kafka.bootstrapServers(), client, kafka);
    }

    /**
     * The embedded broker listens in plaintext, so client settings for a secured listener cannot reach it:
     * without this check the broker started, and only then the clients failed (an internal error for SASL
     * without a JAAS entry, a timeout otherwise).
     *
     * @throws IllegalArgumentException naming {@code --kafka-config} and the protocol when it is not PLAINTEXT
     */
    private static void requirePlaintext(Properties client) {
        String protocol = client.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT").trim();
        if (!protocol.equalsIgnoreCase("PLAINTEXT")) {
            throw new IllegalArgumentException("--kafka-config: security.protocol=" + protocol + " needs a cluster to"
                    + " connect to (--bootstrap-servers, or bootstrap.servers in --kafka-config); the embedded broker"
                    + " started without one listens in PLAINTEXT on 127.0.0.1");
        }
    }

    /**
     * A given cluster, never the embedded broker: {@code bootstrapServers} or {@code bootstrap.servers}
     * from {@code kafkaConfig} must name it. Checked with one Admin request that must be answered
     * within {@code connectTimeout}.
     *
     * @throws IllegalArgumentException  when neither names a cluster, or a setting is invalid
     * @throws KafkaUnavailableException when the cluster does not answer in time or refuses the credentials
     */
    public static KafkaTarget connect(String bootstrapServers, Path kafkaConfig, Duration connectTimeout) {
        KafkaTarget given = given(bootstrapServers, readClientConfig(kafkaConfig), connectTimeout);
        if (given == null) {
            throw new IllegalArgumentException("--bootstrap-servers: required (or bootstrap.servers in --kafka-config)");
        }
        return given;
    }

    /** The cluster of {@code bootstrapServers}, else of bootstrap.servers in {@code client}, checked; null when none. */
    private static KafkaTarget given(String bootstrapServers, Properties client, Duration connectTimeout) {
        String bootstrap = bootstrapServers != null ? bootstrapServers : client.getProperty("bootstrap.servers");
        if (bootstrap == null) {
            return null;
        }
        KafkaTarget target = new KafkaTarget(bootstrap, client, null);
        target.checkReachable(bootstrapServers != null ? "--bootstrap-servers" : "--kafka-config", connectTimeout);
        return target;
    }

    /**
     * The settings in {@code kafkaConfig} (empty for null).
     *
     * @throws IllegalArgumentException naming {@code --kafka-config} when the file is missing, a directory or unreadable
     */
    public static Properties readClientConfig(Path kafkaConfig) {
        Properties client = new Properties();
        if (kafkaConfig == null) {
            return client;
        }
        if (Files.isDirectory(kafkaConfig)) {
            throw new IllegalArgumentException("--kafka-config: '" + kafkaConfig + "' is a directory, not a properties file");
        }
        if (!Files.exists(kafkaConfig)) {
            throw new IllegalArgumentException("--kafka-config: no such file '" + kafkaConfig + "'");
        }
        try (Reader r = Files.newBufferedReader(kafkaConfig)) {
            client.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--kafka-config: cannot read '" + kafkaConfig + "': "
                    + EmbeddedKafka.rootMessage(e), e);
        }
        return client;
    }

    /** One Admin request, answered within {@code timeout}; else a one-line exception saying why not. */
    private void checkReachable(String bootstrapOption, Duration timeout) {
        try {
            ClientUtils.parseAndValidateAddresses(Arrays.asList(bootstrap.split("\\s*,\\s*")), ClientDnsLookup.USE_ALL_DNS_IPS);
        } catch (KafkaException e) {
            throw new IllegalArgumentException(bootstrapOption + ": cannot use '" + bootstrap + "': " + EmbeddedKafka.rootMessage(e), e);
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Properties p = clientConfig();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            throw new IllegalArgumentException("--kafka-config: " + EmbeddedKafka.rootMessage(e), e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 5_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause(), timeout);
        } catch (TimeoutException e) {
            throw unreachable(timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while connecting to " + bootstrap, e);
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private KafkaUnavailableException unavailable(Throwable cause, Duration timeout) {
        if (cause instanceof SaslAuthenticationException) {
            return new KafkaUnavailableException("cannot connect to " + bootstrap + ": authentication failed ("
                    + clientConfig.getProperty("sasl.mechanism", "GSSAPI") + "); check --kafka-config", cause);
        }
        if (cause instanceof SslAuthenticationException) {
            return new KafkaUnavailableException("cannot connect to " + bootstrap + ": TLS handshake failed ("
                    + EmbeddedKafka.rootMessage(cause) + "); check --kafka-config", cause);
        }
        if (cause instanceof AuthenticationException) {
            return new KafkaUnavailableException("cannot connect to " + bootstrap + ": authentication failed ("
                    + EmbeddedKafka.rootMessage(cause) + "); check --kafka-config", cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachable(timeout, cause);
        }
        return new KafkaUnavailableException("cannot connect to " + bootstrap + ": " + EmbeddedKafka.rootMessage(cause), cause);
    }

    private KafkaUnavailableException unreachable(Duration timeout, Throwable cause) {
        return new KafkaUnavailableException("cannot reach Kafka at " + bootstrap + " within " + seconds(timeout), cause);
    }

    /** {@code 30s}, or {@code 1500ms} when not whole seconds. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** Client settings from {@code --kafka-config} (may be empty) and {@code bootstrap.servers}. */
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
