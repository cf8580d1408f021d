package io.entroflow.bench;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.markov.HistoryInformationConfig;
import io.entroflow.operators.markov.HistoryInformationMeasure;
import io.entroflow.operators.markov.HistoryInformationOperator;
import io.entroflow.operators.transfer.MutualInformationConfig;
import io.entroflow.operators.transfer.MutualInformationOperator;
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
 * The joint-table operators' per-event step on a full count window: {@code update} of one event, then
 * {@code value()}, for transfer entropy (k = l = 1), mutual information and entropy rate (k = 2), over
 * a coupled pair of 4-symbol streams (x<sub>t</sub> copies y<sub>t&minus;1</sub> with probability 1/2,
 * otherwise uniform; entropy rate reads x). The window ({@code window} events) is filled before the
 * measurement; each invocation admits one event of a pre-generated stream of 2<sup>16</sup>.
 *
 * <p>Run: {@code mvn -B -o -q -pl bench -am package -DskipTests &&
 * java -jar bench/target/benchmarks.jar JointOperatorsBench -f 2 -wi 3 -i 5 -w 1 -r 1 -prof io.entroflow.bench.ThreadCpuProfiler}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@State(Scope.Thread)
public class JointOperatorsBench {
    private static final int ALPHABET = 4;
    private static final int STREAM = 1 << 16;

    @Param({"transfer-entropy", "mutual-info", "entropy-rate"})
    public String operator;

    @Param({"200", "10000"})
    public int window;

    private TransferEntropyOperator te;
    private MutualInformationOperator mi;
    private HistoryInformationOperator rate;
    private int[] x;
    private int[] y;
    private int next;
    private long time;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        x = new int[STREAM];
        y = new int[STREAM];
        for (int t = 0; t < STREAM; t++) {
            y[t] = random.nextInt(ALPHABET);
            x[t] = t > 0 && random.nextBoolean() ? y[t - 1] : random.nextInt(ALPHABET);
        }
        Window w = Window.count(window);
        switch (operator) {
            case "transfer-entropy" -> te = new TransferEntropyOperator(
                    TransferEntropyConfig.of(w, InformationUnit.BITS, ALPHABET, ALPHABET, 1, 1, 1));
            case "mutual-info" -> mi = new MutualInformationOperator(
                    MutualInformationConfig.of(w, InformationUnit.BITS, ALPHABET, ALPHABET));
            case "entropy-rate" -> rate = new HistoryInformationOperator(
                    new HistoryInformationConfig(w, InformationUnit.BITS, HistoryInformationMeasure.ENTROPY_RATE, ALPHABET, 2));
            default -> throw new IllegalArgumentException("operator: " + operator);
        }
        for (int t = 0; t < window + 10; t++) {
            step(t);
        }
        next = (window + 10) % STREAM;
    }

    private double step(int t) {
        if (te != null) {
            te.update(time++, x[t], y[t]);
            return te.value();
        }
        if (mi != null) {
            mi.update(time++, x[t], y[t]);
            return mi.value();
        }
        rate.update(time++, x[t]);
        return rate.value();
    }

    @Benchmark
    public double updateAndValue() {
        int t = next;
        next = t + 1 == STREAM ? 0 : t + 1;
        return step(t);
    }
}
