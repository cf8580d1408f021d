package io.entroflow.app.it;

import io.entroflow.app.broker.EmbeddedKafka;
import io.entroflow.app.broker.ScramCredentials;
import io.entroflow.app.cli.CliRunner;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.JsonSerde;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A broker whose client listener takes SASL_PLAINTEXT with SCRAM-SHA-512 only: {@code entroflow run}
 * with the right credentials in {@code --kafka-config} reads events and writes aggregates; with a
 * wrong password, or none, it stops within seconds with one line on standard error and status 1.
 */
@IntegrationTest
class ScramIT {
    private static final ScramCredentials MONITOR = new ScramCredentials("entroflow", "s3cret-Pass.word");
    private static final String SPEC = """
            monitor: scram
            input: {topics: [scram-events], key: {field: /k}, time: {field: /ts}}
            signals:
              - {name: s, kind: categorical, field: /s, values: [a, b, c, d]}
            operators:
              - {name: h, type: entropy, signal: s, window: {count: 100}}
            aggregates: {interval: 1s}
            """;

    @TempDir
    static Path dir;
    private static EmbeddedKafka broker;
    private static Path spec;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafka.start(dir.resolve("kafka"), Duration.ofSeconds(90), MONITOR);
        spec = Files.writeString(dir.resolve("scram.yaml"), SPEC);
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic("scram-events", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Path kafkaConfig(String name, Properties p) throws IOException {
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, null);
        }
        return file;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldListenOnLoopbackOnlyWithScram() throws Exception {
        EmbeddedKafkaIT.assertListensOnLoopbackOnly(broker);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRunTheMonitorWithTheRightCredentials() throws Exception {
        Path config = kafkaConfig("good.properties", MONITOR.clientProperties());
        AtomicReference<CliRunner.Result> result = new AtomicReference<>();
        Thread run = new Thread(() -> result.set(CliRunner.run("", "run", "--http-port", "0", "--config", spec.toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--kafka-config", config.toString(),
                "--data-dir", dir.resolve("data").toString(), "--status-every", "1s")), "entroflow-run");
        run.start();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(asMap(broker.clientConfig()),
                new StringSerializer(), new StringSerializer())) {
            String symbols = "abcd";
            for (int i = 0; i < 400; i++) {
                long ts = 1_700_000_000_000L + 10L * i;
                producer.send(new ProducerRecord<>("scram-events", null, ts, "k1",
                        "{\"k\": \"k1\", \"ts\": " + ts + ", \"s\": \"" + symbols.charAt(i % 4) + "\"}"));
            }
        }
        List<Map.Entry<String, String>> records = SharedBroker.readAtLeast(broker.clientConfig(), "scram-aggregates", 3,
                Duration.ofSeconds(120));
        run.interrupt();
        run.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(run.isAlive()).as("run stopped after an interrupt").isFalse();
        assertThat(result.get().status()).as(result.get().err()).isZero();
        assertThat(result.get().err()).contains("monitor 'scram' running on " + broker.bootstrapServers());
        List<AggregateRecord> aggregates = new ArrayList<>();
        for (Map.Entry<String, String> r : records) {
            aggregates.add(JsonSerde.MAPPER.readValue(r.getValue(), AggregateRecord.class));
        }
        assertThat(aggregates).hasSizeGreaterThanOrEqualTo(3).allSatisfy(a -> {
            assertThat(a.operator()).isEqualTo("h");
            assertThat(a.key()).isEqualTo("k1");
            assertThat(a.value()).isCloseTo(2.0, within(1e-12)); // 100 events, 25 of each of 4 symbols
        });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldStopWithOneLineWhenThePasswordIsWrong() throws Exception {
        Path config = kafkaConfig("wrong.properties", new ScramCredentials(MONITOR.user(), "not-the-password").clientProperties());
        long t0 = System.nanoTime();
        CliRunner.Result r = CliRunner.run("", "run", "--http-port", "0", "--config", spec.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                "--kafka-config", config.toString(), "--data-dir", dir.resolve("data-wrong").toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("entroflow run: cannot connect to " + broker.bootstrapServers()
                + ": authentication failed (SCRAM-SHA-512); check --kafka-config" + System.lineSeparator());
        assertThat(seconds).isLessThan(60);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldNameAnInputTopicThatDoesNotExist() throws Exception {
        Path config = kafkaConfig("good-too.properties", MONITOR.clientProperties());
        Path other = Files.writeString(dir.resolve("other.yaml"), SPEC.replace("scram-events", "no-such-events"));
        CliRunner.Result r = CliRunner.run("", "run", "--http-port", "0", "--config", other.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                "--kafka-config", config.toString(), "--data-dir", dir.resolve("data-other").toString());
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("entroflow run: input.topics: no-such-events does not exist on " + broker.bootstrapServers()
                + "; create it first (the monitor reads, never creates, the input topics of a given cluster)"
                + System.lineSeparator());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldNotLetAClientWithoutCredentialsIn() {
        long t0 = System.nanoTime();
        CliRunner.Result r = CliRunner.run("", "run", "--http-port", "0", "--config", spec.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                "--connect-timeout", "3s", "--data-dir", dir.resolve("data-none").toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("entroflow run: cannot reach Kafka at " + broker.bootstrapServers() + " within 3s"
                + System.lineSeparator());
        assertThat(seconds).isLessThan(60);
    }

    private static Map<String, Object> asMap(Properties p) {
        Map<String, Object> m = new java.util.HashMap<>();
        p.forEach((k, v) -> m.put((String) k, v));
        return m;
    }
}
