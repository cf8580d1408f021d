package io.entroflow.app.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.schemas.wire.JsonSerde;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code entroflow bench} measured: events/s of each {@link Variant} (the median over rounds),
 * the latency run, and the conditions (spec, events, keys, partitions, commit interval, load).
 *
 * @param spec             the spec file or name
 * @param events           events in the bench topic
 * @param keys             distinct keys
 * @param partitions       partitions of the input topic
 * @param commitIntervalMs the Streams commit interval every run used
 * @param warmupRounds     unrecorded rounds of every variant before {@code runs}
 * @param runs             every measured throughput run, in order
 * @param latency          the latency run, or null when skipped
 * @param loadAverage      the system load average (1 min) at the end, or -1 when unknown
 * @param cores            processors available to the JVM
 */
public record BenchResult(String spec, long events, int keys, int partitions, long commitIntervalMs,
                          int warmupRounds, List<ThroughputRun.Result> runs, LatencyRun.Result latency, double loadAverage, int cores) {
    public BenchResult {
        runs = List.copyOf(runs);
    }

    /** Median events/s per variant that ran. */
    public Map<Variant, Double> eventsPerSecond() {
        Map<Variant, Double> m = new EnumMap<>(Variant.class);
        eventsPerSecondByRound().forEach((v, l) -> m.put(v, median(l)));
        return m;
    }

    /** Events/s of each measured round per variant that ran, in round order. */
    public Map<Variant, List<Double>> eventsPerSecondByRound() {
        Map<Variant, List<Double>> by = new EnumMap<>(Variant.class);
        for (ThroughputRun.Result r : runs) {
            by.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r.eventsPerSecond());
        }
        return by;
    }

    /** Monitor events/s over baseline events/s (NaN when either did not run). */
    public double ratio() {
        Map<Variant, Double> eps = eventsPerSecond();
        return eps.getOrDefault(Variant.MONITOR, Double.NaN) / eps.getOrDefault(Variant.BASELINE, Double.NaN);
    }

    /**
     * One JSON object: {@code baseline_eps}, {@code passthrough_eps}, {@code monitor_eps} (medians), {@code ratio}
     * (monitor / baseline), {@code ratio_passthrough} (monitor / passthrough), {@code rounds_eps} (per variant label,
     * events/s of each measured round in order: the spread behind the medians), {@code stages} (events/s of each
     * monitor prefix: {@code parse_eps}, {@code signals_eps}, {@code operators_eps} when the spec has rules, {@code rules_eps}
     * = the whole monitor), {@code latency_ms} ({@code p50}, {@code p99}, {@code p999}, {@code max}, {@code count}, of
     * all outputs), {@code alert_latency_ms}, {@code hop_latency_ms} (with {@code --latency-hops}: per topic an event crosses, the latency of the
     * first record of each interval boundary there, see {@link LatencyRun.Result#hops}), the rates of the latency run and the conditions.
     */
    public ObjectNode toJson() {
        Map<Variant, Double> eps = eventsPerSecond();
        ObjectNode o = JsonSerde.MAPPER.createObjectNode();
        o.put("spec", spec);
        o.put("events", events);
        o.put("keys", keys);
        o.put("partitions", partitions);
        o.put("exactly_once", true);
        o.put("commit_interval_ms", commitIntervalMs);
        o.put("warmup_rounds", warmupRounds);
        o.put("rounds", runs.isEmpty() ? 0 : runs.size() / runs.stream().map(ThroughputRun.Result::variant).distinct().count());
        putRate(o, "passthrough_eps", eps.get(Variant.PASSTHROUGH));
        putRate(o, "baseline_eps", eps.get(Variant.BASELINE));
        putRate(o, "monitor_eps", eps.get(Variant.MONITOR));
        putNumber(o, "ratio", ratio());
        putNumber(o, "ratio_passthrough", eps.getOrDefault(Variant.MONITOR, Double.NaN)
                / eps.getOrDefault(Variant.PASSTHROUGH, Double.NaN));
        ObjectNode byRound = o.putObject("rounds_eps");
        eventsPerSecondByRound().forEach((v, l) -> l.forEach(r -> byRound.withArray(v.label()).add(Math.round(r))));
        ObjectNode stages = o.putObject("stages");
        for (Variant v : Variant.values()) {
            if (v.stage() != null && eps.containsKey(v)) {
                putRate(stages, v.stage().name().toLowerCase(Locale.ROOT) + "_eps", eps.get(v));
            }
        }
        if (latency != null) {
            o.put("offered_rate", latency.offeredRate());
            o.put("achieved_rate", Math.round(latency.achievedRate()));
            o.put("processed_rate", Math.round(latency.processedRate()));
            putNumber(o, "latency_seconds", latency.seconds());
            putLatency(o.putObject("latency_ms"), latency.all());
            putLatency(o.putObject("alert_latency_ms"), latency.alerts());
            if (!latency.hops().isEmpty()) {
                ObjectNode hops = o.putObject("hop_latency_ms");
                latency.hops().forEach((hop, p) -> putLatency(hops.putObject(hop), p));
            }
        }
        putNumber(o, "load_average", loadAverage);
        o.put("cores", cores);
        return o;
    }

    /** The human-readable report: one row per variant, the ratios, the latency percentiles. */
    public String table() {
        Map<Variant, Double> eps = eventsPerSecond();
        double base = eps.getOrDefault(Variant.BASELINE, Double.NaN);
        double pass = eps.getOrDefault(Variant.PASSTHROUGH, Double.NaN);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %,d events over %,d keys, %d partitions, exactly-once, commit interval %d ms,"
                + " %d warm-up round%s%n%n", spec, events, keys, partitions, commitIntervalMs, warmupRounds,
                warmupRounds == 1 ? "" : "s"));
        b.append(String.format(Locale.ROOT, "%-12s %12s %12s %14s   %s%n", "variant", "events/s", "/ baseline", "/ passthrough",
                "rounds (min - max)"));
        Map<Variant, List<Double>> byRound = eventsPerSecondByRound();
        eps.forEach((v, r) -> b.append(String.format(Locale.ROOT, "%-12s %,12.0f %12.2f %14.2f   %,.0f - %,.0f%n", v.label(), r,
                r / base, r / pass, Collections.min(byRound.get(v)), Collections.max(byRound.get(v)))));
        b.append(String.format(Locale.ROOT, "%nratio monitor / baseline: %.2f%n", ratio()));
        if (latency != null) {
            LatencyHistogram.Percentiles a = latency.all();
            LatencyHistogram.Percentiles al = latency.alerts();
            b.append(String.format(Locale.ROOT, "%nlatency at %,d events/s offered (%,.0f sent, %,.0f processed per s, %.0f s):%n",
                    latency.offeredRate(), latency.achievedRate(), latency.processedRate(), latency.seconds()));
            b.append(String.format(Locale.ROOT, "  all outputs (%,d): p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms%n",
                    a.count(), a.p50(), a.p99(), a.p999(), a.max()));
            b.append(String.format(Locale.ROOT, "  alert events (%,d): p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms%n",
                    al.count(), al.p50(), al.p99(), al.p999(), al.max()));
            latency.hops().forEach((hop, p) -> b.append(String.format(Locale.ROOT,
                    "  each interval's %s record readable in %s (%,d): p50 %d ms, p99 %d ms, max %d ms%n",
                    hop.endsWith("_last") ? "last" : "first", hop.replace("_last", ""), p.count(), p.p50(), p.p99(), p.max())));
        }
        b.append(String.format(Locale.ROOT, "%nload average %.2f on %d cores%n", loadAverage, cores));
        return b.toString();
    }

    private static void putLatency(ObjectNode o, LatencyHistogram.Percentiles p) {
        o.put("p50", p.p50());
        o.put("p99", p.p99());
        o.put("p999", p.p999());
        o.put("max", p.max());
        o.put("count", p.count());
    }

    private static void putRate(ObjectNode o, String field, Double rate) {
        if (rate != null) {
            o.put(field, Math.round(rate));
        }
    }

    /** {@code x} to three decimals, or null when it is not finite (a variant that did not run). */
    private static void putNumber(ObjectNode o, String field, double x) {
        if (Double.isFinite(x)) {
            o.put(field, Math.round(x * 1000) / 1000.0);
        } else {
            o.putNull(field);
        }
    }

    static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
