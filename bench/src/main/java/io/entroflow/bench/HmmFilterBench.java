package io.entroflow.bench;

import io.entroflow.operators.hmm.GaussianEmission;
import io.entroflow.operators.hmm.HmmFilter;
import io.entroflow.operators.hmm.HmmModel;
import io.entroflow.operators.signal.HmmSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Per-event cost of the HMM filter step ({@link HmmFilter#update}) with Gaussian emissions.
 *
 * <p>Workload: a K-state model (means 0, 1, .., K&minus;1, unit variances, stay probability 0.95,
 * the rest spread evenly), 65,536 observations sampled from it by {@link HmmSampler} (seed 1)
 * and replayed in a loop; each invocation admits one event (O(K<sup>2</sup>) forward step, K
 * exponentials, regime-change check) and returns its running log-likelihood. Target: under
 * 150 ns per event at K = 4.
 *
 * <p>Run: {@code mvn -B -o -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar 'HmmFilterBench' -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HmmFilterBench {
    private static final int EVENTS = 1 << 16;

    @Param({"2", "4", "16"})
    public int states;

    private HmmFilter filter;
    private double[] observations;
    private int next;

    @Setup
    public void setUp() {
        double[] means = new double[states];
        double[] variances = new double[states];
        double[] initial = new double[states];
        double[][] transition = new double[states][states];
        for (int i = 0; i < states; i++) {
            means[i] = i;
            variances[i] = 1;
            initial[i] = 1.0 / states;
            for (int j = 0; j < states; j++) {
                transition[i][j] = i == j ? 0.95 : 0.05 / (states - 1);
            }
        }
        HmmModel model = new HmmModel(initial, transition, new GaussianEmission(means, variances));
        observations = new HmmSampler(model, 1).sample(EVENTS).observations();
        filter = new HmmFilter(model);
    }

    @Benchmark
    public double filterStep() {
        int i = next++ & (EVENTS - 1);
        return filter.update(i, observations[i]).logLikelihood();
    }
}
