package io.entroflow.bench;

import io.entroflow.app.demo.DemoStream;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorTopology;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Detection delay at equal false-alarm rate through the whole monitor (parse &rarr; signals &rarr;
 * the demo's {@code kind-entropy} operator, a count window of 50 events &rarr; rules), on the demo
 * generator's streams in a {@link TopologyTestDriver}: fixed thresholds, conformal rules and CUSUM
 * rules of several settings (their detector on the stride points, the default, or on every
 * aggregate) all watch the same aggregates in one monitor. False alarms: FIRINGs on
 * the null stream ({@code generate demo --no-changes}: 3 seeds &times; 600 s, 4 keys, 2 key-hours).
 * Delay: from the planted entropy collapse of svc-a (at 30% of a 400 s stream, 6 seeds) to the
 * rule's first FIRING for svc-a at or after it. Prints the table of docs/alerts.md and draws
 * docs/alerts-demo-delay.png (XChart).
 *
 * <p>Workload: 0.84 million events through the monitor (3 null runs of 120,000, 6 planted runs of 80,000).
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -cp bench/target/benchmarks.jar io.entroflow.bench.CalibratedDemoDelay docs/alerts-demo-delay.png}
 */
public final class CalibratedDemoDelay {
    private static final long START = 1_700_000_000_000L;
    private static final int RATE = 200;

    /** One rule setting: its family (a chart series), its name and its YAML. */
    private record Setting(String family, String name, String label, String yaml) {
    }

    private CalibratedDemoDelay() {
    }

    private static List<Setting> settings() {
        List<Setting> s = new ArrayList<>();
        int i = 0;
        for (double c : new double[] {1.6, 1.9, 2.1, 2.2, 2.3, 2.4}) {
            String name = "t" + i++;
            s.add(new Setting("fixed threshold, for 1s", name, "below " + c,
                    "- {name: " + name + ", operator: h, for: 1s, threshold: {below: " + c + "}}"));
        }
        for (double[] na : new double[][] {{19, 0.05}, {39, 0.025}, {59, 1.0 / 60}, {99, 0.01}}) {
            String name = "c" + i++;
            s.add(new Setting("conformal (low), for 1s", name, "N = " + (int) na[0] + ", alpha = "
                    + String.format(Locale.ROOT, "%.4f", na[1]),
                    "- {name: " + name + ", operator: h, for: 1s, conformal: {side: low, calibration: " + (int) na[0]
                            + ", alpha: " + na[1] + "}}"));
        }
        for (double arl0 : new double[] {1e3, 1e4, 1e5, 1e6, 1e8}) {
            String name = "s" + i++;
            s.add(new Setting("CUSUM (low, shift 2 sd, baseline 40), stride = window", name, "arl0 "
                    + String.format(Locale.ROOT, "%.0e", arl0),
                    "- {name: " + name + ", operator: h, change-point: {method: cusum, side: low, baseline: 40, shift: 2, arl0: "
                            + arl0 + "}}"));
        }
        for (double arl0 : new double[] {1e4, 1e8}) {
            String name = "o" + i++;
            s.add(new Setting("CUSUM (low, shift 2 sd, baseline 40), every aggregate (stride: 1)", name, "arl0 "
                    + String.format(Locale.ROOT, "%.0e", arl0),
                    "- {name: " + name + ", operator: h, change-point: {method: cusum, side: low, baseline: 40, shift: 2, stride: 1, arl0: "
                            + arl0 + "}}"));
        }
        return s;
    }

    private static String spec(List<Setting> settings) {
        StringBuilder rules = new StringBuilder();
        settings.forEach(s -> rules.append("  ").append(s.yaml()).append('\n'));
        return """
                monitor: delay
                input:
                  topics: [demo-events]
                  key: {field: /key}
                  time: {field: /ts}
                  lateness: 2s
                signals:
                  - {name: kind, kind: categorical, field: /kind, values: [a, b, c, d, e, f, g, h]}
                operators:
                  - {name: h, type: entropy, signal: kind, window: {count: 50}}
                aggregates: {interval: 500ms}
                rules:
                """ + rules;
    }

    /** The FIRING records of one stream through the monitor. */
    private static List<AlertRecord> firings(MonitorPlan plan, DemoStream stream) throws IOException {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "delay");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-delay").toString());
        List<AlertRecord> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(MonitorTopology.build(plan, new MonitorCounters()), p)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("demo-events", new ByteArraySerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, AlertRecord> alerts = driver.createOutputTopic("delay-alert-events",
                    new StringDeserializer(), JsonSerde.of(AlertRecord.class).deserializer());
            int n = 0;
            while (stream.hasNext()) {
                DemoStream.Event e = stream.next();
                in.pipeInput(null, e.json().getBytes(StandardCharsets.UTF_8), Instant.ofEpochMilli(e.time()));
                if (++n % 10_000 == 0) {
                    keepFirings(alerts.readValuesToList(), out);
                }
            }
            keepFirings(alerts.readValuesToList(), out);
        }
        return out;
    }

    private static void keepFirings(List<AlertRecord> records, List<AlertRecord> out) {
        records.stream().filter(a -> a.status().equals(AlertRecord.FIRING)).forEach(out::add);
    }

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        System.setProperty("java.awt.headless", "true");
        Path png = Path.of(args.length > 0 ? args[0] : "docs/alerts-demo-delay.png");
        List<Setting> settings = settings();
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan("delay",
                MonitorSpecLoader.parse("delay", spec(settings)));
        Map<String, Integer> falseFirings = new LinkedHashMap<>();
        long nullSeconds = 600;
        long[] nullSeeds = {11, 12, 13};
        for (long seed : nullSeeds) {
            for (AlertRecord a : firings(plan, new DemoStream(seed, START, nullSeconds * 1000, RATE, false))) {
                falseFirings.merge(a.labels().get("rule"), 1, Integer::sum);
            }
        }
        double keyHours = nullSeeds.length * nullSeconds * DemoStream.KEYS.size() / 3600.0;
        Map<String, double[]> delays = new LinkedHashMap<>(); // rule -> {sum, detected}
        long[] plantedSeeds = {1, 2, 3, 4, 5, 6};
        for (long seed : plantedSeeds) {
            DemoStream stream = new DemoStream(seed, START, 400_000, RATE, true);
            long at = stream.planted().get(0).at();
            Map<String, Long> first = new LinkedHashMap<>();
            for (AlertRecord a : firings(plan, stream)) {
                long t = Instant.parse(a.startsAt()).toEpochMilli();
                if (a.labels().get("key").equals("svc-a") && t >= at) {
                    first.merge(a.labels().get("rule"), t, Math::min);
                }
            }
            first.forEach((rule, t) -> {
                double[] d = delays.computeIfAbsent(rule, k -> new double[2]);
                d[0] += (t - at) / 1000.0;
                d[1]++;
            });
        }
        System.out.printf("## Delay at equal false-alarm rate on the demo streams (kind-entropy, count 50, aggregates every 500 ms)%n%n");
        System.out.println("| rule | setting | false FIRINGs (null, " + String.format("%.1f", keyHours)
                + " key-hours) | per key-hour | entropy collapse detected | mean delay (s) |");
        System.out.println("|---|---|---|---|---|---|");
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Demo entropy collapse: delay against false alarms, whole monitor")
                .xAxisTitle("false FIRINGs per key-hour (null demo stream)").yAxisTitle("mean delay to FIRING (s)").build();
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Setting s : settings) {
            int f = falseFirings.getOrDefault(s.name(), 0);
            double[] d = delays.getOrDefault(s.name(), new double[2]);
            double mean = d[1] == 0 ? Double.NaN : d[0] / d[1];
            System.out.printf("| %s | %s | %d | %.1f | %d / %d | %.2f |%n", s.family(), s.label(), f, f / keyHours,
                    (int) d[1], plantedSeeds.length, mean);
            if (d[1] == plantedSeeds.length) {
                series.computeIfAbsent(s.family(), k -> new ArrayList<>()).add(new double[] {f / keyHours, mean});
            }
        }
        series.forEach((family, points) -> {
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            chart.addSeries(family, points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray()).setMarker(SeriesMarkers.CIRCLE);
        });
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println();
        System.out.println("wrote " + png);
    }
}
