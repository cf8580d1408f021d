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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this JVM, with its data
 * in a directory that is reused on the next start (the ports used are remembered there too; a
 * remembered port that another process holds now is replaced by a free one). Every internal topic
 * has replication factor 1 and min ISR 1, the group coordinator does not delay the first rebalance,
 * so a monitor starts within seconds, and time-based retention is off (records carry event times,
 * which may be old when a recording is replayed).
 *
 * <p><b>Network.</b> Every listener binds to 127.0.0.1 only (the client listener, the controller
 * listener, and the advertised address); nothing listens on another interface. Plaintext by
 * default; {@link #start(Path, Duration, ScramCredentials)} makes the client listener
 * {@code SASL_PLAINTEXT} with {@code SCRAM-SHA-512} and one user, created when the data directory is
 * formatted (the {@code kafka-storage format --add-scram} step) and used by the broker for its own
 * connections too; the controller listener stays plaintext on 127.0.0.1. A data directory keeps the
 * security it was formatted with, and holds one broker at a time (a lock file; a second start fails
 * at once, before touching anything).
 *
 * <p>Not for production: one broker, no replication, no TLS, no authorizer. Thread-safe start/close.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** The only address the broker listens on and advertises. */
    public static final String HOST = "127.0.0.1";
    private static final String STATE_FILE = "entroflow-broker.properties";
    private static final String LOCK_FILE = "entroflow-broker.lock";

    private final Path dataDir;
    private final int brokerPort;
    private final ScramCredentials scram;
    private final KafkaRaftServer server;
    private final DirectoryLock lock;
    private boolean closed;

    private EmbeddedKafka(Path dataDir, int brokerPort, ScramCredentials scram, KafkaRaftServer server, DirectoryLock lock) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.scram = scram;
        this.server = server;
        this.lock = lock;
    }

    /**
     * Formats {@code dataDir} if needed, starts a plaintext broker and waits until it answers.
     *
     * @throws KafkaUnavailableException when it cannot start or does not answer within {@code timeout}
     * @throws UncheckedIOException      when {@code dataDir} cannot be created or written
     */
    public static EmbeddedKafka start(Path dataDir, Duration timeout) {
        return start(dataDir, timeout, null);
    }

    /**
     * Formats {@code dataDir} if needed, starts the broker and waits until it answers.
     *
     * @param scram the SCRAM-SHA-512 user of a {@code SASL_PLAINTEXT} client listener, or null for plaintext;
     *              must match what {@code dataDir} was formatted with (same security, same user)
     * @throws KafkaUnavailableException when it cannot start or does not answer within {@code timeout}
     * @throws IllegalArgumentException  when {@code dataDir} was formatted with other security
     * @throws UncheckedIOException      when {@code dataDir} cannot be created or written
     */
    public static EmbeddedKafka start(Path dataDir, Duration timeout, ScramCredentials scram) {
        DirectoryLock lock;
        try {
            Files.createDirectories(dataDir);
            lock = DirectoryLock.tryLock(dataDir.resolve(LOCK_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded broker: cannot use " + dataDir + ": " + describe(e), e);
        }
        if (lock == null) {
            throw new KafkaUnavailableException("embedded broker: " + dataDir + " is in use by another broker (another"
                    + " entroflow run or demo?); stop it or use another data directory", null);
        }
        try {
            return start(dataDir, timeout, scram, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedKafka start(Path dataDir, Duration timeout, ScramCredentials scram, DirectoryLock lock) {
        Properties props;
        int brokerPort;
        int controllerPort;
        try {
            Path stateFile = dataDir.resolve(STATE_FILE);
            Properties state = new Properties();
            if (Files.exists(stateFile)) {
                try (Reader r = Files.newBufferedReader(stateFile)) {
                    state.load(r);
                }
            }
            boolean formatted = Files.exists(dataDir.resolve("logs").resolve("meta.properties"));
            String security = scram == null ? "PLAINTEXT" : "SASL_PLAINTEXT " + ScramCredentials.MECHANISM + " " + scram.user();
            String formattedWith = state.getProperty("security", "PLAINTEXT");
            if (formatted && !formattedWith.equals(security)) {
                throw new IllegalArgumentException("embedded broker: " + dataDir + " was formatted for " + formattedWith
                        + ", not " + security + "; use another data directory");
            }
            brokerPort = port(state.getProperty("broker.port"));
            controllerPort = port(state.getProperty("controller.port"));
            if (controllerPort == brokerPort) {
                controllerPort = port(null);
            }
            String clusterId = state.getProperty("cluster.id", Uuid.randomUuid().toString());
            state.setProperty("broker.port", Integer.toString(brokerPort));
            state.setProperty("controller.port", Integer.toString(controllerPort));
            state.setProperty("cluster.id", clusterId);
            state.setProperty("security", security);
            try (Writer w = Files.newBufferedWriter(stateFile)) {
                state.store(w, "entroflow embedded broker");
            }
            props = brokerProperties(dataDir, brokerPort, controllerPort, scram);
            Path config = dataDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config)) {
                props.store(w, "entroflow embedded broker (generated)");
            }
            if (scram != null) {
                restrictToOwner(config); // holds the broker's own password
            }
            if (!formatted) {
                format(dataDir, config, clusterId, scram);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("embedded broker: cannot use " + dataDir + ": " + describe(e), e);
        }
        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new KafkaUnavailableException("embedded broker: cannot start in " + dataDir + ": " + rootMessage(e), e);
        }
        try {
            server.startup();
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw new KafkaUnavailableException("embedded broker: cannot start on " + HOST + ":" + brokerPort
                    + " (controller " + HOST + ":" + controllerPort + "): " + rootMessage(e), e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, brokerPort, scram, server, lock);
        kafka.awaitReady(timeout);
        return kafka;
    }

    private static void format(Path dataDir, Path config, String clusterId, ScramCredentials scram) {
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"));
        if (scram != null) {
            args.add("--add-scram");
            args.add(scram.formatArgument());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try {
            rc = StorageTool.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new KafkaUnavailableException("embedded broker: formatting " + dataDir + " failed: " + rootMessage(e), e);
        }
        if (rc != 0) {
            throw new KafkaUnavailableException("embedded broker: formatting " + dataDir + " failed: "
                    + out.toString(StandardCharsets.UTF_8).strip().replace('\n', ' '), null);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: left to the directory's permissions
        }
    }

    static Properties brokerProperties(Path dataDir, int brokerPort, int controllerPort, ScramCredentials scram) {
        String client = scram == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", client + "://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", client + "://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", client);
        p.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        if (scram != null) {
            p.put("sasl.enabled.mechanisms", ScramCredentials.MECHANISM);
            p.put("sasl.mechanism.inter.broker.protocol", ScramCredentials.MECHANISM);
            p.put("listener.name.sasl_plaintext." + ScramCredentials.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                    scram.jaasConfig());
        }
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

    /** The remembered port if it is free on 127.0.0.1 now, else a free one. */
    static int port(String remembered) throws IOException {
        InetAddress host = InetAddress.getByName(HOST);
        if (remembered != null) {
            try (ServerSocket s = new ServerSocket(Integer.parseInt(remembered), 1, host)) {
                return s.getLocalPort();
            } catch (IOException | NumberFormatException busy) {
                // taken by someone else now (or not a port): pick a new one
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, host)) {
            return s.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            Properties config = clientConfig();
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
            try (Admin admin = Admin.create(config)) {
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
        throw new KafkaUnavailableException("embedded broker: not ready on " + bootstrapServers() + " within "
                + timeout.toSeconds() + "s" + (last == null ? "" : ": " + rootMessage(last)), last);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /**
     * What a client needs to talk to this broker: {@code bootstrap.servers}, and with SCRAM the
     * security protocol, mechanism and JAAS login of the broker's user. A new copy on every call.
     */
    public Properties clientConfig() {
        Properties p = scram == null ? new Properties() : scram.clientProperties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
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
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            lock.close();
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // already failing: the start-up error is the one to report
        }
    }

    /** An exclusive lock on a file of the data directory, held while a broker runs there (across processes). */
    private record DirectoryLock(FileChannel channel, FileLock lock) {
        /** The lock, or null when another process (or this one) holds it. */
        static DirectoryLock tryLock(Path file) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new DirectoryLock(channel, lock);
                }
            } catch (OverlappingFileLockException heldHere) {
                // this JVM holds it
            }
            channel.close();
            return null;
        }

        void close() {
            try {
                channel.close(); // releases the lock
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    /** The innermost cause's message, on one line (the class name when it has none). */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return (m == null || m.isBlank() ? root.getClass().getSimpleName() : m.strip()).replaceAll("\\s*\\R\\s*", " ");
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            return (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName()) + " (" + f.getFile() + ")";
        }
        return rootMessage(e);
    }
}
