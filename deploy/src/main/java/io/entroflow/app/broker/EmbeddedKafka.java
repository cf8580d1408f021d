package io.entroflow.app.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this JVM, listening on
 * 127.0.0.1 only, with its data in a directory that is reused on the next start (the ports used are
 * remembered there too). Every internal topic has replication factor 1 and min ISR 1, the group
 * coordinator does not delay the first rebalance, so a monitor starts within seconds, and time-based
 * retention is off (records carry event times, which may be old when a recording is replayed).
 *
 * <p>Not for production: one broker, no replication, plaintext. Thread-safe start/close.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path dataDir;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dataDir, int brokerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /**
     * Formats {@code dataDir} if needed, starts the broker and waits until it answers.
     *
     * @throws IllegalStateException when it does not come up within {@code timeout}
     */
    public static EmbeddedKafka start(Path dataDir, Duration timeout) {
        try {
            Files.createDirectories(dataDir);
            Path stateFile = dataDir.resolve("entroflow-broker.properties");
            Properties state = new Properties();
            if (Files.exists(stateFile)) {
                try (Reader r = Files.newBufferedReader(stateFile)) {
                    state.load(r);
                }
            }
            int brokerPort = port(state.getProperty("broker.port"));
            int controllerPort = port(state.getProperty("controller.port"));
            if (controllerPort == brokerPort) {
                controllerPort = port(null);
            }
            String clusterId = state.getProperty("cluster.id", Uuid.randomUuid().toString());
            state.setProperty("broker.port", Integer.toString(brokerPort));
            state.setProperty("controller.port", Integer.toString(controllerPort));
            state.setProperty("cluster.id", clusterId);
            try (Writer w = Files.newBufferedWriter(stateFile)) {
                state.store(w, "entroflow embedded broker");
            }
            Properties props = brokerProperties(dataDir, brokerPort, controllerPort);
            Path config = dataDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config)) {
                props.store(w, "entroflow embedded broker (generated)");
            }
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(),
                        "--ignore-formatted"}, new PrintStream(out, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException("embedded broker: formatting " + dataDir + " failed: "
                            + out.toString(StandardCharsets.UTF_8));
                }
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(dataDir, brokerPort, server);
            kafka.awaitReady(timeout);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded broker: cannot use " + dataDir, e);
        }
    }

    static Properties brokerProperties(Path dataDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        // keep data regardless of its event time: replays of old recordings must not be deleted by retention
        p.put("log.retention.ms", "-1");
        return p;
    }

    private static int port(String remembered) throws IOException {
        if (remembered != null) {
            int p = Integer.parseInt(remembered);
            try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException busy) {
                // taken by someone else now: pick a new one
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("embedded broker: not ready within " + timeout + (last == null ? "" : ": " + last));
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits for it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }
}
