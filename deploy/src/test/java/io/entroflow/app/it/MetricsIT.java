package io.entroflow.app.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A monitor with its HTTP server on a real broker: /health goes from 503 to ready, /metrics counts
 * the events produced and the keys live, and carries Kafka Streams' own metrics (with the consumer
 * lag), the JVM's and the output latency.
 */
@IntegrationTest
class MetricsIT {
    private static final int EVENTS = 1_200;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldTurnReadyAndCountEveryEventInMetrics() throws Exception {
        try (ObservedMonitor m = new ObservedMonitor("metrics-it")) {
            HttpResponse<String> before = m.get("/health", false);
            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(before.body()).contains("\"status\":\"DOWN\"").contains("\"state\":\"CREATED\"");
            assertThat(m.get("/health/live", false).statusCode()).isEqualTo(200);
            assertThat(m.get("/metrics", false).statusCode()).isEqualTo(401);

            m.runtime.start();
            HttpResponse<String> health = m.await("/health", r -> r.statusCode() == 200, Duration.ofSeconds(60));
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).isEqualTo(
                    "{\"status\":\"UP\",\"state\":\"RUNNING\",\"live\":true,\"ready\":true,\"monitor\":\"metrics-it\"}");

            m.produce(EVENTS, Duration.ofSeconds(4));
            String total = "entroflow_events_in_total{monitor=\"metrics-it\"} " + EVENTS + ".0";
            String latencyMax = "entroflow_output_latency_seconds_max{monitor=\"metrics-it\",output=\"aggregates\"}";
            String updateMax = "entroflow_operator_update_seconds_max{monitor=\"metrics-it\",operator=\"h\"}";
            String keysLive = "entroflow_keys_live{monitor=\"metrics-it\",operator=\"h\"}";
            HttpResponse<String> metrics = m.await("/metrics", r -> r.body().contains(total)
                    && value(r.body(), latencyMax) > 0 && value(r.body(), updateMax) > 0
                    && value(r.body(), keysLive) == 4.0, Duration.ofSeconds(60));
            String body = metrics.body();
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(body).contains(total)
                    .contains("entroflow_events_processed_total{monitor=\"metrics-it\"} " + EVENTS + ".0")
                    .contains("entroflow_events_dead_lettered_total{monitor=\"metrics-it\",reason=\"late\"} 0.0")
                    .contains("entroflow_ready{monitor=\"metrics-it\"} 1.0")
                    .contains(keysLive + " 4.0") // the keys a..d, counted by the operator's processors
                    .contains("entroflow_output_latency_seconds{monitor=\"metrics-it\",output=\"aggregates\",quantile=\"0.99\"}")
                    // Kafka Streams' own metrics and its consumer's lag, through KafkaStreamsMetrics
                    .contains("kafka_stream_thread_process_rate")
                    .contains("kafka_stream_thread_process_latency_avg")
                    .contains("kafka_consumer_fetch_manager_records_lag_max")
                    // the JVM's
                    .contains("jvm_memory_used_bytes{area=\"heap\"")
                    .contains("jvm_gc_memory_allocated_bytes_total") // the pause timer appears with the first GC
                    .contains("jvm_threads_live_threads");
            assertThat(value(body, latencyMax)).as("aggregates are seconds old at most").isBetween(0.0, 30.0);
            // recorded on the stream thread per event: one operator's update and journal write, well under a second
            double p50 = value(body, "entroflow_operator_update_seconds{monitor=\"metrics-it\",operator=\"h\",quantile=\"0.5\"}");
            assertThat(p50).isGreaterThan(0.0).isLessThanOrEqualTo(value(body, updateMax)).isLessThan(1.0);
        }
    }

    /** The value of the sample {@code series} (name and labels) in a Prometheus text body, or NaN. */
    static double value(String body, String series) {
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return Double.NaN;
    }
}
