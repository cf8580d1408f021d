package io.entroflow.bench;

import io.entroflow.app.bench.BenchPlans;
import io.entroflow.app.files.Directories;
import io.entroflow.app.bench.LatencyHistogram;
import io.entroflow.app.bench.LatencyRun;
import io.entroflow.app.bench.ProgressLine;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.MonitorSpecLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Soak: the monitor for {@code minutes} at a fixed offered rate, one row per {@code every} (default a
 * minute): heap after a full GC, events/s processed, and the event-to-output latency percentiles of
 * the outputs that arrived in that minute. The run is {@code entroflow bench}'s latency run
 * ({@link LatencyRun}: the monitor as {@code entroflow run} runs it, exactly-once, commit interval 200 ms,
 * demo events paced at their event times over {@code keys} keys, a {@code read_committed} probe of the
 * aggregates and alert events), with the embedded broker in the same JVM, so the heap is the whole
 * JVM's: broker, producer and probe (bounded buffers) and the monitor.
 *
 * <p>Arguments ({@code name=value}): {@code minutes=30}, {@code rate=5000} (events/s), {@code keys=1000},
 * {@code spec=deploy/examples/demo.yaml}, {@code every=60s}, {@code out=bench/target/soak} (writes
 * {@code .csv} and {@code .png}).
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -Xmx2g -XX:+ExitOnOutOfMemoryError
 * -cp bench/target/benchmarks.jar io.entroflow.bench.SoakBenchmark minutes=30 rate=5000}
 */
public final class SoakBenchmark {
    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args);
        int minutes = Integer.parseInt(a.getOrDefault("minutes", "30"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "5000"));
        int keys = Integer.parseInt(a.getOrDefault("keys", "1000"));
        Duration every = Duration.parse("PT" + a.getOrDefault("every", "60s").toUpperCase(Locale.ROOT));
        Path specFile = Path.of(a.getOrDefault("spec", "deploy/examples/demo.yaml"));
        String out = a.getOrDefault("out", "bench/target/soak");
        MonitorSpec spec = MonitorSpecLoader.load(specFile);
        BenchPlans.requireSingleTopic(spec);
        SampleTable table = new SampleTable(Path.of(out + ".csv"), List.of("minute", "heap_after_gc_mb", "processed_eps",
                "outputs", "p50_ms", "p99_ms", "p999_ms", "max_ms"));
        System.err.printf(Locale.ROOT, "soak: %s for %d min at %,d events/s over %,d keys, -Xmx %d MB%n", specFile, minutes,
                rate, keys, HeapAfterGc.maxBytes() >> 20);
        Path dir = Files.createTempDirectory("bench-soak");
        LatencyRun.Result r;
        try (KafkaTarget kafka = KafkaTarget.open(null, null, dir, System.err, Duration.ofSeconds(30))) {
            r = new LatencyRun(kafka, dir.resolve("state"), 2).run(spec, "soak", rate, keys, 7, Duration.ofSeconds(10),
                    Duration.ofMinutes(minutes), ProgressLine.to(System.err), every, s -> {
                        LatencyHistogram.Percentiles p = s.latency();
                        try {
                            table.add(s.atSeconds() / 60.0, HeapAfterGc.bytes() / 1048576.0, Math.round(s.processedPerSec()),
                                    p.count(), p.p50(), p.p99(), p.p999(), p.max());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } finally {
            Directories.deleteRecursively(dir);
        }
        LatencyHistogram.Percentiles all = r.all();
        System.out.printf(Locale.ROOT, "%nwhole run: %,d events/s offered, %,.0f sent/s, %,.0f processed/s; latency of %,d outputs:"
                        + " p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms%n", r.offeredRate(), r.achievedRate(), r.processedRate(),
                all.count(), all.p50(), all.p99(), all.p999(), all.max());
        table.chart(Path.of(out + ".png"), String.format(Locale.ROOT, "Soak: %s at %,d events/s offered, %,d keys",
                        specFile.getFileName(), rate, keys), "heap after GC (MB)",
                List.of("heap_after_gc_mb"), "latency (ms)", List.of("p50_ms", "p99_ms", "p999_ms"));
        System.out.println("written: " + out + ".csv, " + out + ".png");
    }
}
