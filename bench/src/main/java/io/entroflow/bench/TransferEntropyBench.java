package io.entroflow.bench;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.transfer.BatchConditionalMutualInformation;
import io.entroflow.operators.transfer.JointSamples;
import io.entroflow.operators.transfer.TransferEntropyConfig;
import io.entroflow.operators.transfer.TransferEntropyOperator;
import io.entroflow.operators.window.Window;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Per-event transfer entropy on a sliding count window of 10,000 samples, incremental versus a
 * batch recomputation of the window per event, in one run.
 *
 * <p>Workload: a coupled pair (x<sub>t</sub> copies y<sub>t&minus;1</sub> with probability 1/2,
 * otherwise uniform) over {@code case}: {@code k1l1-binary} (k = l = 1, 2 symbols) or
 * {@code k3l2-8symbols} (k = 3, l = 2, 8 symbols). The window is pre-filled with 10,000 samples;
 * each invocation admits one event from a pre-generated stream of 2<sup>16</sup> events.
 * {@code incrementalUpdate}: {@code update} + {@code value()} of {@link TransferEntropyOperator}.
 * {@code batchRecomputation}: slide the window's 10,000 joint codes by one and rebuild the four
 * count tables and the TE from scratch with the same (fastest) count tables the operator uses on a
 * count window, {@link BatchConditionalMutualInformation} (the cost the incremental operator avoids).
 *
 * <p>Run: {@code mvn -B -o -q -pl bench -am package -DskipTests &&
 * java -jar bench/target/benchmarks.jar 'TransferEntropyBench' -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@State(Scope.Thread)
public class TransferEntropyBench {
    private static final int WINDOW = 10_000;
    private static final int STREAM = 1 << 16;

    @Param({"k1l1-binary", "k3l2-8symbols"})
    public String workload;

    private TransferEntropyOperator operator;
    private int[] x;
    private int[] y;
    private int next;
    private long time;

    private int samples;      // sample codes of the stream, for the batch path
    private int batchNext;
    private BatchConditionalMutualInformation batch;

    @Setup(Level.Trial)
    public void setUp() {
        boolean binary = workload.startsWith("k1l1");
        int alphabet = binary ? 2 : 8;
        int k = binary ? 1 : 3;
        int l = binary ? 1 : 2;
        SplittableRandom random = new SplittableRandom(42);
        x = new int[STREAM];
        y = new int[STREAM];
        for (int t = 0; t < STREAM; t++) {
            y[t] = random.nextInt(alphabet);
            x[t] = t > 0 && random.nextBoolean() ? y[t - 1] : random.nextInt(alphabet);
        }
        TransferEntropyConfig config = TransferEntropyConfig.of(Window.count(WINDOW), InformationUnit.BITS,
                alphabet, alphabet, k, l, 1);
        operator = new TransferEntropyOperator(config);
        for (int t = 0; t < WINDOW + 10; t++) {
            operator.update(time++, x[t], y[t]);
        }
        next = WINDOW + 10;
        JointSamples samples = TransferEntropyOperator.samples(config, x, y, null);
        this.samples = samples.codes().length;
        batch = new BatchConditionalMutualInformation(samples, WINDOW);
        batchNext = WINDOW;
    }

    @Benchmark
    public double incrementalUpdate() {
        int t = next;
        next = t + 1 == STREAM ? 0 : t + 1;
        operator.update(time++, x[t], y[t]);
        return operator.value();
    }

    @Benchmark
    public double batchRecomputation() {
        int end = batchNext;
        batchNext = end + 1 == samples ? WINDOW : end + 1;
        return batch.nats(end - WINDOW, end) / Math.log(2);
    }
}
