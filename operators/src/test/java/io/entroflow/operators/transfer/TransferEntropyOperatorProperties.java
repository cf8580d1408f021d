package io.entroflow.operators.transfer;

import io.entroflow.operators.BatchInformation;
import io.entroflow.operators.BatchInformation.Sample;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.TestStreams;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.entroflow.operators.Theories.bools;
import static io.entroflow.operators.Theories.decimals;
import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;

/** Incremental (conditional) TE and its local values equal a batch recomputation after every event, for every window kind. */
class TransferEntropyOperatorProperties {

    @Test
    void incrementalTransferEntropyEqualsBatchAfterEveryEvent() {
        qt(150).forAll(streams()).checkAssert(s -> incrementalTransferEntropyEqualsBatchAfterEveryEvent(
                s.window(), s.targetAlphabet(), s.sourceAlphabet(), s.conditionAlphabet(), s.k(), s.l(), s.delay(), s.m(),
                s.length(), s.seed(), s.bits()));
    }

    /**
     * Any window; target and source over 1..4 symbols, a condition over 0 (none) ..3; target history
     * 0..3, source history 1..3 at delay 1..3, condition history 1..2; 1..120 events; either unit.
     */
    private record Stream(Window window, int targetAlphabet, int sourceAlphabet, int conditionAlphabet, int k, int l,
                          int delay, int m, int length, long seed, boolean bits) {
    }

    private static Gen<Stream> streams() {
        Gen<Window> windows = windows();
        Gen<Integer> alphabets = ints(1, 4);
        Gen<Integer> conditions = ints(0, 3);
        Gen<Integer> ks = ints(0, 3);
        Gen<Integer> oneToThree = ints(1, 3);
        Gen<Integer> ms = ints(1, 2);
        Gen<Integer> lengths = ints(1, 120);
        Gen<Long> seeds = seeds();
        Gen<Boolean> bits = bools();
        return in -> new Stream(windows.generate(in), alphabets.generate(in), alphabets.generate(in),
                conditions.generate(in), ks.generate(in), oneToThree.generate(in), oneToThree.generate(in),
                ms.generate(in), lengths.generate(in), seeds.generate(in), bits.generate(in));
    }

    private static void incrementalTransferEntropyEqualsBatchAfterEveryEvent(Window window, int targetAlphabet,
                                                                             int sourceAlphabet, int conditionAlphabet,
                                                                             int k, int l, int delay, int m, int length,
                                                                             long seed, boolean bits) {
        InformationUnit unit = bits ? InformationUnit.BITS : InformationUnit.NATS;
        TransferEntropyConfig config = TransferEntropyConfig.of(window, unit, targetAlphabet, sourceAlphabet, k, l, delay);
        boolean conditioned = conditionAlphabet > 0;
        if (conditioned) {
            config = config.withCondition(conditionAlphabet, m, 1);
        }
        TransferEntropyOperator op = new TransferEntropyOperator(config);
        Random random = new Random(seed);
        int[] x = BatchInformation.symbols(random, targetAlphabet, length);
        int[] y = BatchInformation.symbols(random, sourceAlphabet, length);
        int[] z = BatchInformation.symbols(random, Math.max(1, conditionAlphabet), length);
        long[] times = BatchInformation.times(random, window, length);
        int start = Math.max(k, Math.max(delay + l - 1, conditioned ? m : 0));
        List<Sample> samples = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            double local = conditioned ? op.update(times[t], x[t], y[t], z[t]) : op.update(times[t], x[t], y[t]);
            if (t < start) {
                assertThat(local).as("warm-up event %d", t).isNaN();
                assertThat(op.windowSize()).isZero();
                continue;
            }
            samples.add(new Sample(times[t], new long[] {
                    x[t],
                    k == 0 ? 0 : BatchInformation.history(x, t - k, t - 1, targetAlphabet),
                    BatchInformation.history(y, t - delay - l + 1, t - delay, sourceAlphabet),
                    conditioned ? BatchInformation.history(z, t - m, t - 1, conditionAlphabet) : 0}));
            double[] w = BatchInformation.weights(window, samples);
            double expected = unit.fromNats(BatchInformation.conditionalMutualInformation(samples, w,
                    new int[] {0}, new int[] {2}, new int[] {1, 3}));
            assertThat(TestStreams.close(op.value(), expected))
                    .as("after %d events of %s: incremental %s vs batch %s", t + 1, window.describe(), op.value(), expected)
                    .isTrue();
            if (!Double.isNaN(local)) {
                // local value from the weights of the sample's own tuple
                Sample s = samples.get(samples.size() - 1);
                double expectedLocal = unit.fromNats(localCmi(samples, w, s));
                assertThat(TestStreams.close(local, expectedLocal)).as("local %s vs %s", local, expectedLocal).isTrue();
            }
        }
        assertThat(op.snapshot().value()).isEqualTo(op.value());
    }

    private static double localCmi(List<Sample> samples, double[] w, Sample s) {
        double abc = 0, ac = 0, bc = 0, c = 0;
        for (int i = 0; i < samples.size(); i++) {
            long[] v = samples.get(i).values();
            long[] q = s.values();
            boolean cm = v[1] == q[1] && v[3] == q[3];
            if (!cm) {
                continue;
            }
            c += w[i];
            if (v[0] == q[0]) {
                ac += w[i];
            }
            if (v[2] == q[2]) {
                bc += w[i];
                if (v[0] == q[0]) {
                    abc += w[i];
                }
            }
        }
        return Math.log(abc * c / (ac * bc));
    }

    /** Every window kind: count 1..60, time 1..1500 ms with 0..200 ms lateness, decay over 0.5..100 events or 1..3000 ms,
     * cumulative. */
    private static Gen<Window> windows() {
        return Generate.oneOf(
                ints(1, 60).map(Window::count),
                ints(1, 1500).zip(ints(0, 200),
                        (span, late) -> Window.time(Duration.ofMillis(span), Duration.ofMillis(late))),
                decimals(0.5, 100).map(Window::decayEvents),
                ints(1, 3000).map(h -> Window.decayTime(Duration.ofMillis(h))),
                Generate.constant(Window.cumulative()));
    }
}
