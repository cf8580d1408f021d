package io.entroflow.bench;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.entropy.EntropyConfig;
import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.entropy.EntropyOperator;
import io.entroflow.operators.window.Window;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Per-event cost of keeping an entropy value current on a sliding window of 10,000 events:
 * the incremental operator ({@link EntropyOperator#update} then {@link EntropyOperator#value()})
 * beside the same value recomputed from scratch over the window after every event.
 *
 * <p>Workload: a pre-generated stream of 65,536 symbols drawn uniformly from the alphabet (16 or
 * 10,000 symbols), replayed cyclically into a window already full. Each invocation handles 1,024
 * events; scores are per event. Sample mode, so the report has the median (p0.50) per event.
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar EntropyUpdateBenchmark -f 1 -wi 3 -i 5 -w 1 -r 2}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EntropyUpdateBenchmark {
    static final int WINDOW = 10_000;
    static final int BATCH = 1024;
    private static final int STREAM = 1 << 16;

    @Param({"16", "10000"})
    public int alphabet;

    @Param({"shannon", "renyi-2", "renyi-0.5"})
    public String measure;

    private int[] stream;
    private int position;
    private EntropyOperator operator;
    private BatchEntropyWindow batch;
    private long time;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(17);
        stream = new int[STREAM];
        for (int i = 0; i < STREAM; i++) {
            stream[i] = random.nextInt(alphabet);
        }
        EntropyMeasure m = switch (measure) {
            case "shannon" -> EntropyMeasure.shannon();
            case "renyi-2" -> EntropyMeasure.renyi(2);
            case "renyi-0.5" -> EntropyMeasure.renyi(0.5);
            default -> throw new IllegalArgumentException("measure: " + measure);
        };
        operator = new EntropyOperator(new EntropyConfig(Window.count(WINDOW), m, InformationUnit.BITS, alphabet));
        batch = new BatchEntropyWindow(WINDOW, alphabet, m);
        for (int i = 0; i < WINDOW; i++) {
            operator.update(time, stream[i]);
            batch.add(stream[i]);
            time++;
        }
        position = WINDOW;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double incremental() {
        double sum = 0;
        for (int i = 0; i < BATCH; i++) {
            operator.update(time++, stream[position]);
            sum += operator.value();
            position = (position + 1) & (STREAM - 1);
        }
        return sum;
    }

    /** The update alone (window, sums, the event's local value), without evaluating the measure. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double incrementalUpdateOnly() {
        double sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += operator.update(time++, stream[position]);
            position = (position + 1) & (STREAM - 1);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double batchRecomputation() {
        double sum = 0;
        for (int i = 0; i < BATCH; i++) {
            batch.add(stream[position]);
            sum += batch.recompute();
            position = (position + 1) & (STREAM - 1);
        }
        return sum;
    }
}
