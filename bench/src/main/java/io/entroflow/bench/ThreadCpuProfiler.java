package io.entroflow.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JMH profiler reporting {@code cpu.ns/op}: the CPU time of the benchmark threads (those named
 * {@code jmh-worker}) over each measured iteration, divided by the operations measured. On a shared,
 * overloaded machine the average time includes every moment the benchmark thread waited for a
 * core; its CPU time does not, so comparisons of two builds run back to back stay usable (cache
 * interference from other processes still shows).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'OrdinalBench' -prof io.entroflow.bench.ThreadCpuProfiler}
 */
public final class ThreadCpuProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpuTimes();
    }

    @Override
    public List<ScalarResult> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                            IterationResult result) {
        long cpu = 0;
        for (Map.Entry<Long, Long> e : workerCpuTimes().entrySet()) {
            cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        long ops = result.getMetadata().getMeasuredOps();
        double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
        return List.of(new ScalarResult("cpu.ns/op", perOp, "ns/op", AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerCpuTimes() {
        Map<Long, Long> times = new HashMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("jmh-worker")) {
                times.put(t.getThreadId(), threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return times;
    }
}
