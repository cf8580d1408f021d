package io.entroflow.app.broker;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded broker's configuration: loopback listeners, SCRAM settings, port choice, credentials. */
class EmbeddedKafkaConfigTest {
    private static final ScramCredentials ALICE = new ScramCredentials("alice", "alice-secret");

    @Test
    void shouldBindAndAdvertiseEveryListenerOnLoopback() {
        for (ScramCredentials scram : new ScramCredentials[] {null, ALICE}) {
            Properties p = EmbeddedKafka.brokerProperties(Path.of("data"), 9092, 9093, scram);
            for (String key : new String[] {"listeners", "advertised.listeners"}) {
                for (String listener : p.getProperty(key).split(",")) {
                    assertThat(listener).as(key).matches("[A-Z_]+://127\\.0\\.0\\.1:\\d+");
                }
            }
            assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
        }
    }

    @Test
    void shouldTakeScramOnTheClientListenerAndPlaintextOnTheController() {
        Properties p = EmbeddedKafka.brokerProperties(Path.of("data"), 9092, 9093, ALICE);
        assertThat(p.getProperty("listeners")).isEqualTo("SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(p.getProperty("listener.security.protocol.map")).isEqualTo("SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        assertThat(p.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("sasl.mechanism.inter.broker.protocol")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"alice-secret\";");
        assertThat(EmbeddedKafka.brokerProperties(Path.of("data"), 9092, 9093, null).getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    }

    @Test
    void shouldKeepARememberedPortOnlyWhileItIsFree() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThat(EmbeddedKafka.port(Integer.toString(port))).isNotEqualTo(port).isPositive();
            taken.close();
            assertThat(EmbeddedKafka.port(Integer.toString(port))).isEqualTo(port);
        }
        assertThat(EmbeddedKafka.port("not-a-port")).isPositive();
    }

    @Test
    void shouldRefuseCredentialsThatWouldBreakTheJaasOrFormatSyntax() {
        assertThatThrownBy(() -> new ScramCredentials("al ice", "x")).hasMessageContaining("scram user");
        for (String bad : new String[] {"", "with\"quote", "a,b", "a]b", "a=b", "sp ace", "back\\slash"}) {
            assertThatThrownBy(() -> new ScramCredentials("alice", bad)).as(bad).hasMessageStartingWith("scram password");
        }
        assertThat(ALICE.toString()).doesNotContain("alice-secret");
        assertThat(ALICE.formatArgument()).isEqualTo("SCRAM-SHA-512=[name=alice,password=alice-secret]");
        assertThat(ALICE.clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }
}
