package io.entroflow.bench;

import io.entroflow.app.files.Directories;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.stream.DeadLetterProcessingHandler;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorTopology;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Many distinct keys through the whole monitor in this JVM, without a broker: the processors and
 * their RocksDB stores run under Kafka Streams' {@link TopologyTestDriver} (one task), fed as fast as
 * they take the events, so what is measured is the monitor's own heap, work and state per key, not
 * a broker's. Event i belongs to key {@code k<i mod keys>} ({@link ManyKeysBenchmark#event}), at
 * {@code rate} events per second of event time ending now. Every {@code sample} events it prints and
 * appends to a CSV: seconds, events, keys seen, events/s over the sample, heap after a full GC
 * ({@link HeapAfterGc}) and the state directory's size; the outputs the driver captured (aggregates,
 * alerts, changelog records) are read and dropped after each batch, as a broker would take them.
 *
 * <p>Arguments ({@code name=value}): {@code keys=10000000}, {@code events=<keys>},
 * {@code spec=deploy/examples/payments.yaml}, {@code rate=20000}, {@code sample=100000},
 * {@code minutes=120} (stop after), {@code out=bench/target/many-keys-in-process} (writes {@code .csv}
 * and {@code .png}). Run: {@code java -Xmx2g -XX:+ExitOnOutOfMemoryError -cp bench/target/benchmarks.jar
 * io.entroflow.bench.ManyKeysInProcessBenchmark keys=10000000}.
 */
public final class ManyKeysInProcessBenchmark {
    private static final int BATCH = 2_000;

    private ManyKeysInProcessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args);
        long keys = Long.parseLong(a.getOrDefault("keys", "10000000"));
        long events = Long.parseLong(a.getOrDefault("events", Long.toString(keys)));
        Path specFile = Path.of(a.getOrDefault("spec", "deploy/examples/payments.yaml"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "20000"));
        long sample = Long.parseLong(a.getOrDefault("sample", "100000"));
        long limitNanos = Long.parseLong(a.getOrDefault("minutes", "120")) * 60_000_000_000L;
        String out = a.getOrDefault("out", "bench/target/many-keys-in-process");
        MonitorSpec spec = MonitorSpecLoader.load(specFile);
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan(specFile.toString(), spec);
        SampleTable table = new SampleTable(Path.of(out + ".csv"), List.of("seconds", "events", "keys_seen",
                "events_per_s", "heap_after_gc_mb", "state_dir_mb"));
        System.err.printf(Locale.ROOT, "many keys in process: %s, %,d events over %,d keys, emit %s, expire-after %s, "
                        + "cache-keys %d, -Xmx %d MB%n", specFile, events, keys, spec.aggregates().emit(),
                spec.aggregates().expireAfter(), spec.aggregates().cacheKeys(), HeapAfterGc.maxBytes() >> 20);
        Path stateDir = Files.createTempDirectory("bench-keys-state");
        MonitorCounters counters = new MonitorCounters();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "entroflow-bench-keys-in-process");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        DeadLetterProcessingHandler.configure(p, plan.spec().outputs().deadLetter(), counters);
        String end = "all events processed";
        try (TopologyTestDriver driver = new TopologyTestDriver(MonitorTopology.build(plan, counters), p)) {
            TestInputTopic<String, String> input = driver.createInputTopic(spec.input().topics().get(0),
                    new StringSerializer(), new StringSerializer());
            SplittableRandom r = new SplittableRandom(7);
            long start = ManyKeysBenchmark.startTime(events, rate, plan.intervalMillis());
            long t0 = System.nanoTime();
            long lastAt = t0;
            long last = 0;
            for (long i = 0; i < events; i++) {
                String key = "k" + (i % keys);
                long ts = ManyKeysBenchmark.eventTime(start, i, rate);
                input.pipeInput(key, ManyKeysBenchmark.event(r, key, ts), Instant.ofEpochMilli(ts));
                if ((i + 1) % BATCH == 0) {
                    drain(driver);
                }
                if ((i + 1) % sample == 0 || i + 1 == events) {
                    drain(driver);
                    long now = System.nanoTime();
                    table.add((now - t0) / 1e9, i + 1, Math.min(i + 1, keys), (i + 1 - last) / ((now - lastAt) / 1e9),
                            HeapAfterGc.bytes() / 1048576.0, Directories.size(stateDir) / 1048576.0);
                    last = i + 1;
                    lastAt = System.nanoTime(); // the GC and the directory walk are not the monitor's time
                    if (now - t0 > limitNanos) {
                        end = "time limit after " + (i + 1) + " events";
                        break;
                    }
                }
            }
        } finally {
            Directories.deleteRecursively(stateDir);
        }
        System.out.println("end: " + end + "; processed " + counters.eventsProcessed() + ", dead-lettered "
                + counters.eventsDeadLettered());
        table.chart(Path.of(out + ".png"), String.format(Locale.ROOT, "%s in process: %,d keys, -Xmx %d MB",
                specFile.getFileName(), keys, HeapAfterGc.maxBytes() >> 20), "heap after GC, state dir (MB)",
                List.of("heap_after_gc_mb", "state_dir_mb"), "events/s", List.of("events_per_s"));
        System.out.println("written: " + out + ".csv, " + out + ".png");
    }

    /** Reads and drops every record the driver captured (outputs and changelogs), as a broker would take them. */
    private static void drain(TopologyTestDriver driver) {
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        for (String topic : driver.producedTopicNames()) {
            driver.createOutputTopic(topic, bytes, bytes).readRecordsToList();
        }
    }
}
