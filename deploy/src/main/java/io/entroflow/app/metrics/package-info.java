/**
 * Metrics of a running monitor in Prometheus form: {@link io.entroflow.app.metrics.MonitorMetrics}
 * (the Micrometer Prometheus registry with the monitor's counters, Kafka Streams' and the JVM's
 * metrics), {@link io.entroflow.app.metrics.LatencyRecorder} (wait-free HdrHistogram recorder read
 * as quantiles over a sliding window) exported by {@link io.entroflow.app.metrics.LatencyMetrics}, and
 * {@link io.entroflow.app.metrics.OutputLatencyProbe}, which measures how old outputs are when they
 * become visible, and {@link io.entroflow.app.metrics.StreamLatencies}, the stream threads' operator
 * update times and event-to-alert latencies.
 */
package io.entroflow.app.metrics;
