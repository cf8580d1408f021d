package io.entroflow.app.metrics;

import io.entroflow.topology.stream.MonitorDriver;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorCountersMetricsTest {
    private static final String SPEC = """
            monitor: m
            input:
              topics: [events]
              time: {field: /ts}
              lateness: 1s
            signals:
              - {name: kind, kind: categorical, field: /kind, max-categories: 3}
            operators:
              - {name: h, type: entropy, signal: kind, window: {count: 10}}
            """;

    @Test
    void shouldExportTheCountersWithPrometheusNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicBoolean ready = new AtomicBoolean();
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            MonitorCountersMetrics metrics = new MonitorCountersMetrics(d.counters, ready::get);
            metrics.bindTo(registry);
            d.send("k", "{\"ts\": 10000, \"kind\": \"a\"}", 0);
            d.send("k", "{\"ts\": 10001, \"kind\": \"b\"}", 0);
            d.send("k", "{not json", 0);
            d.send("k", "{\"ts\": 8000, \"kind\": \"a\"}", 0);
            ready.set(true);
            metrics.refresh();
            String text = registry.scrape();
            assertThat(text)
                    .contains("# TYPE entroflow_events_in_total counter")
                    .contains("entroflow_events_in_total 4.0")
                    .contains("entroflow_events_processed_total 2.0")
                    .contains("entroflow_events_dead_lettered_total{reason=\"unparsable\"} 1.0")
                    .contains("entroflow_events_dead_lettered_total{reason=\"late\"} 1.0")
                    .contains("entroflow_events_dead_lettered_total{reason=\"not_finite\"} 0.0")
                    .contains("entroflow_categories_overflowed_total 0.0")
                    .contains("entroflow_events_dead_lettered_total{reason=\"processing_error\"} 0.0")
                    .contains("entroflow_alerts_fired_total 0.0")
                    .contains("# TYPE entroflow_alerts_firing gauge")
                    .contains("entroflow_alerts_firing 0.0")
                    .contains("entroflow_requests_total{outcome=\"answered\"} 0.0")
                    .contains("entroflow_requests_total{outcome=\"rejected\"} 0.0")
                    .contains("entroflow_ready 1.0");
        }
    }

    @Test
    void shouldExportLatencyQuantilesAndMax() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        long[] now = {0};
        LatencyRecorder recorder = new LatencyRecorder(Duration.ofMinutes(1), 3, Duration.ofSeconds(1), 5, () -> now[0]);
        new LatencyMetrics("entroflow.output.latency", "age", Tags.of("output", "aggregates"), recorder).bindTo(registry);
        for (int ms = 1; ms <= 100; ms++) {
            recorder.recordMillis(ms);
        }
        now[0] = 1_000_000_000L;
        String text = registry.scrape();
        assertThat(text)
                .contains("entroflow_output_latency_seconds{output=\"aggregates\",quantile=\"0.5\"} 0.05")
                .contains("entroflow_output_latency_seconds{output=\"aggregates\",quantile=\"0.99\"} 0.099")
                .contains("entroflow_output_latency_seconds{output=\"aggregates\",quantile=\"0.999\"} 0.1")
                .contains("entroflow_output_latency_seconds_max{output=\"aggregates\"} 0.1");
        now[0] = 10_000_000_000L; // the window (5 intervals of 1 s) has moved past every recorded value
        assertThat(registry.scrape())
                .contains("entroflow_output_latency_seconds{output=\"aggregates\",quantile=\"0.5\"} NaN")
                .contains("entroflow_output_latency_seconds{output=\"aggregates\",quantile=\"0.99\"} NaN")
                .contains("entroflow_output_latency_seconds{output=\"aggregates\",quantile=\"0.999\"} NaN")
                .contains("entroflow_output_latency_seconds_max{output=\"aggregates\"} 0.0");
    }
}
