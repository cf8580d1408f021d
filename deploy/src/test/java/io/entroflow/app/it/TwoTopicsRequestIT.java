package io.entroflow.app.it;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.app.cli.CliRunner;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.RekeyPurger;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * On a real broker: a monitor over two input topics (the follower copies the leader's previous
 * second) measures one bit of transfer entropy from leader to follower on the aligned samples, and
 * {@code entroflow request} gets the current aggregates on demand.
 */
@IntegrationTest
class TwoTopicsRequestIT {
    private static final String SPEC = """
            monitor: pair
            input: {topics: [pair-leader, pair-follower], key: {field: /k}, time: {field: /ts}, lateness: 2s,
                    align: {bucket: 1s}}
            signals:
              - {name: lead, kind: categorical, field: /v, values: ["0", "1"], topic: pair-leader}
              - {name: follow, kind: categorical, field: /v, values: ["0", "1"], topic: pair-follower}
            operators:
              - {name: drives, type: transfer-entropy, signals: [lead, follow], window: {count: 1000}}
              - {name: driven, type: transfer-entropy, signals: [follow, lead], window: {count: 1000}}
            aggregates: {interval: 1000s}
            """;

    private static void send(KafkaProducer<String, String> p, String topic, String key, long time, int bit) {
        p.send(new ProducerRecord<>(topic, null, time, key,
                "{\"k\": \"" + key + "\", \"ts\": " + time + ", \"v\": \"" + bit + "\"}"));
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldMeasureFlowBetweenTwoTopicsAndAnswerARequest() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        Path specFile = Files.createTempFile("pair", ".yaml");
        Files.writeString(specFile, SPEC);
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan("pair", MonitorSpecLoader.parse("pair", SPEC));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Topics.create(admin, plan, true, 2);
        }
        Properties config = MonitorRuntime.config(plan, bootstrap, Files.createTempDirectory("pair-state"), true,
                "pair-it", null);
        Random r = new Random(5);
        int seconds = 800;
        try (MonitorRuntime runtime = new MonitorRuntime(plan, config)) {
            runtime.start();
            runtime.awaitRunning(Duration.ofSeconds(60));
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                int[] previous = new int[2];
                for (int t = 0; t < seconds; t++) {
                    for (int k = 0; k < 2; k++) {
                        String key = k == 0 ? "a" : "b";
                        int bit = r.nextInt(2);
                        send(p, "pair-leader", key, 1_000L * t + 100, bit);
                        send(p, "pair-follower", key, 1_000L * t + 600, previous[k]);
                        previous[k] = bit;
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (runtime.counters().eventsProcessed() + runtime.counters().eventsDeadLettered() < 4L * seconds
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(runtime.counters().eventsProcessed()).as("dead letters %s, in %d",
                    runtime.counters().deadLettersByReason(), runtime.counters().eventsIn()).isEqualTo(4L * seconds);
            assertThat(runtime.counters().eventsDeadLettered()).isZero();
            CliRunner.Result result = CliRunner.run("", "request", "--config", specFile.toString(),
                    "--bootstrap-servers", bootstrap, "--key", "a", "--wait", "8s");
            assertThat(result.status()).as(result.err()).isZero();
            List<AggregateRecord> answers = new ArrayList<>();
            for (String line : result.lines()) {
                answers.add(JsonSerde.MAPPER.readValue(line, AggregateRecord.class));
            }
            assertThat(answers).extracting(AggregateRecord::operator).containsExactlyInAnyOrder("drives", "driven");
            assertThat(answers).isNotEmpty().allSatisfy(a -> {
                assertThat(a.key()).isEqualTo("a");
                assertThat(a.trigger()).isEqualTo(AggregateRecord.REQUEST);
                assertThat(a.events()).isGreaterThan(750); // one aligned sample per closed second of 800
            });
            // a key without state gets no answer: said in one line, status 1 (before: nothing printed, status 0)
            CliRunner.Result none = CliRunner.run("", "request", "--config", specFile.toString(),
                    "--bootstrap-servers", bootstrap, "--key", "nobody", "--wait", "2s");
            assertThat(none.status()).as(none.err()).isEqualTo(1);
            assertThat(none.lines()).isEmpty();
            assertThat(none.err().lines().toList()).containsExactly("entroflow request: no answer within 2s: monitor 'pair'"
                    + " has no state for key 'nobody', or is not running");
            AggregateRecord drives = answers.stream().filter(a -> a.operator().equals("drives")).findFirst().orElseThrow();
            AggregateRecord driven = answers.stream().filter(a -> a.operator().equals("driven")).findFirst().orElseThrow();
            assertThat(drives.value()).isCloseTo(1.0, within(0.03));
            assertThat(driven.value()).isCloseTo(0.0, within(0.03));
            // the re-key topic: Kafka Streams' repartition configuration, purged up to the committed offsets
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                String rekey = new TopologyNames(plan.monitor()).rekeyTopic();
                var configs = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, rekey)))
                        .all().get(30, TimeUnit.SECONDS).values().iterator().next();
                assertThat(configs.get("retention.ms").value()).isEqualTo("-1");
                assertThat(configs.get("cleanup.policy").value()).isEqualTo("delete");
                assertThat(new RekeyPurger(admin, new TopologyNames(plan.monitor())).purgeOnce()).isPositive();
                Map<TopicPartition, OffsetSpec> earliest = new java.util.HashMap<>();
                for (int i = 0; i < 2; i++) {
                    earliest.put(new TopicPartition(rekey, i), OffsetSpec.earliest());
                }
                long deleted = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS).values().stream()
                        .mapToLong(o -> o.offset()).sum();
                assertThat(deleted).isPositive();
            }
        }
    }
}
