package io.entroflow.topology.runtime;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code max.task.idle.ms} per kind of monitor: off for one data topic (nothing to order against it),
 * {@link MonitorRuntime#ALIGNED_TASK_IDLE_MS} when signals of several topics are aligned, Kafka Streams'
 * default for other multi-topic monitors; an override still wins.
 */
class TaskIdlingConfigTest {
    private static MonitorPlan plan(String topics, String operators) {
        return new MonitorPlanner(OperatorRegistry.standard()).plan("m", MonitorSpecLoader.parse("m", """
                monitor: m
                input: {topics: [%s], key: {field: /k}, time: {field: /ts}%s}
                signals:
                  - {name: a, kind: categorical, field: /a, values: [x, y], topic: %s}
                  - {name: b, kind: categorical, field: /b, values: [x, y], topic: %s}
                operators: [%s]
                """.formatted(topics, topics.contains(",") ? ", align: {bucket: 1s}" : "",
                topics.split(",")[0].trim(), topics.split(",")[topics.contains(",") ? 1 : 0].trim(), operators)));
    }

    private static Object idle(MonitorPlan plan, Properties overrides) {
        return MonitorRuntime.config(plan, "localhost:1", Path.of("/tmp/unused"), true, "i", overrides)
                .get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
    }

    @Test
    void shouldNotIdleWithOneDataTopic() {
        MonitorPlan one = plan("events", "{name: h, type: entropy, signal: a, window: {count: 10}}");
        assertThat(idle(one, null)).isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        Properties override = new Properties();
        override.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 5L);
        assertThat(idle(one, override)).isEqualTo(5L);
    }

    @Test
    void shouldIdleWhenTopicsAreAlignedAndKeepTheDefaultOtherwise() {
        MonitorPlan aligned = plan("p, q", "{name: te, type: transfer-entropy, signals: [a, b], window: {count: 10}}");
        assertThat(aligned.aligned()).isTrue();
        assertThat(idle(aligned, null)).isEqualTo(MonitorRuntime.ALIGNED_TASK_IDLE_MS);
        MonitorPlan apart = plan("p, q", "{name: h, type: entropy, signal: a, window: {count: 10}}");
        assertThat(apart.aligned()).isFalse();
        assertThat(idle(apart, null)).isNull();
    }
}
