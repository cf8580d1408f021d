package io.entroflow.bench;

import io.entroflow.app.bench.BenchEvents;
import io.entroflow.app.bench.BenchPlans;
import io.entroflow.app.files.Directories;
import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.MonitorCounters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Many distinct keys through the monitor: {@code events} events, event i of key {@code k<i mod keys>}
 * (so the first {@code keys} events each bring a new key), written as fast as the monitor takes them
 * (at most {@code lag} events ahead of it), {@code rate} events per second of event time, ending now.
 * Every {@code sample} it prints and appends to a CSV: the keys seen so far, events/s since the last
 * sample, the heap after a full GC ({@link HeapAfterGc}), the monitor's state directory, the
 * broker's data directory and the events per second of the stream threads' CPU time since the last
 * sample. With {@code events} a multiple of {@code keys} the rows after the first pass measure a steady
 * state at {@code keys} keys (every key back every keys / rate seconds of event time). The monitor
 * runs as {@code entroflow run} runs it ({@link MonitorRuntime}, exactly-once) with the embedded
 * broker in the same JVM, so the heap is the whole JVM's (the broker's and the producer's parts are
 * bounded buffers). Run it with {@code -Xmx2g
 * -XX:+ExitOnOutOfMemoryError}: a heap that grows with the keys ends the run at the OutOfMemoryError,
 * and the rows so far stay in the CSV.
 *
 * <p>Events carry the fields of both example specs ({@code key, user, ts, kind, x, y, latency, amount}), so
 * {@code spec=} may name {@code deploy/examples/payments.yaml} (default: the workload) or
 * {@code deploy/examples/demo.yaml}.
 *
 * <p>Events/s at a number of keys: for every power of ten M from 1,000 to {@code keys}, the rate over
 * the events (M/2, M], i.e. while the monitor goes from M/2 to M keys (distinct keys: the first
 * {@code keys} events), written to {@code <out>-milestones.csv} and printed at the end, with the
 * interval boundaries of event time the window crossed and the events per second of CPU time of the
 * monitor's stream threads (less sensitive to a shared machine's load than wall time). So that the
 * first of them do not measure the JIT compiler, {@code warmup=N} first runs N events of other keys
 * through a monitor of its own (another application id, topic and state directory) in this JVM. The
 * small milestones' windows last a fraction of a second (500 events at M = 1,000), about one commit of
 * the monitor's parsing stage, so one window's rate depends on where a commit falls: {@code repeat=N}
 * then runs the first {@code repeat-keys} (default 10,000) events N more times, each through a fresh
 * monitor of its own, and pools each milestone's windows over the runs ({@link KeyMilestones}: all
 * their events over all their time, and the single windows' min, median and max; each window in
 * {@code <out>-milestone-windows.csv}). The small windows still miss work their events cause: the
 * monitor emits a boundary's aggregates in a punctuation on the task's stream time, which the input topic
 * moves ahead of the operators (the producer runs up to {@code lag} events ahead), so most of the first
 * aggregates of a window's keys, and the commits that write its state, come after the window
 * (docs/reliability.md, <i>Many keys: the 2&times; target</i>); the steady state above does not.
 *
 * <p>The work per event depends on {@code rate}: while every event brings a new key, each boundary
 * makes the {@code rate} &times; interval keys of the interval before it emit their first aggregates
 * (one per operator). Event times start half an interval after a boundary, so the boundaries fall at
 * events {@code rate} &times; interval &times; (k + 1/2). With the payments spec (interval 10 s),
 * {@code rate=50} puts exactly one boundary, of 500 keys still in the operators' caches, in the middle of
 * the 1,000-key window and ten in the 10,000-key window: every milestone's events cause the same work
 * (though the small windows do not hold all of it, above). The default {@code rate=20000} makes 200,000 keys due at each boundary, more than the
 * caches hold (each is rebuilt from its store to emit), and its first three milestones cross no boundary
 * at all: a real load (a burst of new keys), but not the same work at every milestone
 * (docs/reliability.md).
 *
 * <p>Arguments ({@code name=value}): {@code keys=10000000}, {@code events=<keys>}, {@code spec=...},
 * {@code rate=20000}, {@code lag=100000}, {@code sample=30s}, {@code minutes=120} (stop after),
 * {@code warmup=0}, {@code repeat=0}, {@code repeat-keys=10000}, {@code out=bench/target/many-keys} (writes
 * {@code .csv}, {@code .png}, {@code -milestones.csv} and {@code -milestone-windows.csv}).
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -Xmx2g -XX:+ExitOnOutOfMemoryError
 * -cp bench/target/benchmarks.jar io.entroflow.bench.ManyKeysBenchmark keys=10000000}
 */
public final class ManyKeysBenchmark {
    private static final String[] KINDS = {"a", "b", "c", "d", "e", "f", "g", "h"};
    /** Bytes of aggregates (and of alert events) the broker keeps per partition ({@link #boundOutputs}). */
    private static final long OUTPUT_BYTES = 256L << 20;

    private ManyKeysBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args);
        long keys = Long.parseLong(a.getOrDefault("keys", "10000000"));
        long events = Long.parseLong(a.getOrDefault("events", Long.toString(keys)));
        Path specFile = Path.of(a.getOrDefault("spec", "deploy/examples/payments.yaml"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "20000"));
        long lag = Long.parseLong(a.getOrDefault("lag", "100000"));
        Duration sample = Duration.parse("PT" + a.getOrDefault("sample", "30s").toUpperCase(Locale.ROOT));
        Duration limit = Duration.ofMinutes(Long.parseLong(a.getOrDefault("minutes", "120")));
        String out = a.getOrDefault("out", "bench/target/many-keys");
        long warmup = Long.parseLong(a.getOrDefault("warmup", "0"));
        int repeat = Integer.parseInt(a.getOrDefault("repeat", "0"));
        long repeatKeys = Math.min(Math.min(keys, events), Long.parseLong(a.getOrDefault("repeat-keys", "10000")));
        MonitorSpec spec = MonitorSpecLoader.load(specFile);
        BenchPlans.requireSingleTopic(spec);
        long interval = spec.aggregates().intervalMillis();
        long start = startTime(events, rate, interval);

        SampleTable table = new SampleTable(Path.of(out + ".csv"), List.of("seconds", "events", "keys_seen", "events_per_s",
                "heap_after_gc_mb", "state_dir_mb", "broker_data_mb", "events_per_stream_cpu_s"));
        System.err.printf(Locale.ROOT, "many keys: %s, %,d events over %,d keys, %d events/s of event time (%,d new keys due"
                        + " at each %d ms boundary), -Xmx %d MB%n", specFile, events, keys, rate, rate * interval / 1000,
                interval, HeapAfterGc.maxBytes() >> 20);
        Path dir = Files.createTempDirectory("bench-keys");
        Path stateDir = dir.resolve("state");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failed = new AtomicReference<>();
        String end = "all events processed";
        try (KafkaTarget kafka = KafkaTarget.open(null, null, dir, System.err, Duration.ofSeconds(30))) {
            if (warmup > 0) {
                warmUp(kafka, spec, dir.resolve("warmup-state"), warmup, rate, lag, interval);
            }
            KeyMilestones milestones = new KeyMilestones(interval);
            for (int r = 1; r <= repeat; r++) {
                repeatSmallMilestones(kafka, spec, dir.resolve("repeat-state-" + r), r, repeatKeys, rate, lag, interval,
                        milestones);
            }
            String input = "keys-events";
            try (MonitorRuntime runtime = startMonitor(kafka, spec, input, "keys", stateDir)) {
                MonitorCounters c = runtime.counters();
                LongSupplier done = () -> c.eventsProcessed() + c.eventsDeadLettered();
                Thread producer = new Thread(() -> {
                    try {
                        produce(kafka, input, "k", events, keys, start, rate, lag, done, stop);
                    } catch (Exception e) {
                        failed.set(e);
                    }
                }, "bench-keys-producer");
                producer.start();
                KeyMilestones.Run milestoneRun = milestones.track("main", done, Math.min(keys, events),
                        i -> eventTime(start, i, rate));
                long t0 = System.nanoTime();
                long last = 0;
                long lastAt = t0;
                long lastCpu = KeyMilestones.streamThreadsCpu();
                while (done.getAsLong() < events) {
                    Thread.sleep(Math.min(sample.toMillis(), 1_000));
                    long now = System.nanoTime();
                    KafkaStreams.State state = runtime.state();
                    if (failed.get() != null || state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                            || state == KafkaStreams.State.PENDING_ERROR) {
                        end = failed.get() != null ? "producer failed: " + failed.get() : "monitor stopped: " + state;
                        break;
                    }
                    if (now - t0 > limit.toNanos()) {
                        end = "time limit of " + limit.toMinutes() + " min";
                        break;
                    }
                    if (now - lastAt >= sample.toNanos()) {
                        long n = done.getAsLong();
                        long cpu = KeyMilestones.streamThreadsCpu();
                        double perCpu = (n - last) / Math.max(1e-9, (cpu - lastCpu) / 1e9);
                        table.add((now - t0) / 1e9, n, Math.min(n, keys), (n - last) / ((now - lastAt) / 1e9),
                                HeapAfterGc.bytes() / 1048576.0, Directories.size(stateDir) / 1048576.0,
                                Directories.size(dir.resolve("kafka"), ".log") / 1048576.0, perCpu);
                        last = n;
                        lastAt = now;
                        lastCpu = KeyMilestones.streamThreadsCpu(); // after the GC and the directory walks
                    }
                }
                long n = done.getAsLong();
                long now = System.nanoTime();
                long cpu = KeyMilestones.streamThreadsCpu();
                table.add((now - t0) / 1e9, n, Math.min(n, keys), (n - last) / Math.max(1e-9, (now - lastAt) / 1e9),
                        HeapAfterGc.bytes() / 1048576.0, Directories.size(stateDir) / 1048576.0,
                        Directories.size(dir.resolve("kafka"), ".log") / 1048576.0,
                        (n - last) / Math.max(1e-9, (cpu - lastCpu) / 1e9));
                stop.set(true);
                producer.join(30_000);
                milestoneRun.finish();
                milestones.write(Path.of(out + "-milestones.csv"), Path.of(out + "-milestone-windows.csv"));
            }
        } finally {
            stop.set(true);
            Directories.deleteRecursively(dir);
        }
        System.out.println("end: " + end);
        table.chart(Path.of(out + ".png"), String.format(Locale.ROOT, "%s: %,d keys, -Xmx %d MB", specFile.getFileName(),
                keys, HeapAfterGc.maxBytes() >> 20), "heap after GC, state dir (MB)", List.of("heap_after_gc_mb",
                "state_dir_mb"), "events/s", List.of("events_per_s"));
        System.out.println("written: " + out + ".csv, " + out + ".png");
    }

    /**
     * Creates {@code input} (2 partitions) and the topics of {@code spec} planned for run {@code run}
     * (their aggregates and alert events capped: {@link #boundOutputs}), then starts the monitor as
     * {@code entroflow run} does, under application id {@code entroflow-bench-<run>}, and waits until
     * it runs.
     */
    private static MonitorRuntime startMonitor(KafkaTarget kafka, MonitorSpec spec, String input, String run,
                                               Path stateDir) throws Exception {
        BenchEvents.createTopic(kafka, input, 2);
        MonitorPlan plan = BenchPlans.forRun(spec, input, run);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Topics.create(admin, plan, false, 2);
            boundOutputs(admin, plan);
        }
        String applicationId = "entroflow-bench-" + run;
        Properties overrides = kafka.clientConfig();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        MonitorRuntime runtime = new MonitorRuntime(plan, MonitorRuntime.config(plan, kafka.bootstrapServers(),
                stateDir, true, applicationId, overrides));
        runtime.start();
        runtime.awaitRunning(Duration.ofSeconds(90));
        return runtime;
    }

    /**
     * Caps the broker's copy of the run's aggregates and alert events at {@link #OUTPUT_BYTES} per
     * partition (64 MiB segments), as a consumer that took them would let it be: 10 M new keys make
     * about 3.6 KB of aggregates each (9 operators), 36 GB that this machine's disk does not have and
     * that says nothing about the monitor. Changelogs and the input are left as they are.
     */
    private static void boundOutputs(Admin admin, MonitorPlan plan) throws Exception {
        List<AlterConfigOp> bounded = List.of(
                new AlterConfigOp(new ConfigEntry(
                        "retention.bytes", Long.toString(OUTPUT_BYTES)), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry(
                        "segment.bytes", Long.toString(64L << 20)), AlterConfigOp.OpType.SET));
        Map<ConfigResource, Collection<AlterConfigOp>> ops =
                new HashMap<>();
        for (String topic : List.of(plan.spec().outputs().aggregates(), plan.spec().outputs().alertEvents())) {
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC,
                    topic), bounded);
        }
        admin.incrementalAlterConfigs(ops).all().get();
    }

    /**
     * Runs {@code events} events of keys {@code w<i>} (distinct) through a monitor of its own (topic
     * {@code keys-warmup}, application id {@code entroflow-bench-keys-warmup}, state in {@code stateDir}),
     * so that the JIT has compiled the monitor's paths before the measured run starts.
     */
    private static void warmUp(KafkaTarget kafka, MonitorSpec spec, Path stateDir, long events, int rate, long lag,
                               long interval) throws Exception {
        String input = "keys-warmup";
        long t0 = System.nanoTime();
        try (MonitorRuntime runtime = startMonitor(kafka, spec, input, "keys-warmup", stateDir)) {
            MonitorCounters c = runtime.counters();
            LongSupplier done = () -> c.eventsProcessed() + c.eventsDeadLettered();
            produce(kafka, input, "w", events, events, startTime(events, rate, interval), rate, lag, done,
                    new AtomicBoolean());
            while (done.getAsLong() < events) {
                Thread.sleep(100);
            }
        }
        System.err.printf(Locale.ROOT, "warm-up: %,d events of other keys in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Repeat {@code r} of the small milestones: the run's first {@code keys} events (keys {@code k0} ..,
     * the same events and event times as the measured run's first ones) through a fresh monitor of its own
     * (topic {@code keys-repeat-<r>}, application id {@code entroflow-bench-keys-repeat-<r>}, state in
     * {@code stateDir}, deleted after), its windows added to {@code milestones} ({@link KeyMilestones}: pooled
     * with the measured run's).
     */
    private static void repeatSmallMilestones(KafkaTarget kafka, MonitorSpec spec, Path stateDir, int r, long keys,
                                              int rate, long lag, long interval, KeyMilestones milestones)
            throws Exception {
        String input = "keys-repeat-" + r;
        long start = startTime(keys, rate, interval);
        long t0 = System.nanoTime();
        try (MonitorRuntime runtime = startMonitor(kafka, spec, input, "keys-repeat-" + r, stateDir)) {
            MonitorCounters c = runtime.counters();
            LongSupplier done = () -> c.eventsProcessed() + c.eventsDeadLettered();
            KeyMilestones.Run run = milestones.track("repeat-" + r, done, keys, i -> eventTime(start, i, rate));
            produce(kafka, input, "k", keys, keys, start, rate, lag, done, new AtomicBoolean());
            while (done.getAsLong() < keys) {
                Thread.sleep(10);
            }
            run.finish();
        }
        Directories.deleteRecursively(stateDir);
        System.err.printf(Locale.ROOT, "repeat %d: %,d new keys in %.1f s%n", r, keys, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The event time of the first of {@code events} events at {@code rate} per second: half an interval
     * after a boundary, and so that the last is at least a second before now. Boundaries then fall at events
     * rate &times; interval &times; (k + 1/2) / 1000, in the middle of windows of whole intervals.
     */
    static long startTime(long events, int rate, long interval) {
        long earliest = System.currentTimeMillis() - events * 1000 / rate - 1000 - interval;
        return Math.floorDiv(earliest, interval) * interval + interval / 2;
    }

    /** The event time of event {@code i} (0-based) from {@code start} at {@code rate} events per second. */
    static long eventTime(long start, long i, int rate) {
        return start + i * 1000 / rate;
    }

    /**
     * Writes the events of keys {@code <prefix><i mod keys>}, event i at {@link #eventTime}, staying at most
     * {@code lag} events ahead of {@code done}.
     */
    private static void produce(KafkaTarget kafka, String topic, String prefix, long events, long keys, long start,
                                int rate, long lag, LongSupplier done, AtomicBoolean stop) throws InterruptedException {
        Properties p = kafka.clientConfig();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        SplittableRandom r = new SplittableRandom(7);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (long i = 0; i < events && !stop.get(); i++) {
                while (i - done.getAsLong() > lag && !stop.get()) {
                    Thread.sleep(5);
                }
                String key = prefix + (i % keys);
                long ts = eventTime(start, i, rate);
                producer.send(new ProducerRecord<>(topic, null, ts, key, event(r, key, ts)));
            }
        }
    }

    /**
     * Event {@code key} at {@code ts} as JSON, with the fields of both example specs (key, user, ts,
     * kind, x, y, latency, amount), drawn from {@code r}.
     */
    static String event(SplittableRandom r, String key, long ts) {
        return String.format(Locale.ROOT, "{\"key\":\"%s\",\"user\":\"%s\",\"ts\":%d,\"kind\":\"%s\",\"x\":\"%d\","
                        + "\"y\":\"%d\",\"latency\":%.1f,\"amount\":%.2f}", key, key, ts, KINDS[r.nextInt(KINDS.length)],
                r.nextInt(4), r.nextInt(4), 50 + 6 * gaussian(r), r.nextDouble() * 500);
    }

    /** A standard normal draw (Box-Muller, one of the pair). */
    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
