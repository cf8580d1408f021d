package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MonitorTopology}'s full build against golden {@code Topology.describe()} strings captured
 * from the topology before the stage API existed ({@code src/test/resources/stream/describe-*.txt}),
 * so node names, edges, stores and topics (and with them changelog and re-key topics) stay put.
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
                      - {name: r, operator: p, severity: warning, threshold: {above: 5}}
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
}
