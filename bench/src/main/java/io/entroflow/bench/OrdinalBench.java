package io.entroflow.bench;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.ordinal.ComplexityEntropyPlane;
import io.entroflow.operators.ordinal.OrdinalConfig;
import io.entroflow.operators.ordinal.PermutationEntropyOperator;
import io.entroflow.operators.ordinal.StatisticalComplexityOperator;
import io.entroflow.operators.signal.LogisticMap;
import io.entroflow.operators.symbol.OrdinalPatterns;
import io.entroflow.operators.window.Window;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Per-event cost of permutation entropy and statistical complexity on a sliding count window
 * of 10,000 patterns, incremental versus recomputing the window from scratch.
 *
 * <p>Workload: a logistic-map (r = 4) stream of 2<sup>16</sup> values replayed cyclically; d = 5 and 7,
 * &tau; = 1, unweighted, window full before measuring. {@code peUpdate} / {@code complexityUpdate}: admit
 * one value and read the window's value ({@link PermutationEntropyOperator#value()},
 * {@link StatisticalComplexityOperator#value()}). {@code peBatch} / {@code complexityBatch}: slide the
 * window by one value and recompute it from scratch (10,000 Lehmer codes, a d!-bin histogram and the
 * formula) &mdash; what a non-incremental monitor pays per event.
 *
 * <p>Run: {@code mvn -B -o -q -pl bench -am package -DskipTests &&
 * java -jar bench/target/benchmarks.jar 'OrdinalBench' -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OrdinalBench {
    private static final int WINDOW = 10_000;
    private static final int STREAM = 1 << 16;

    @Param({"5", "7"})
    int dimension;

    private double[] stream;
    private int next;
    private long time;
    private PermutationEntropyOperator pe;
    private StatisticalComplexityOperator sc;
    private double[] embedding;
    private double[] counts;

    @Setup(Level.Trial)
    public void setUp() {
        stream = new LogisticMap(4, 0.3141).values(STREAM);
        OrdinalConfig config = new OrdinalConfig(Window.count(WINDOW), dimension, 1, false, InformationUnit.BITS);
        pe = new PermutationEntropyOperator(config);
        sc = new StatisticalComplexityOperator(config);
        for (int i = 0; i < 2 * WINDOW; i++) {
            double x = nextValue();
            pe.update(time, x);
            sc.update(time, x);
        }
        embedding = new double[dimension];
        counts = new double[OrdinalPatterns.factorial(dimension)];
    }

    @Benchmark
    public double peUpdate() {
        pe.update(time, nextValue());
        return pe.value();
    }

    @Benchmark
    public double complexityUpdate() {
        sc.update(time, nextValue());
        return sc.value();
    }

    @Benchmark
    public double peBatch() {
        nextValue();
        fillCounts();
        double total = 0;
        double s = 0;
        for (double c : counts) {
            total += c;
        }
        for (double c : counts) {
            if (c > 0) {
                s -= c / total * Math.log(c / total);
            }
        }
        return s / Math.log(counts.length);
    }

    @Benchmark
    public double complexityBatch() {
        nextValue();
        fillCounts();
        return ComplexityEntropyPlane.point(counts).complexity();
    }

    /** The pattern histogram of the window of WINDOW patterns ending at the current value. */
    private void fillCounts() {
        java.util.Arrays.fill(counts, 0);
        int end = next - 1 + STREAM; // index of the newest value, kept positive
        for (int j = end - WINDOW + 1; j <= end; j++) {
            for (int i = 0; i < dimension; i++) {
                embedding[i] = stream[(j - (dimension - 1) + i) & (STREAM - 1)];
            }
            counts[OrdinalPatterns.patternIndex(embedding)]++;
        }
    }

    private double nextValue() {
        double x = stream[next];
        next = (next + 1) & (STREAM - 1);
        time++;
        return x;
    }
}
