package io.entroflow.bench;

import io.entroflow.app.metrics.LatencyRecorder;
import io.entroflow.topology.stream.StreamTimings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the stream threads pay per event and operator for the operator-update-time metric: two
 * {@code System.nanoTime()} calls around the work and one wait-free {@code Recorder.recordValue}
 * through the {@link StreamTimings.Timer} the app hands the topology ({@code timed}), against the
 * two clock reads alone ({@code clockOnly}) and nothing ({@code baseline}). The work itself is left
 * out: the difference is the hook's cost.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar StreamTimingsBench -f 1 -wi 3 -i 5 -w 1 -r 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamTimingsBench {
    private StreamTimings.Timer timer;
    private long sink;

    @Setup
    public void setUp() {
        LatencyRecorder recorder = new LatencyRecorder(Duration.ofMinutes(1), 2, Duration.ofSeconds(5), 12);
        timer = recorder::record;
    }

    @Benchmark
    public long baseline() {
        return ++sink;
    }

    @Benchmark
    public long clockOnly() {
        long start = System.nanoTime();
        sink++;
        return System.nanoTime() - start;
    }

    @Benchmark
    public long timed() {
        long start = System.nanoTime();
        sink++;
        long nanos = System.nanoTime() - start;
        timer.record(nanos);
        return nanos;
    }
}
