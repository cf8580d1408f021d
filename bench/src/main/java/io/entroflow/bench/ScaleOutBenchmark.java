package io.entroflow.bench;

import io.entroflow.app.broker.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale-out on Kafka Streams' own model: 1, 2, ... instances of one monitor, each an
 * {@code entroflow run} in its own JVM (this JVM's classpath) with its own data directory, consume one
 * pre-produced input topic of {@code partitions} partitions from the start, exactly-once, on an
 * embedded broker in this JVM. Reports per instance count the events/s of the whole group (first
 * status line with events in to the one where processed + dead-lettered reach the input's size, read
 * from the instances' status lines every 250 ms) and per instance.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.entroflow.bench.ScaleOutBenchmark events=300000 keys=1000 partitions=6 instances=1,2,3
 * }</pre>
 *
 * The spec is keyed by a field (re-key topic), with count, time, decay and cumulative windows and a
 * transfer entropy: the workload of {@code MultiInstanceIT}. On a machine with fewer cores than
 * instances plus the broker, more instances cannot go faster; the figure then shows the overhead of
 * spreading the work (more tasks, more transactions), not the gain.
 */
public final class ScaleOutBenchmark {
    private static final Pattern DONE = Pattern.compile("processed (\\d+), dead-lettered (\\d+)");

    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int events = Integer.parseInt(a.getOrDefault("events", "300000"));
        int keys = Integer.parseInt(a.getOrDefault("keys", "1000"));
        int partitions = Integer.parseInt(a.getOrDefault("partitions", "6"));
        List<Integer> counts = java.util.Arrays.stream(a.getOrDefault("instances", "1,2,3").split(","))
                .map(Integer::parseInt).toList();
        Path dir = Files.createTempDirectory("bench-scale");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), Duration.ofSeconds(120))) {
            try (Admin admin = Admin.create(kafka.clientConfig())) {
                admin.createTopics(List.of(new NewTopic("scale-events", partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            produce(kafka.bootstrapServers(), events, keys);
            System.out.printf(Locale.ROOT, "%,d events over %,d keys in %d partitions produced%n", events, keys, partitions);
            System.out.printf(Locale.ROOT, "%-10s %12s %14s %10s%n", "instances", "events/s", "per instance", "seconds");
            for (int n : counts) {
                double[] r = run(kafka.bootstrapServers(), dir, "scale" + n, n, events);
                System.out.printf(Locale.ROOT, "%-10d %,12.0f %,14.0f %10.1f%n", n, r[0], r[0] / n, r[1]);
            }
        }
    }

    /** Runs {@code n} instances until they have processed or dead-lettered {@code events}; returns {events/s, seconds}. */
    private static double[] run(String bootstrap, Path dir, String monitor, int n, int events) throws Exception {
        Path spec = dir.resolve(monitor + ".yaml");
        Files.writeString(spec, spec(monitor));
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Path log = dir.resolve(monitor + "-" + i + ".log");
                logs.add(log);
                processes.add(new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                        "-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.entroflow.app.cli.EntroflowCli", "run",
                        "--config", spec.toString(), "--bootstrap-servers", bootstrap, "--data-dir",
                        dir.resolve(monitor + "-" + i).toString(), "--status-every", "250ms", "--http-port", "0",
                        "--no-output-latency").redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
            long first = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (System.nanoTime() < deadline) {
                long done = 0;
                for (Path log : logs) {
                    done += done(log);
                }
                if (first == 0 && done > 0) {
                    first = System.nanoTime();
                }
                if (done >= events) {
                    double seconds = (System.nanoTime() - first) / 1e9;
                    return new double[]{events / seconds, seconds};
                }
                for (Process p : processes) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(monitor + ": an instance exited; see " + logs);
                    }
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException(monitor + ": not done within 30 min; see " + logs);
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                p.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Processed + dead-lettered of the last status line of {@code log}. */
    private static long done(Path log) throws IOException {
        long last = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = DONE.matcher(line);
            if (line.contains(" | events in ") && m.find()) {
                last = Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
            }
        }
        return last;
    }

    private static void produce(String bootstrap, int events, int keys) {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        Random r = new Random(1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            long t0 = 1_700_000_000_000L;
            for (int i = 0; i < events; i++) {
                String key = "k" + r.nextInt(keys);
                long ts = t0 + i / 10;
                producer.send(new ProducerRecord<>("scale-events", null, ts, key, "{\"ts\":" + ts + ",\"key\":\"" + key
                        + "\",\"kind\":\"" + "abcd".charAt(r.nextInt(4)) + "\",\"x\":\"" + r.nextInt(4) + "\",\"y\":\""
                        + r.nextInt(4) + "\",\"amount\":" + r.nextInt(100) + "}"));
            }
            producer.flush();
        }
    }

    private static String spec(String name) {
        return """
                monitor: %1$s
                input:
                  topics: [scale-events]
                  key: {field: /key}
                  time: {field: /ts}
                  lateness: 1s
                signals:
                  - {name: kind, kind: categorical, field: /kind, values: [a, b, c, d]}
                  - {name: x, kind: categorical, field: /x, values: ["0", "1", "2", "3"]}
                  - {name: y, kind: categorical, field: /y, values: ["0", "1", "2", "3"]}
                  - {name: amount, kind: numeric, field: /amount, symbolize: {method: bins, bins: 4, min: 0, max: 100}}
                operators:
                  - {name: kind-count, type: entropy, signal: kind, window: {count: 100}}
                  - {name: kind-time, type: entropy, signal: kind, window: {time: 2s}}
                  - {name: kind-decay, type: entropy, signal: kind, window: {decay: {half-life: 64}}}
                  - {name: amount-all, type: entropy, signal: amount, window: {cumulative: true}}
                  - {name: x-to-y, type: transfer-entropy, signals: [x, y], window: {count: 100}}
                aggregates: {interval: 10s}
                rules:
                  - {name: kind-low, operator: kind-count, threshold: {below: 1.0, exit: 1.5}, min-events: 100}
                """.formatted(name);
    }
}
