package io.entroflow.topology.runtime;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream threads' producers retry after {@link MonitorRuntime#PRODUCER_RETRY_BACKOFF_MS}, not Kafka's
 * 100 ms, as the producer Kafka Streams builds sees it; a {@code --kafka-config} override still wins.
 */
class ProducerRetryBackoffConfigTest {
    private static final MonitorPlan PLAN = new MonitorPlanner(OperatorRegistry.standard()).plan("m", MonitorSpecLoader.parse("m", """
            monitor: m
            input: {topics: [events], key: {field: /k}}
            signals: [{name: a, kind: categorical, field: /a, values: [x, y]}]
            operators: [{name: h, type: entropy, signal: a, window: {count: 10}}]
            """));

    private static Object producerRetryBackoff(Properties overrides) {
        StreamsConfig config = new StreamsConfig(MonitorRuntime.config(PLAN, "localhost:1", Path.of("/tmp/unused"), true, "i",
                overrides));
        return config.getProducerConfigs("client").get(ProducerConfig.RETRY_BACKOFF_MS_CONFIG);
    }

    @Test
    void shouldRetryAfterTenMillisecondsUnlessOverridden() {
        assertThat(producerRetryBackoff(null)).isEqualTo(MonitorRuntime.PRODUCER_RETRY_BACKOFF_MS).isEqualTo(10L);
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), "100");
        assertThat(producerRetryBackoff(overrides)).isEqualTo("100");
    }
}
