package io.entroflow.bench;

import io.entroflow.app.files.Directories;
import io.entroflow.app.bench.LatencyRun;
import io.entroflow.app.bench.ProgressLine;
import io.entroflow.app.bench.StreamsBench;
import io.entroflow.app.bench.ThroughputRun;
import io.entroflow.app.bench.Variant;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.schemas.spec.Durations;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import one.profiler.AsyncProfiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An HTML flame graph of the monitor under {@code entroflow bench}'s throughput load, taken with
 * async-profiler ({@code tools.profiler:async-profiler}, whose jar carries the native library): the
 * bench's events are produced, one throughput run of {@code variant} (default the whole monitor)
 * reads them, and the profiler samples the Kafka Streams stream threads (or every thread) from the
 * run's first record to its last, so start-up, the producer and, with {@code threads=stream}, the
 * embedded broker in the same JVM are left out.
 *
 * <p>Arguments ({@code name=value}): {@code out=FILE.html} (required), {@code spec=FILE} (default
 * {@code deploy/examples/demo.yaml}), {@code events=500000}, {@code keys=1000}, {@code rate=20000} (events/s of
 * event time), {@code variant=monitor} (any {@link Variant}), {@code event=cpu} (an async-profiler event:
 * {@code cpu}, {@code itimer}, {@code wall}, {@code alloc}, ...; {@code cpu} falls back to {@code itimer} where
 * perf events are not allowed), {@code interval=1ms} (sampling interval for cpu/itimer/wall),
 * {@code threads=stream|all}, {@code warmup=0} (unprofiled runs of the variant before the profiled one: the JIT
 * compiles most of the code during a first run, and its compiler threads then take much of the samples of
 * {@code threads=all}), {@code collapsed=FILE} (also the stacks in collapsed form, one line per stack with its
 * samples, for scripts).
 *
 * <p>Besides {@code out}, writes {@code <out>-top.txt}: the 40 hottest methods by self time (async-profiler's
 * flat profile; percentages of all samples, the stream threads' listed). Threads are told apart by async-profiler's
 * {@code threads} option (a frame per thread name), and {@code include=*StreamThread*} keeps the stream threads.
 *
 * <p>{@code latency=DURATION} (e.g. {@code 30s}) profiles the latency run instead of a throughput run: the
 * whole monitor at {@code rate} events/s, as {@code entroflow bench} measures its latency, sampled during
 * the measured part only (after {@code latency-warmup=10s}). There the stream threads wait for records and
 * commits as much as they compute, so {@code event=wall} shows where an output's time goes (a stream thread's
 * polls, processing and commits side by side), {@code event=cpu} what the threads compute.
 * {@code kafka-config=FILE} passes Kafka Streams properties (e.g. {@code num.stream.threads=2}),
 * {@code partitions=2} the bench topics' partitions.
 *
 * <p>Run (one command; builds the jar and passes the JVM flags that make frames exact):
 * {@code bench/flamegraph.sh out=docs/flamegraphs/monitor-after.html}
 */
public final class FlameGraphBench {
    private FlameGraphBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args);
        String out = a.get("out");
        if (out == null || !out.endsWith(".html")) {
            throw new IllegalArgumentException("out: expected an .html file to write, got " + out);
        }
        Path specFile = Path.of(a.getOrDefault("spec", "deploy/examples/demo.yaml"));
        MonitorSpec spec = MonitorSpecLoader.load(specFile);
        long events = Long.parseLong(a.getOrDefault("events", "500000"));
        int keys = Integer.parseInt(a.getOrDefault("keys", "1000"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "20000"));
        Variant variant = Variant.valueOf(a.getOrDefault("variant", "monitor").toUpperCase(java.util.Locale.ROOT));
        String event = a.getOrDefault("event", "cpu");
        String interval = a.getOrDefault("interval", "1ms");
        boolean allThreads = "all".equals(a.getOrDefault("threads", "stream"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "0"));
        Duration latency = Duration.ofMillis(Durations.parseMillis("latency", a.getOrDefault("latency", "0s")));
        Duration latencyWarmup = Duration.ofMillis(Durations.parseMillis("latency-warmup",
                a.getOrDefault("latency-warmup", "10s")));
        int partitions = Integer.parseInt(a.getOrDefault("partitions", "2"));
        Path kafkaConfig = a.containsKey("kafka-config") ? Path.of(a.get("kafka-config")) : null;
        boolean profileLatency = !latency.isZero();
        Path outFile = Path.of(out).toAbsolutePath();
        Files.createDirectories(outFile.getParent());

        AsyncProfiler profiler = AsyncProfiler.getInstance();
        Path dir = Files.createTempDirectory("bench-flame");
        ProgressLine progress = ProgressLine.to(System.err);
        try (KafkaTarget kafka = KafkaTarget.open(null, kafkaConfig, dir, System.err, Duration.ofSeconds(30))) {
            // profiling the latency run: no throughput runs, but the warm-up rounds still compile the monitor's code
            StreamsBench.Options o = new StreamsBench.Options(spec, specFile.toString(), events, keys, rate, 7, partitions,
                    profileLatency ? 0 : 1, List.of(variant), latencyWarmup, latency, Duration.ofMinutes(30), false,
                    warmup);
            Path collapsed = a.containsKey("collapsed") ? Path.of(a.get("collapsed")).toAbsolutePath() : null;
            Profiling profiling = new Profiling(profiler, event, interval, allThreads, outFile, collapsed, progress,
                    profileLatency ? 0 : warmup);
            ThroughputRun.Listener throughputListener = profileLatency ? new ThroughputRun.Listener() { } : profiling;
            LatencyRun.Listener latencyListener = profileLatency ? profiling : LatencyRun.Listener.NONE;
            new StreamsBench(kafka, dir.resolve("state")).run(o, progress, throughputListener, latencyListener);
            progress.say("flame graph (" + profiling.started + ", " + profiler.getVersion() + ") written to " + outFile);
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    /**
     * Starts the profiler when the measured part of the run after the warm-up runs begins, writes the flame
     * graph when it ends.
     */
    private static final class Profiling implements ThroughputRun.Listener, LatencyRun.Listener {
        private final AsyncProfiler profiler;
        private final String event;
        private final String interval;
        private final boolean allThreads;
        private final Path out;
        private final ProgressLine progress;
        private final Path collapsed;
        private String started = "not started";
        /** Runs to let pass unprofiled; the run after them is profiled. */
        private int skip;

        Profiling(AsyncProfiler profiler, String event, String interval, boolean allThreads, Path out, Path collapsed,
                  ProgressLine progress, int warmup) {
            this.skip = warmup;
            this.collapsed = collapsed;
            this.profiler = profiler;
            this.event = event;
            this.interval = interval;
            this.allThreads = allThreads;
            this.out = out;
            this.progress = progress;
        }

        @Override
        public void measuring(Variant variant) {
            if (skip > 0) {
                return;
            }
            measuring();
        }

        @Override
        public void measuring() {
            // every thread is sampled, each under a frame of its name; the output keeps the stream threads' stacks
            String options = "start,interval=" + interval + ",threads";
            try {
                started = execute(options + ",event=" + event);
            } catch (IllegalStateException e) {
                if (!"cpu".equals(event)) {
                    throw e;
                }
                progress.say("perf events not available (" + e.getMessage() + "); sampling with itimer");
                started = execute(options + ",event=itimer");
            }
        }

        @Override
        public void measured(Variant variant) {
            if (skip > 0) {
                skip--;
                return;
            }
            measured();
        }

        @Override
        public void measured() {
            String only = allThreads ? "" : ",include=*StreamThread*";
            execute("stop,file=" + out + only);
            Path top = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.html$", "") + "-top.txt");
            execute("flat=40,file=" + top + only); // the hottest methods by self time, readable without a browser
            if (collapsed != null) {
                execute("collapsed,file=" + collapsed + only);
            }
        }

        private String execute(String command) {
            try {
                return profiler.execute(command).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
