package io.entroflow.app.cli;

import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorTopology;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reprocess} of a spec with routing: reads the live subscriptions and silences, writes none of the live topics, delivers nothing. */
class ReprocessRoutingTest {
    @TempDir
    Path dir;

    private static Set<String> sinkTopics(MonitorPlan plan, TopologyNames names, List<TopologyDescription.Sink> dynamic) {
        Set<String> topics = new TreeSet<>();
        var d = MonitorTopology.build(plan, new MonitorCounters(), names).describe();
        for (var s : d.subtopologies()) {
            for (var n : s.nodes()) {
                if (n instanceof TopologyDescription.Sink sink) {
                    if (sink.topic() != null) {
                        topics.add(sink.topic());
                    } else {
                        dynamic.add(sink);
                    }
                }
            }
        }
        return topics;
    }

    @Test
    void shouldSuffixTheRoutingOutputsAndNeverDeliver() throws Exception {
        Path spec = Files.writeString(dir.resolve("routed.yaml"),
                Files.readString(Path.of("examples/demo.yaml")) + "\nrouting: {}\n");
        MonitorPlan live = RunCommand.loadPlan("--config", spec);
        ReprocessCommand cmd = new ReprocessCommand();
        new CommandLine(cmd).parseArgs("--config", spec.toString(), "--from-timestamp", "2026-01-01T00:00:00Z",
                "--suffix", "r1");
        assertThat(cmd.noDelivery).isFalse();
        MonitorPlan again = cmd.prepare(live);
        assertThat(cmd.noDelivery).as("reprocess never delivers to webhooks or Alertmanagers").isTrue();

        assertThat(again.routing().subscriptionsTopic()).isEqualTo(live.routing().subscriptionsTopic());
        assertThat(again.routing().silencesTopic()).isEqualTo(live.routing().silencesTopic());
        assertThat(again.routing().notificationsTopic()).isEqualTo(live.routing().notificationsTopic() + "-r1");
        assertThat(again.routing().inputTopic()).isEqualTo(live.routing().inputTopic() + "-r1");

        List<TopologyDescription.Sink> liveDynamic = new ArrayList<>();
        List<TopologyDescription.Sink> againDynamic = new ArrayList<>();
        Set<String> liveTopics = sinkTopics(live, new TopologyNames(live.monitor()), liveDynamic);
        Set<String> againTopics = sinkTopics(again, cmd.names(again), againDynamic);
        assertThat(liveTopics).contains("demo-notifications", "demo-route-input");
        assertThat(againTopics).contains("demo-notifications-r1", "demo-route-input-r1")
                .doesNotContainAnyElementsOf(liveTopics);
        // a {topic: T} subscription's payloads: to T live, to T-r1 when reprocessing
        Notification n = new Notification("ops/x/t", "ops", Subscription.Target.topic("pager"), 0, 1, null);
        assertThat(liveDynamic).singleElement().satisfies(s -> assertThat(extract(s, n)).isEqualTo("pager"));
        assertThat(againDynamic).singleElement().satisfies(s -> assertThat(extract(s, n)).isEqualTo("pager-r1"));
    }

    @SuppressWarnings("unchecked")
    private static String extract(TopologyDescription.Sink s, Notification n) {
        return ((org.apache.kafka.streams.processor.TopicNameExtractor<String, Notification>) s.topicNameExtractor())
                .extract(n.id(), n, null);
    }
}
