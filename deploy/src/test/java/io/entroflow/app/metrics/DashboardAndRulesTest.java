package io.entroflow.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.runtime.MonitorRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/grafana/entroflow.json and deploy/prometheus/entroflow-rules.yml only query metrics that a
 * monitor exports: the names come from a real {@link MonitorMetrics} scrape around a (never started)
 * monitor, whose Kafka Streams clients register their metrics at construction.
 */
class DashboardAndRulesTest {
    private static final Path DEPLOY = Path.of("../deploy");
    /** Series Prometheus makes itself. */
    private static final Set<String> SYNTHETIC = Set.of("up");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static Set<String> exported;

    @BeforeAll
    static void scrapeAMonitor() throws Exception {
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan("m", MonitorSpecLoader.parse("m", """
                monitor: m
                input: {topics: [events]}
                signals: [{name: kind, kind: categorical, field: /kind}]
                operators: [{name: h, type: entropy, signal: kind, window: {count: 10}}]
                rules: [{name: low, operator: h, threshold: {below: 1.0}}]
                """));
        MonitorRuntime runtime = new MonitorRuntime(plan, MonitorRuntime.config(plan, "127.0.0.1:9",
                Files.createTempDirectory("dashboard-test"), true, "m-test", null));
        LatencyRecorder recorder = new LatencyRecorder(Duration.ofMinutes(1), 3, Duration.ofSeconds(1), 2);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (MonitorMetrics metrics = new MonitorMetrics("m", runtime, Map.of("aggregates", recorder),
                new StreamLatencies(plan))) {
            // GC timers appear with the first collection: ask for one and wait (bounded) for its notification
            long deadline = System.nanoTime() + 10_000_000_000L;
            do {
                System.gc();
                Thread.sleep(100);
                body.reset();
                metrics.scrape(body);
            } while (!body.toString(StandardCharsets.UTF_8).contains("jvm_gc_pause_seconds_sum") && System.nanoTime() < deadline);
        } finally {
            runtime.close();
        }
        exported = new TreeSet<>();
        for (String line : body.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertThat(exported).contains("entroflow_events_in_total", "kafka_stream_thread_process_rate",
                "kafka_consumer_fetch_manager_records_lag_max", "jvm_memory_used_bytes");
    }

    /** The metric names a PromQL expression reads. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"[^\"]*\"", "\"\"")     // strings
                .replaceAll("\\{[^}]*}", " ")                  // label matchers
                .replaceAll("\\[[^]]*]", " ");                 // range selectors
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new HashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            boolean function = s.substring(m.end()).matches("(?s)\\s*\\(.*");
            boolean keyword = Set.of("and", "or", "unless", "bool", "offset").contains(m.group());
            if (!function && !keyword) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void shouldReadMetricNamesOutOfPromQl() {
        assertThat(metricNames("sum by (monitor, reason) (rate(a_total{x=~\"b_c\"}[5m])) / max(c) > 0.01"))
                .containsExactlyInAnyOrder("a_total", "c");
    }

    @Test
    void everyDashboardPanelShouldQueryMetricsWeExport() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/entroflow.json").toFile());
        assertThat(dashboard.path("title").asText()).isEqualTo("entroflow");
        List<String> titles = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                Set<String> names = metricNames(target.path("expr").asText());
                assertThat(names).as(target.path("expr").asText()).isNotEmpty();
                assertThat(exported).as(panel.path("title").asText()).containsAll(names);
            }
        }
        assertThat(titles).hasSizeGreaterThanOrEqualTo(8).anyMatch(t -> t.contains("Events per second"))
                .anyMatch(t -> t.contains("Dead letters")).anyMatch(t -> t.contains("Alerts firing"))
                .anyMatch(t -> t.contains("lag")).anyMatch(t -> t.contains("heap"))
                .anyMatch(t -> t.contains("process rate")).anyMatch(t -> t.contains("latency"));
    }

    @Test
    void everyAlertingRuleShouldQueryMetricsWeExport() throws Exception {
        JsonNode rules = new YAMLMapper().readTree(DEPLOY.resolve("prometheus/entroflow-rules.yml").toFile());
        int count = 0;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String expr = rule.path("expr").asText();
                Set<String> names = metricNames(expr);
                names.removeAll(SYNTHETIC);
                assertThat(exported).as(rule.path("alert").asText()).containsAll(names);
                count++;
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(4);
    }
}
