package io.entroflow.bench;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.CheckpointableOperator;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.operator.StreamingOperator;
import io.entroflow.topology.plan.MonitorPlanner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Per-event cost of the monitor's {@code hmm} operator as the topology drives it
 * ({@link StreamingOperator#update}), by window: {@code count:50} (the fixed-lag filter, rerun over
 * the last 50 events, O(50&middot;K<sup>2</sup>)) versus {@code cumulative} (the recursive filter,
 * O(K<sup>2</sup>)), and {@code cumulative+checkpoint}, which also takes the operator's checkpoint
 * every 64 events as the topology does (the store put itself not included).
 *
 * <p>Workload: a two-state Gaussian model (means 0 and 3, unit variances, stay 0.95), observations
 * switching level every 300 events plus N(0, 1) noise, 65,536 values replayed in a loop.
 *
 * <p>Run: {@code mvn -B -o -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar
 * 'StreamingHmmBench' -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamingHmmBench {
    private static final int EVENTS = 1 << 16;

    @Param({"count:50", "cumulative", "cumulative+checkpoint"})
    public String variant;

    private StreamingOperator operator;
    private boolean checkpoint;
    private long[][] inputs;
    private int next;
    private long seq;

    @Setup
    public void setUp() {
        String window = variant.startsWith("count") ? "{count: 50}" : "{cumulative: true}";
        checkpoint = variant.endsWith("+checkpoint");
        String spec = """
                monitor: bench
                input: {topics: [in]}
                signals: [{name: v, kind: numeric, field: /v}]
                operators:
                  - {name: r, type: hmm, signal: v, window: %s, params: {model: {initial: [0.5, 0.5],
                      transition: [[0.95, 0.05], [0.05, 0.95]], emission: {type: gaussian, means: [0, 3], variances: [1, 1]}}}}
                """.formatted(window);
        operator = new MonitorPlanner(OperatorRegistry.standard()).plan("bench", MonitorSpecLoader.parse("bench", spec))
                .operators().get(0).newOperator();
        Random r = new Random(1);
        inputs = new long[EVENTS][];
        for (int i = 0; i < EVENTS; i++) {
            double v = ((i / 300) % 2 == 0 ? 0 : 3) + r.nextGaussian();
            inputs[i] = new long[] {Double.doubleToRawLongBits(v)};
        }
    }

    @Benchmark
    public double update() {
        int i = next;
        next = (i + 1) & (EVENTS - 1);
        if (checkpoint && (++seq & 63) == 0) {
            byte[] state = ((CheckpointableOperator) operator).checkpoint();
            if (state.length == 0) {
                return Double.NaN;
            }
        }
        return operator.update(i, inputs[i]);
    }
}
