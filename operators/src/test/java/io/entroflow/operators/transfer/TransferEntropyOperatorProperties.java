package io.entroflow.operators.transfer;

import io.entroflow.operators.BatchInformation;
import io.entroflow.operators.BatchInformation.Sample;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.TestStreams;
import io.entroflow.operators.window.Window;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Incremental (conditional) TE and its local values equal a batch recomputation after every event, for every window kind. */
class TransferEntropyOperatorProperties {

    @Property(tries = 150)
    void incrementalTransferEntropyEqualsBatchAfterEveryEvent(@ForAll("windows") Window window,
                                                              @ForAll @IntRange(min = 1, max = 4) int targetAlphabet,
                                                              @ForAll @IntRange(min = 1, max = 4) int sourceAlphabet,
                                                              @ForAll @IntRange(min = 0, max = 3) int conditionAlphabet,
                                                              @ForAll @IntRange(min = 0, max = 3) int k,
                                                              @ForAll @IntRange(min = 1, max = 3) int l,
                                                              @ForAll @IntRange(min = 1, max = 3) int delay,
                                                              @ForAll @IntRange(min = 1, max = 2) int m,
                                                              @ForAll @IntRange(min = 1, max = 120) int length,
                                                              @ForAll long seed,
                                                              @ForAll boolean bits) {
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

    @Provide
    Arbitrary<Window> windows() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 60).map(Window::count),
                Arbitraries.integers().between(1, 1500).flatMap(span -> Arbitraries.integers().between(0, 200)
                        .map(late -> Window.time(Duration.ofMillis(span), Duration.ofMillis(late)))),
                Arbitraries.doubles().between(0.5, 100).map(Window::decayEvents),
                Arbitraries.integers().between(1, 3000).map(h -> Window.decayTime(Duration.ofMillis(h))),
                Arbitraries.just(Window.cumulative()));
    }
}
