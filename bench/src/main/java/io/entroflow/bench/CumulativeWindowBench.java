package io.entroflow.bench;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.entropy.EntropyConfig;
import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.entropy.EntropyOperator;
import io.entroflow.operators.markov.HistoryInformationConfig;
import io.entroflow.operators.markov.HistoryInformationMeasure;
import io.entroflow.operators.markov.HistoryInformationOperator;
import io.entroflow.operators.ordinal.OrdinalConfig;
import io.entroflow.operators.ordinal.PermutationEntropyOperator;
import io.entroflow.operators.transfer.TransferEntropyConfig;
import io.entroflow.operators.transfer.TransferEntropyOperator;
import io.entroflow.operators.window.Window;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * All-history (cumulative) windows: an operator's update plus {@code value()} after every event,
 * against a plain batch counting pass over the same events (count the joint table once in a plain
 * {@code int[]}, compute the measure once), per event, in one run (issue 12, item 6: target at most
 * 3&times; the batch pass).
 *
 * <p>Workload: {@value #EVENTS} events (5 M), pre-generated once per trial, {@code workload}:
 * <ul>
 *   <li>{@code te-binary}: transfer entropy Y &rarr; X, k = l = 1, 2 symbols, a coupled pair
 *       (x<sub>t</sub> copies y<sub>t&minus;1</sub> with probability 1/2, else uniform), as {@link TransferEntropyBench};</li>
 *   <li>{@code te-8symbols}: the same with k = 3, l = 2 over 8 symbols (joint table of 2<sup>18</sup> codes);</li>
 *   <li>{@code entropy-16symbols}: Shannon entropy of uniform symbols over 16;</li>
 *   <li>{@code entropy-rate-k2}: entropy rate with k = 2 over 4 symbols (a symbol repeats its predecessor
 *       with probability 1/2, else uniform);</li>
 *   <li>{@code pe-d5}: permutation entropy, d = 5, delay 1, of uniform random values.</li>
 * </ul>
 * {@code cumulative}: a fresh operator on {@code Window.cumulative()}, then {@code update} and
 * {@code value()} for every event (one invocation = the whole stream, scored per event).
 * {@code batch}: one pass building the joint codes as the operator does (rolling history codes; for
 * PE the Lehmer code of each vector of d values, d(d&minus;1)/2 comparisons), counted in an
 * {@code int[]} indexed by the code, then the measure once from the counts (&Sigma; c ln c per table,
 * O(table) once). The trial set-up checks that both give the same value at the end (to 1e-9).
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests &&
 * java -jar bench/target/benchmarks.jar CumulativeWindowBench -f 1 -wi 3 -i 5 -w 1 -r 1}
 * (add {@code -prof io.entroflow.bench.ThreadCpuProfiler} for thread CPU time on a loaded machine).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@State(Scope.Thread)
public class CumulativeWindowBench {
    static final int EVENTS = 5_000_000;

    @Param({"te-binary", "te-8symbols", "entropy-16symbols", "entropy-rate-k2", "pe-d5"})
    public String workload;

    private int[] x;          // target (TE), the symbols (entropy, entropy rate)
    private int[] y;          // source (TE)
    private double[] values;  // PE
    private int alphabet;
    private int k;
    private int l;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        switch (workload) {
            case "te-binary", "te-8symbols" -> {
                boolean binary = workload.equals("te-binary");
                alphabet = binary ? 2 : 8;
                k = binary ? 1 : 3;
                l = binary ? 1 : 2;
                x = new int[EVENTS];
                y = new int[EVENTS];
                for (int t = 0; t < EVENTS; t++) {
                    y[t] = random.nextInt(alphabet);
                    x[t] = t > 0 && random.nextBoolean() ? y[t - 1] : random.nextInt(alphabet);
                }
            }
            case "entropy-16symbols" -> {
                alphabet = 16;
                x = new int[EVENTS];
                for (int t = 0; t < EVENTS; t++) {
                    x[t] = random.nextInt(alphabet);
                }
            }
            case "entropy-rate-k2" -> {
                alphabet = 4;
                k = 2;
                x = new int[EVENTS];
                for (int t = 0; t < EVENTS; t++) {
                    x[t] = t > 0 && random.nextBoolean() ? x[t - 1] : random.nextInt(alphabet);
                }
            }
            case "pe-d5" -> {
                k = 5;
                values = new double[EVENTS];
                for (int t = 0; t < EVENTS; t++) {
                    values[t] = random.nextDouble();
                }
            }
            default -> throw new IllegalArgumentException("workload: " + workload);
        }
        double incremental = lastValue();
        double batch = batch();
        if (!(Math.abs(incremental - batch) <= 1e-9 * Math.max(1, Math.abs(batch)))) {
            throw new IllegalStateException(workload + ": cumulative operator ends at " + incremental
                    + ", the batch pass gives " + batch);
        }
    }

    /** Update and value after every event; returns the sum of the values (so that none is dead code). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public double cumulative() {
        return switch (workload) {
            case "te-binary", "te-8symbols" -> cumulativeTransferEntropy(false);
            case "entropy-16symbols" -> cumulativeEntropy(false);
            case "entropy-rate-k2" -> cumulativeEntropyRate(false);
            default -> cumulativePermutationEntropy(false);
        };
    }

    /** Count the joint table once, compute the measure once. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public double batch() {
        return switch (workload) {
            case "te-binary", "te-8symbols" -> batchTransferEntropy();
            case "entropy-16symbols" -> batchEntropy();
            case "entropy-rate-k2" -> batchEntropyRate();
            default -> batchPermutationEntropy();
        };
    }

    private double lastValue() {
        return switch (workload) {
            case "te-binary", "te-8symbols" -> cumulativeTransferEntropy(true);
            case "entropy-16symbols" -> cumulativeEntropy(true);
            case "entropy-rate-k2" -> cumulativeEntropyRate(true);
            default -> cumulativePermutationEntropy(true);
        };
    }

    // ---- cumulative operators -------------------------------------------------------------------

    private double cumulativeTransferEntropy(boolean last) {
        TransferEntropyOperator op = new TransferEntropyOperator(
                TransferEntropyConfig.of(Window.cumulative(), InformationUnit.NATS, alphabet, alphabet, k, l, 1));
        int[] xs = x;
        int[] ys = y;
        double sum = 0;
        for (int t = 0; t < xs.length; t++) {
            op.update(t, xs[t], ys[t]);
            sum += op.value();
        }
        return last ? op.value() : sum;
    }

    private double cumulativeEntropy(boolean last) {
        EntropyOperator op = new EntropyOperator(new EntropyConfig(Window.cumulative(), EntropyMeasure.shannon(),
                InformationUnit.NATS, alphabet));
        int[] xs = x;
        double sum = 0;
        for (int t = 0; t < xs.length; t++) {
            op.update(t, xs[t]);
            sum += op.value();
        }
        return last ? op.value() : sum;
    }

    private double cumulativeEntropyRate(boolean last) {
        HistoryInformationOperator op = new HistoryInformationOperator(new HistoryInformationConfig(Window.cumulative(),
                InformationUnit.NATS, HistoryInformationMeasure.ENTROPY_RATE, alphabet, k));
        int[] xs = x;
        double sum = 0;
        for (int t = 0; t < xs.length; t++) {
            op.update(t, xs[t]);
            sum += op.value();
        }
        return last ? op.value() : sum;
    }

    private double cumulativePermutationEntropy(boolean last) {
        PermutationEntropyOperator op = new PermutationEntropyOperator(
                new OrdinalConfig(Window.cumulative(), k, 1, false, InformationUnit.NATS));
        double[] vs = values;
        double sum = 0;
        for (int t = 0; t < vs.length; t++) {
            op.update(t, vs[t]);
            double v = op.value();
            sum += v == v ? v : 0; // NaN before the first pattern
        }
        return last ? op.entropy() : sum;
    }

    // ---- plain batch passes ---------------------------------------------------------------------

    /**
     * TE = (S(a,b,c) + S(c) &minus; S(a,c) &minus; S(b,c)) / N with S = &Sigma; n ln n, a = x<sub>t+1</sub>,
     * b = the source's last l symbols, c = the target's last k symbols: the joint counts in one
     * {@code int[]} of 2<sup>bits</sup>, the marginals summed from it once.
     */
    private double batchTransferEntropy() {
        int bits = Integer.numberOfTrailingZeros(alphabet);
        int bitsC = k * bits;
        int bitsB = l * bits;
        int maskC = (1 << bitsC) - 1;
        int maskB = (1 << bitsB) - 1;
        int[] counts = new int[1 << (bits + bitsB + bitsC)];
        int[] xs = x;
        int[] ys = y;
        int past = 0;
        int source = 0;
        int warm = Math.max(k, l);
        for (int t = 0; t < xs.length; t++) {
            if (t >= warm) {
                counts[(((xs[t] << bitsB) | source) << bitsC) | past]++;
            }
            past = ((past << bits) | xs[t]) & maskC;
            source = ((source << bits) | ys[t]) & maskB;
        }
        long[] ac = new long[1 << (bits + bitsC)];
        long[] bc = new long[1 << (bitsB + bitsC)];
        long[] c = new long[1 << bitsC];
        double abc = 0;
        long n = 0;
        for (int code = 0; code < counts.length; code++) {
            int m = counts[code];
            if (m > 0) {
                abc += m * Math.log(m);
                n += m;
                int cc = code & maskC;
                int bb = (code >>> bitsC) & maskB;
                int aa = code >>> (bitsC + bitsB);
                ac[(aa << bitsC) | cc] += m;
                bc[(bb << bitsC) | cc] += m;
                c[cc] += m;
            }
        }
        return Math.max(0, (abc + sumNLnN(c) - sumNLnN(ac) - sumNLnN(bc)) / n);
    }

    private double batchEntropy() {
        int[] counts = new int[alphabet];
        int[] xs = x;
        for (int t = 0; t < xs.length; t++) {
            counts[xs[t]]++;
        }
        long n = xs.length;
        return Math.log(n) - sumNLnN(counts) / n;
    }

    /** H(X<sub>t+1</sub>, past) &minus; H(past), past = the last k symbols. */
    private double batchEntropyRate() {
        int bits = Integer.numberOfTrailingZeros(alphabet);
        int bitsPast = k * bits;
        int maskPast = (1 << bitsPast) - 1;
        int[] joint = new int[1 << (bits + bitsPast)];
        int[] xs = x;
        int past = 0;
        for (int t = 0; t < xs.length; t++) {
            if (t >= k) {
                joint[(xs[t] << bitsPast) | past]++;
            }
            past = ((past << bits) | xs[t]) & maskPast;
        }
        long[] marginal = new long[1 << bitsPast];
        long n = 0;
        for (int code = 0; code < joint.length; code++) {
            marginal[code & maskPast] += joint[code];
            n += joint[code];
        }
        // (ln N - S_joint/N) - (ln N - S_past/N)
        return Math.max(0, (sumNLnN(marginal) - sumNLnN(joint)) / n);
    }

    /** S = ln N &minus; &Sigma; n ln n / N over the d! patterns, each the Lehmer code of d consecutive values. */
    private double batchPermutationEntropy() {
        int d = k;
        int[] counts = new int[120];
        double[] vs = values;
        for (int t = d - 1; t < vs.length; t++) {
            int index = 0;
            int base = t - d + 1;
            for (int i = 0; i < d - 1; i++) {
                int smaller = 0;
                double v = vs[base + i];
                for (int j = i + 1; j < d; j++) {
                    smaller += vs[base + j] < v ? 1 : 0;
                }
                index = index * (d - i) + smaller;
            }
            counts[index]++;
        }
        long n = vs.length - d + 1;
        return Math.max(0, Math.log(n) - sumNLnN(counts) / n);
    }

    private static double sumNLnN(int[] counts) {
        double s = 0;
        for (int m : counts) {
            s += m > 0 ? m * Math.log(m) : 0;
        }
        return s;
    }

    private static double sumNLnN(long[] counts) {
        double s = 0;
        for (long m : counts) {
            s += m > 0 ? m * Math.log(m) : 0;
        }
        return s;
    }
}
