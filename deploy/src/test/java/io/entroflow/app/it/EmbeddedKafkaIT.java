package io.entroflow.app.it;

import io.entroflow.app.broker.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.entroflow.app.cli.CliRunner;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded broker is reachable from this machine only (every socket it listens on is bound to
 * 127.0.0.1), and a second broker on the same data directory is refused at once.
 */
@IntegrationTest
class EmbeddedKafkaIT {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldListenAndAdvertiseOnLoopbackOnly() throws Exception {
        EmbeddedKafka broker = SharedBroker.get();
        assertListensOnLoopbackOnly(broker);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRefuseASecondBrokerOnADataDirectoryInUseInOneLine(@TempDir Path dir) throws Exception {
        EmbeddedKafka broker = SharedBroker.get();
        Path dataDir = dir.resolve("data");
        Files.createDirectories(dataDir);
        Files.createSymbolicLink(dataDir.resolve("kafka"), broker.dataDir().toAbsolutePath());
        Path spec = Files.writeString(dir.resolve("spec.yaml"), """
                monitor: locked
                input: {topics: [locked-events]}
                signals: [{name: s, kind: categorical, field: /s}]
                operators: [{name: h, type: entropy, signal: s, window: {count: 10}}]
                """);
        long t0 = System.nanoTime();
        CliRunner.Result r = CliRunner.run("", "run", "--config", spec.toString(), "--data-dir", dataDir.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(2).first().asString().startsWith("entroflow: starting an embedded Kafka broker");
        assertThat(r.err().lines().toList().get(1)).isEqualTo("entroflow run: embedded broker: " + dataDir.resolve("kafka").toAbsolutePath()
                + " is in use by another broker (another entroflow run or demo?); stop it or use another data directory");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
        assertThat(broker.bootstrapServers()).as("the running broker is untouched").isEqualTo(SharedBroker.get().bootstrapServers());
        try (Admin admin = Admin.create(broker.clientConfig())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    /**
     * Both of {@code broker}'s listeners (client and controller) are bound to 127.0.0.1, nothing in
     * this JVM listens on any other address, and the broker advertises 127.0.0.1.
     */
    static void assertListensOnLoopbackOnly(EmbeddedKafka broker) throws Exception {
        Properties ports = new Properties();
        try (Reader r = Files.newBufferedReader(broker.dataDir().resolve("entroflow-broker.properties"))) {
            ports.load(r);
        }
        int brokerPort = Integer.parseInt(ports.getProperty("broker.port"));
        int controllerPort = Integer.parseInt(ports.getProperty("controller.port"));
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + brokerPort);
        try (Admin admin = Admin.create(broker.clientConfig())) {
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
            assertThat(nodes).extracting(Node::host).containsExactly("127.0.0.1");
            assertThat(nodes).extracting(Node::port).containsExactly(brokerPort);
        }
        assumeTrue(ListeningSockets.available(), "needs Linux /proc to see bound addresses");
        List<ListeningSockets.Listener> listeners = ListeningSockets.ofThisProcess();
        assertThat(listeners).as("listening sockets of this JVM")
                .contains(new ListeningSockets.Listener("127.0.0.1", brokerPort),
                        new ListeningSockets.Listener("127.0.0.1", controllerPort))
                .allSatisfy(l -> assertThat(l.loopbackIpv4()).as(l.toString()).isTrue());
    }
}
