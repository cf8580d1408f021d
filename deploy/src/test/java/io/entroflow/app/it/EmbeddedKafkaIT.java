package io.entroflow.app.it;

import io.entroflow.app.broker.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The embedded broker is reachable from this machine only: every socket it listens on is bound to 127.0.0.1. */
@IntegrationTest
class EmbeddedKafkaIT {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldListenAndAdvertiseOnLoopbackOnly() throws Exception {
        EmbeddedKafka broker = SharedBroker.get();
        assertListensOnLoopbackOnly(broker);
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
