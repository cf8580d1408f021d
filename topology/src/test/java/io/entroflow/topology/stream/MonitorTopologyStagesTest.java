package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.stream.MonitorTopology.Stage;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MonitorTopology}'s stages: a prefix up to each {@link Stage} builds, runs in a
 * {@link TopologyTestDriver} and hands its records to that stage's output (the stage-end node's
 * count, the aggregates topic, the alert topics) and to nothing after it; the full build matches
 * golden {@code Topology.describe()} strings captured from the topology before the stage API existed
 * ({@code src/test/resources/stream/describe-*.txt}; since then one edge moved: with rules, the
 * aggregates sink hangs off the rules node, which adds the rules' detections), so node names, edges,
 * stores and topics (and with them changelog and re-key topics) stay put.
 */
class MonitorTopologyStagesTest {
    /** Three shapes: record key with two aligned topics and rules; key from a field (re-key) with rules; no rules. */
    static final Map<String, String> SPECS = Map.of(
            "record-key", """
                    monitor: m
                    input: {topics: [leader, follower], time: {field: /ts}, lateness: 3s, align: {bucket: 1s}}
                    signals:
                      - {name: lead, kind: categorical, field: /v, values: ["0", "1"], topic: leader}
                      - {name: follow, kind: categorical, field: /v, values: ["0", "1"], topic: follower}
                      - {name: x, kind: numeric, field: /x, topic: leader}
                    operators:
                      - {name: drives, type: transfer-entropy, signals: [lead, follow], window: {count: 200}}
                      - {name: own, type: entropy, signal: follow, window: {count: 200}}
                      - {name: p, type: probe, signal: x, window: {count: 1}}
                    aggregates: {interval: 1s}
                    rules:
                      - {name: r, operator: p, severity: critical, threshold: {above: 5}}
                    """,
            "field-key", """
                    monitor: m
                    input: {topics: [events], key: {field: /k}, time: {field: /ts}, lateness: 1s}
                    signals:
                      - {name: kind, kind: categorical, field: /kind, max-categories: 16}
                      - {name: x, kind: numeric, field: /x}
                    operators:
                      - {name: h, type: entropy, signal: kind, window: {count: 100}}
                      - {name: p, type: probe, signal: x, window: {time: 2s}}
                    aggregates: {interval: 1s}
                    rules:
                      - {name: r, operator: p, severity: warning, min-events: 1, threshold: {above: 5}}
                    """,
            "no-rules", """
                    monitor: m
                    input: {topics: [events], time: {field: /ts}}
                    signals:
                      - {name: kind, kind: categorical, field: /kind, max-categories: 16}
                    operators:
                      - {name: h, type: entropy, signal: kind, window: {decay: {half-life: 250}}}
                    aggregates: {interval: 1s}
                    """);

    static MonitorPlan plan(String spec) {
        return new MonitorPlanner(MonitorDriver.testRegistry()).plan("m", MonitorSpecLoader.parse("m", SPECS.get(spec)));
    }

    private static String golden(String spec) throws IOException {
        try (InputStream in = MonitorTopologyStagesTest.class.getResourceAsStream("/stream/describe-" + spec + ".txt")) {
            assertThat(in).as("golden describe of " + spec).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"record-key", "field-key", "no-rules"})
    void shouldBuildTheSameFullTopologyAsBeforeTheStageApi(String spec) throws IOException {
        assertThat(MonitorTopology.build(plan(spec), new MonitorCounters()).describe().toString())
                .isEqualTo(golden(spec));
    }

    @Test
    void shouldBuildTheFullMonitorUpToTheLastStage() {
        for (String spec : SPECS.keySet()) {
            MonitorPlan plan = plan(spec);
            assertThat(MonitorTopology.build(plan, new MonitorCounters(), Stage.RULES).describe())
                    .isEqualTo(MonitorTopology.build(plan, new MonitorCounters()).describe());
        }
        MonitorPlan noRules = plan("no-rules");
        assertThat(MonitorTopology.build(noRules, new MonitorCounters(), Stage.OPERATORS).describe())
                .isEqualTo(MonitorTopology.build(noRules, new MonitorCounters()).describe());
    }

    static Stream<Arguments> stagesOfEverySpec() {
        return SPECS.keySet().stream().sorted().flatMap(spec -> Stream.of(Stage.values()).map(stage -> Arguments.of(spec, stage)));
    }

    @ParameterizedTest(name = "{0} up to {1}")
    @MethodSource("stagesOfEverySpec")
    void shouldForwardRecordsToTheOutputOfTheLastStageOfAPrefixAndNoFurther(String spec, Stage stage) {
        MonitorPlan plan = plan(spec);
        MonitorCounters counters = new MonitorCounters();
        Topology topology = MonitorTopology.build(plan, counters, stage);
        TopologyNames n = new TopologyNames(plan.monitor());
        String described = topology.describe().toString();
        assertThat(described).contains(n.parse(), n.deadLetterSink());
        assertThat(described.contains(n.signals())).isEqualTo(stage.compareTo(Stage.SIGNALS) >= 0);
        assertThat(described.contains(n.requests())).isEqualTo(stage.compareTo(Stage.OPERATORS) >= 0);
        assertThat(described.contains(n.rules())).isEqualTo(stage == Stage.RULES && !plan.rules().isEmpty());
        assertThat(described.contains(n.rekeyTopic())).isEqualTo(plan.spec().input().key().fromField());

        int good = 0;
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, driverConfig(plan))) {
            String topic = plan.spec().input().topics().get(0);
            var input = driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < 40; i++) { // 10 s of event time, two keys; x = 10 fires the rules (above 5)
                String key = i % 2 == 0 ? "a" : "b";
                input.pipeInput(bytes(key), bytes(event(spec, 250L * i, key, i)), 250L * i);
                good++;
            }
            input.pipeInput(bytes("a"), bytes("not json"), 10_000L); // dead-lettered by parse
            input.pipeInput(bytes("a"), bytes(event(spec, 0, "a", 0)), 10_000L); // late: dead-lettered by signals
            good++;
            var aggregates = driver.createOutputTopic(plan.spec().outputs().aggregates(), new StringDeserializer(),
                    JsonSerde.of(AggregateRecord.class).deserializer()).readValuesToList();
            var alerts = driver.createOutputTopic(plan.spec().outputs().alertEvents(), new StringDeserializer(),
                    JsonSerde.of(AlertRecord.class).deserializer()).readValuesToList();
            var deadLetters = driver.createOutputTopic(plan.spec().outputs().deadLetter(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).readValuesToList();

            assertThat(counters.eventsIn()).isEqualTo(good + 1);
            switch (stage) {
                case PARSE -> {
                    assertThat(counters.stageOutputs()).isEqualTo(good);
                    assertThat(counters.eventsProcessed()).isZero();
                    assertThat(deadLetters).hasSize(1);
                }
                case SIGNALS -> {
                    assertThat(counters.eventsProcessed()).isEqualTo(good - 1);
                    if (plan.operators().stream().anyMatch(op -> op.aligned())) { // raw events and aligned samples
                        assertThat(counters.stageOutputs()).isGreaterThan(counters.eventsProcessed());
                    } else {
                        assertThat(counters.stageOutputs()).isEqualTo(counters.eventsProcessed());
                    }
                    assertThat(deadLetters).hasSize(2);
                }
                default -> {
                    assertThat(counters.stageOutputs()).isZero();
                    assertThat(counters.eventsProcessed()).isEqualTo(good - 1);
                    assertThat(deadLetters).hasSize(2);
                }
            }
            assertThat(aggregates.isEmpty()).isEqualTo(stage.compareTo(Stage.OPERATORS) < 0);
            assertThat(alerts.isEmpty()).isEqualTo(stage != Stage.RULES || plan.rules().isEmpty());
        }
    }

    /** Event {@code i} of the spec's input, as JSON (for the two-topic spec: the leader's topic). */
    private static String event(String spec, long ts, String key, int i) {
        return switch (spec) {
            case "record-key" -> "{\"ts\":" + ts + ",\"v\":\"" + (i / 2 % 2) + "\",\"x\":10}";
            case "field-key" -> "{\"ts\":" + ts + ",\"k\":\"" + key + "\",\"kind\":\"k" + (i % 3) + "\",\"x\":10}";
            default -> "{\"ts\":" + ts + ",\"kind\":\"k" + (i % 3) + "\"}";
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Properties driverConfig(MonitorPlan plan) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, new TopologyNames(plan.monitor()).applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("entroflow-stages").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
