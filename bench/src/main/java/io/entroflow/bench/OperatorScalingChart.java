package io.entroflow.bench;

import io.entroflow.app.bench.BenchResult;
import io.entroflow.app.files.Directories;
import io.entroflow.app.bench.LatencyHistogram;
import io.entroflow.app.bench.ProgressLine;
import io.entroflow.app.bench.StreamsBench;
import io.entroflow.app.bench.ThroughputRun;
import io.entroflow.app.bench.Variant;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput and latency of the monitor against the number of operators on one signal (1, 4, 16
 * Shannon entropies of {@code /kind}, sliding count windows of 200, 250, ... events), measured
 * with {@code entroflow bench}'s runs ({@link StreamsBench}: demo events over 1,000 keys, key
 * taken from the field {@code /key} as in the demo spec, exactly-once, commit interval 200 ms), and
 * drawn with XChart:
 * <ul>
 *   <li>{@code <dir>/bench-throughput-vs-operators.png}: events/s of the baseline (parse + repartition
 *       + write) and of the monitor, per operator count;</li>
 *   <li>{@code <dir>/bench-latency-vs-operators.png}: event-to-output latency p50, p99, p99.9 at the
 *       fixed offered rate, per operator count.</li>
 * </ul>
 * The figures are also printed as a table and written as CSV next to the charts.
 *
 * <p>Arguments ({@code name=value}): {@code dir=docs}, {@code events=300000}, {@code keys=1000},
 * {@code rate=20000}, {@code latency=30s} (measured part; 10 s of warm-up before it),
 * {@code operators=1,4,16}, {@code rounds=3} (throughput: medians of round-robin rounds); {@code from=CSV} redraws the charts from an earlier run's CSV (give the same
 * {@code events}, {@code keys}, {@code rate} for the titles).
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -Xmx2g -cp bench/target/benchmarks.jar
 * io.entroflow.bench.OperatorScalingChart dir=docs}
 */
public final class OperatorScalingChart {
    private OperatorScalingChart() {
    }

    /** The spec with {@code n} entropy operators on the one signal {@code kind}. */
    static MonitorSpec spec(int n) {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ops.append(String.format(Locale.ROOT, "  - {name: h%d, type: entropy, signal: kind, window: {count: %d}}%n",
                    i + 1, 200 + 50 * i));
        }
        String yaml = """
                monitor: ops%d
                input: {topics: [ops-events], key: {field: /key}, time: {field: /ts}, lateness: 2s}
                signals:
                  - {name: kind, kind: categorical, field: /kind, values: [a, b, c, d, e, f, g, h]}
                operators:
                %s
                aggregates: {interval: 500ms}
                """.formatted(n, ops.toString().stripTrailing());
        return MonitorSpecLoader.parse("ops" + n, yaml);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args);
        Path out = Path.of(a.getOrDefault("dir", "docs"));
        long events = Long.parseLong(a.getOrDefault("events", "300000"));
        int keys = Integer.parseInt(a.getOrDefault("keys", "1000"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "20000"));
        Duration latency = Duration.parse("PT" + a.getOrDefault("latency", "30s").toUpperCase(Locale.ROOT));
        // medians of round-robin rounds: a first round measures the JIT as much as the topology
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        List<Integer> counts = new ArrayList<>();
        for (String c : a.getOrDefault("operators", "1,4,16").split(",")) {
            counts.add(Integer.parseInt(c.trim()));
        }
        Files.createDirectories(out);
        if (a.containsKey("from")) { // redraw from a CSV of an earlier run
            draw(out, Files.readString(Path.of(a.get("from"))), events, keys, rate);
            return;
        }
        Path dir = Files.createTempDirectory("bench-operators");
        ProgressLine progress = ProgressLine.to(System.err);
        List<BenchResult> results = new ArrayList<>();
        try (KafkaTarget kafka = KafkaTarget.open(null, null, dir, System.err, Duration.ofSeconds(30))) {
            for (int n : counts) {
                MonitorSpec spec = spec(n);
                StreamsBench.Options o = new StreamsBench.Options(spec, n + " operators", events, keys, rate, 7, 2, rounds,
                        List.of(Variant.BASELINE, Variant.MONITOR), Duration.ofSeconds(10), latency, Duration.ofMinutes(30));
                BenchResult r = new StreamsBench(kafka, dir.resolve("state")).run(o, progress, new ThroughputRun.Listener() { });
                System.out.print(r.table());
                results.add(r);
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
        StringBuilder csv = new StringBuilder("operators,baseline_eps,monitor_eps,ratio,p50_ms,p99_ms,p999_ms,max_ms,load_average\n");
        for (int i = 0; i < counts.size(); i++) {
            BenchResult r = results.get(i);
            LatencyHistogram.Percentiles l = r.latency().all();
            Map<Variant, Double> eps = r.eventsPerSecond();
            csv.append(String.format(Locale.ROOT, "%d,%.0f,%.0f,%.3f,%d,%d,%d,%d,%.2f%n", counts.get(i),
                    eps.get(Variant.BASELINE), eps.get(Variant.MONITOR), r.ratio(), l.p50(), l.p99(), l.p999(), l.max(),
                    r.loadAverage()));
        }
        Files.writeString(out.resolve("bench-vs-operators.csv"), csv);
        System.out.print("\n" + csv);
        draw(out, csv.toString(), events, keys, rate);
    }

    /** Draws the two charts into {@code out} from the CSV text this class writes ({@code from=CSV} redraws them). */
    static void draw(Path out, String csv, long events, int keys, int rate) throws java.io.IOException {
        List<String> x = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        List<Double> monitor = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> p999 = new ArrayList<>();
        for (String line : csv.strip().split("\n")) {
            String[] f = line.split(",");
            if (f[0].equals("operators")) {
                continue;
            }
            x.add(f[0]);
            baseline.add(Double.parseDouble(f[1]));
            monitor.add(Double.parseDouble(f[2]));
            p50.add(Double.parseDouble(f[4]));
            p99.add(Double.parseDouble(f[5]));
            p999.add(Double.parseDouble(f[6]));
        }
        CategoryChart throughput = new CategoryChartBuilder().width(900).height(500)
                .title(String.format(Locale.ROOT, "Throughput, %,d events over %,d keys, exactly-once", events, keys))
                .xAxisTitle("entropy operators on /kind").yAxisTitle("events/s").build();
        throughput.addSeries("baseline (parse, repartition, write)", x, baseline);
        throughput.addSeries("monitor", x, monitor);
        BitmapEncoder.saveBitmap(throughput, out.resolve("bench-throughput-vs-operators.png").toString(),
                BitmapEncoder.BitmapFormat.PNG);
        CategoryChart lat = new CategoryChartBuilder().width(900).height(500)
                .title(String.format(Locale.ROOT, "Event-to-output latency at %,d events/s offered", rate))
                .xAxisTitle("entropy operators on /kind").yAxisTitle("latency, ms (commit interval 200 ms)").build();
        lat.addSeries("p50", x, p50);
        lat.addSeries("p99", x, p99);
        lat.addSeries("p99.9", x, p999);
        BitmapEncoder.saveBitmap(lat, out.resolve("bench-latency-vs-operators.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("charts written to " + out.resolve("bench-throughput-vs-operators.png") + " and "
                + out.resolve("bench-latency-vs-operators.png"));
    }
}
