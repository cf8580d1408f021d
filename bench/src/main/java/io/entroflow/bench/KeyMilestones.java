package io.entroflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * Events/s of {@link ManyKeysBenchmark} while a monitor goes from M/2 to M distinct keys (events
 * (M/2, M], every event a new key), for M = 1,000, 10,000, ... up to a run's distinct keys, pooled
 * over the runs that reached M.
 *
 * <p>One run: {@link #track} starts a thread that polls the run's processed count every millisecond
 * and notes, when it passes each M/2 and M, the wall time and the CPU time of the live Kafka Streams
 * stream threads (the measured monitor's: a monitor before it has stopped). A window gives events/s of
 * wall time, events per second of the stream threads' CPU time (which the load of a shared machine
 * changes much less) and the interval boundaries its event times crossed.
 *
 * <p>Pooled: the monitor counts an event processed after the re-key topic, which it reads committed, so
 * events reach the count in bursts, one per commit of the parsing stage ({@code commit.interval.ms}
 * 200 ms). A window of 500 events (M = 1,000) lasts about a tenth of a second: whether it holds a
 * commit's wait or only the burst after one decides its rate (4,500 to 18,500 events/s seen in single
 * runs). Several runs of the same window, each in a fresh monitor (its own topic, application id and
 * state), are pooled as one longer window would be: all their events over all their time (wall, and
 * CPU), which averages over where the commits fall instead of sampling one phase; the spread of the
 * single windows (min, median, max) is given beside it. A milestone reached by one run only (1 M keys,
 * 500,000 events over minutes) is that run's window, as before. Pooling removes the noise of where a
 * commit falls, not the work a small window misses (its keys' first aggregates and its commits mostly
 * come after it: {@link ManyKeysBenchmark}). Not thread-safe except as documented:
 * {@link #track} from one thread, the returned run's thread writes its own marks.
 */
final class KeyMilestones {
    /**
     * One window: the run that gave it (0-based, in the order the runs finished), M, its events, its wall
     * and stream-thread CPU time (s), the boundaries crossed.
     */
    record Window(int run, long keys, long events, double seconds, double cpuSeconds, long crossed) {
        double perSecond() {
            return events / seconds;
        }

        double perCpuSecond() {
            return events / Math.max(1e-9, cpuSeconds);
        }
    }

    private final long interval;
    private final List<Window> windows = new ArrayList<>();
    private int runs;

    /** @param interval the aggregate interval (ms), &gt; 0 */
    KeyMilestones(long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("interval must be > 0: " + interval);
        }
        this.interval = interval;
    }

    /**
     * Starts tracking a run: {@code done} its processed count, {@code distinctKeys} its new keys,
     * {@code time} the event time (ms) of its event i (0-based). {@link Run#finish} adds its windows.
     */
    Run track(String name, LongSupplier done, long distinctKeys, LongUnaryOperator time) {
        Run run = new Run(name, done, distinctKeys, time);
        run.start();
        return run;
    }

    /** The windows of the finished runs, in the order they finished. */
    synchronized List<Window> windows() {
        return List.copyOf(windows);
    }

    /**
     * Writes one row per M: {@code keys, runs, events_per_s} (pooled), {@code events_per_s_min, _median,
     * _max} (single windows), {@code boundaries_crossed} (per window), {@code events_per_stream_cpu_s}
     * (pooled) and its min, median, max; and every window into {@code windowsCsv}.
     */
    synchronized void write(Path csv, Path windowsCsv) throws IOException {
        SampleTable each = new SampleTable(windowsCsv, List.of("run", "keys", "events_per_s", "boundaries_crossed",
                "events_per_stream_cpu_s"));
        Map<Long, List<Window>> byKeys = new TreeMap<>();
        for (Window w : windows) {
            byKeys.computeIfAbsent(w.keys(), k -> new ArrayList<>()).add(w);
            each.add(w.run(), w.keys(), w.perSecond(), w.crossed(), w.perCpuSecond());
        }
        SampleTable table = new SampleTable(csv, List.of("keys", "runs", "events_per_s", "events_per_s_min",
                "events_per_s_median", "events_per_s_max", "boundaries_crossed", "events_per_stream_cpu_s",
                "cpu_min", "cpu_median", "cpu_max"));
        for (Map.Entry<Long, List<Window>> e : byKeys.entrySet()) {
            List<Window> ws = e.getValue();
            long events = 0;
            double seconds = 0;
            double cpu = 0;
            List<Double> wall = new ArrayList<>();
            List<Double> perCpu = new ArrayList<>();
            for (Window w : ws) {
                events += w.events();
                seconds += w.seconds();
                cpu += w.cpuSeconds();
                wall.add(w.perSecond());
                perCpu.add(w.perCpuSecond());
            }
            table.add(e.getKey(), ws.size(), events / seconds, min(wall), BenchArgs.median(wall), max(wall),
                    ws.get(0).crossed(), events / Math.max(1e-9, cpu), min(perCpu), BenchArgs.median(perCpu),
                    max(perCpu));
        }
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Adds a finished run's windows (M, events, wall ns, CPU ns, boundaries crossed, one array each). */
    private synchronized void add(List<long[]> ws) {
        for (long[] w : ws) {
            windows.add(new Window(runs, w[0], w[1], w[2] / 1e9, w[3] / 1e9, w[4]));
        }
        runs++;
    }

    /** One run's marks, noted by its own polling thread. */
    final class Run extends Thread {
        private final LongSupplier done;
        private final LongUnaryOperator time;
        private final List<Long> marks = new ArrayList<>();
        private final Map<Long, Long> passedAt = new ConcurrentHashMap<>();
        /** CPU time (ns) of the live stream threads when each mark was passed. */
        private final Map<Long, Long> cpuAt = new ConcurrentHashMap<>();

        private Run(String name, LongSupplier done, long distinctKeys, LongUnaryOperator time) {
            super("bench-keys-milestones-" + name);
            setDaemon(true);
            this.done = done;
            this.time = time;
            for (long m = 1_000; m <= distinctKeys; m *= 10) {
                marks.add(m / 2);
                marks.add(m);
            }
        }

        @Override
        public void run() {
            int next = 0;
            while (next < marks.size() && !isInterrupted()) {
                long n = done.getAsLong();
                long now = System.nanoTime();
                while (next < marks.size() && n >= marks.get(next)) {
                    cpuAt.put(marks.get(next), streamThreadsCpu());
                    passedAt.put(marks.get(next++), now);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /**
         * Waits up to a second for the polling thread to note the marks the processed count has passed
         * (it polls every millisecond), stops it and adds the run's complete windows to the milestones.
         */
        void finish() throws InterruptedException {
            join(1_000);
            interrupt();
            join(5_000);
            List<long[]> ws = new ArrayList<>();
            for (int i = 1; i < marks.size(); i += 2) {
                long fromMark = marks.get(i - 1);
                long toMark = marks.get(i);
                Long from = passedAt.get(fromMark);
                Long to = passedAt.get(toMark);
                if (from != null && to != null && to > from) {
                    // events (M/2, M] are events M/2 .. M-1 counted from 0; the boundaries after event M/2-1's time
                    long crossed = Math.floorDiv(time.applyAsLong(toMark - 1), interval)
                            - Math.floorDiv(time.applyAsLong(fromMark - 1), interval);
                    ws.add(new long[] {toMark, toMark - fromMark, to - from, cpuAt.get(toMark) - cpuAt.get(fromMark),
                        crossed});
                }
            }
            add(ws);
        }

    }

    /** CPU time (ns) of this JVM's live Kafka Streams stream threads (the measured monitor's, when it runs alone). */
    static long streamThreadsCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("StreamThread")) {
                cpu += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return cpu;
    }
}
