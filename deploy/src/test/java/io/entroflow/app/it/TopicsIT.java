package io.entroflow.app.it;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Topics#create} on a broker: the topics it creates can take records when it returns. */
@IntegrationTest
class TopicsIT {
    @Test
    void shouldReturnWhenEveryPartitionOfTheCreatedTopicsHasALeaderAndAnOffset() throws Exception {
        String m = "tp" + System.nanoTime() % 1_000_000;
        String yaml = """
                monitor: %1$s
                input: {topics: [%1$s-events], key: {field: /key}, time: {field: /ts}}
                signals: [{name: kind, kind: categorical, field: /kind, values: [a, b]}]
                operators: [{name: h, type: entropy, signal: kind, window: {count: 10}}]
                aggregates: {interval: 1s}
                outputs: {aggregates: %1$s-aggregates, alert-events: %1$s-alert-events, alert-state: %1$s-alert-state,
                          dead-letter: %1$s-dead-letter}
                """.formatted(m);
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan(m, MonitorSpecLoader.parse(m, yaml));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers()))) {
            Topics.create(admin, plan, true, 3);

            List<String> topics = List.of(m + "-events", m + "-aggregates", m + "-alert-events", m + "-alert-state",
                    m + "-dead-letter", new TopologyNames(m).rekeyTopic());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(d -> d.partitions().forEach(p -> {
                assertThat(p.leader()).as(d.name() + "-" + p.partition()).isNotNull();
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }));
            assertThat(latest).hasSize(topics.size() * 3);
            assertThat(admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)).hasSize(latest.size());
        }
    }

    @Test
    void shouldNameTheTopicsThatAreNotReadyWhenTheWaitTimesOut() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers()))) {
            String missing = "never-created-" + System.nanoTime();
            assertThatThrownBy(() -> Topics.awaitReady(admin, List.of(missing), Duration.ofMillis(500)))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining(missing).hasMessageContaining("not ready within PT0.5S");
        }
    }
}
