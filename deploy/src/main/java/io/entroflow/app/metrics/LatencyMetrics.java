package io.entroflow.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Exports a {@link LatencyRecorder} like a Prometheus summary without {@code _sum}/{@code _count}:
 * gauges {@code <name>_seconds{quantile="0.5"|"0.99"|"0.999"}} and {@code <name>_seconds_max}, over
 * the recorder's window. Every gauge of one scrape reads the same {@link LatencySnapshot}. A window
 * that recorded nothing has no quantiles: they read NaN, as a Prometheus summary's do (so a
 * {@code > X} alert stays quiet and a graph shows a gap, not a latency of 0); the max reads 0.
 */
public final class LatencyMetrics implements MeterBinder {
    private final String name;
    private final String description;
    private final Tags tags;
    private final LatencyRecorder recorder;

    /**
     * @param name        dotted base name without unit, e.g. {@code entroflow.output.latency}
     * @param description what is measured
     * @param tags        extra tags
     * @param recorder    the recorder read at scrape time
     */
    public LatencyMetrics(String name, String description, Tags tags, LatencyRecorder recorder) {
        if (name.isBlank() || name.endsWith(".seconds")) {
            throw new IllegalArgumentException("name: a dotted name without unit, got '" + name + "'");
        }
        this.name = name;
        this.description = description;
        this.tags = tags;
        this.recorder = recorder;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (double q : LatencySnapshot.QUANTILES) {
            Gauge.builder(name + ".seconds", recorder, r -> quantile(r.snapshot(), q))
                    .description(description + ", quantile over the last " + recorder.window().toSeconds() + " s")
                    .tags(tags).tag("quantile", Double.toString(q)).register(registry);
        }
        Gauge.builder(name + ".seconds.max", recorder, r -> r.snapshot().max())
                .description(description + ", maximum over the last " + recorder.window().toSeconds() + " s").tags(tags).register(registry);
    }

    private static double quantile(LatencySnapshot snapshot, double q) {
        return snapshot.count() == 0 ? Double.NaN : snapshot.quantile(q);
    }
}
