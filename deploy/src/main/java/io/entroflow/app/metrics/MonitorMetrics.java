package io.entroflow.app.metrics;

import io.entroflow.topology.runtime.MonitorRuntime;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus registry of one running monitor: every meter carries the tag {@code monitor}.
 * Bound at construction: the monitor's counters ({@link MonitorCountersMetrics}), Kafka Streams' own
 * metrics with its clients' (Micrometer's {@link KafkaStreamsMetrics}: {@code kafka_stream_*},
 * {@code kafka_consumer_*} including {@code kafka_consumer_fetch_manager_records_lag_max},
 * {@code kafka_producer_*}; new Kafka metrics are picked up within a minute), the JVM (memory, GC,
 * threads, class loading), process CPU and uptime, any {@link LatencyRecorder} given, and the stream
 * threads' operator update times and event-to-alert latencies ({@link StreamLatencies}).
 * {@link #scrape} renders the Prometheus text format; {@link #close} unbinds the Kafka and GC binders.
 */
public final class MonitorMetrics implements AutoCloseable {
    /** The Prometheus text exposition format, version 0.0.4 (every Prometheus server reads it). */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MonitorCountersMetrics counters;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /**
     * @param monitor   the monitor's name (tag {@code monitor})
     * @param runtime   the running monitor
     * @param latencies latency recorders by output name, exported as
     *                  {@code entroflow_output_latency_seconds{output=NAME,quantile=...}}
     */
    public MonitorMetrics(String monitor, MonitorRuntime runtime, Map<String, LatencyRecorder> latencies) {
        this(monitor, runtime, latencies, null);
    }

    /**
     * As {@link #MonitorMetrics(String, MonitorRuntime, Map)}, plus the stream threads' timings.
     *
     * @param streamLatencies the runtime's {@link io.entroflow.topology.stream.StreamTimings}, or null
     */
    public MonitorMetrics(String monitor, MonitorRuntime runtime, Map<String, LatencyRecorder> latencies,
                          StreamLatencies streamLatencies) {
        registry.config().commonTags("monitor", monitor);
        counters = new MonitorCountersMetrics(runtime.counters(), () -> runtime.state() == KafkaStreams.State.RUNNING);
        counters.bindTo(registry);
        latencies.forEach((output, recorder) -> new LatencyMetrics("entroflow.output.latency",
                "Wall-clock age of an output record's event-time timestamp when it became visible to read_committed consumers",
                Tags.of("output", output), recorder).bindTo(registry));
        if (streamLatencies != null) {
            streamLatencies.bindTo(registry);
        }
        KafkaStreamsMetrics streams = new KafkaStreamsMetrics(runtime.streams());
        streams.bindTo(registry);
        closeables.add(streams);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.add(gc);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The registry (tests, further binders). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Writes every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public void scrape(OutputStream out) throws IOException {
        counters.refresh();
        registry.scrape(out, CONTENT_TYPE);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing binders only stops their schedulers and listeners
            }
        }
        registry.close();
    }
}
