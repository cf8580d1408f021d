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

/** Every two-stream measure of the snapshot equals a batch recomputation after every event, for every window kind. */
class MutualInformationOperatorProperties {

    @Property(tries = 150)
    void incrementalMeasuresEqualBatchAfterEveryEvent(@ForAll("windows") Window window,
                                                      @ForAll @IntRange(min = 1, max = 5) int ax,
                                                      @ForAll @IntRange(min = 1, max = 5) int ay,
                                                      @ForAll @IntRange(min = 0, max = 3) int az,
                                                      @ForAll @IntRange(min = 1, max = 120) int length,
                                                      @ForAll long seed,
                                                      @ForAll boolean bits) {
        InformationUnit unit = bits ? InformationUnit.BITS : InformationUnit.NATS;
        MutualInformationOperator op = new MutualInformationOperator(new MutualInformationConfig(window, unit, ax, ay, az));
        Random random = new Random(seed);
        int[] x = BatchInformation.symbols(random, ax, length);
        int[] y = BatchInformation.symbols(random, ay, length);
        int[] z = BatchInformation.symbols(random, Math.max(1, az), length);
        long[] times = BatchInformation.times(random, window, length);
        List<Sample> samples = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            if (az > 0) {
                op.update(times[t], x[t], y[t], z[t]);
            } else {
                op.update(times[t], x[t], y[t]);
            }
            samples.add(new Sample(times[t], new long[] {x[t], y[t], az > 0 ? z[t] : 0}));
            double[] w = BatchInformation.weights(window, samples);
            double hz = BatchInformation.entropy(samples, w, 2);
            double hx = BatchInformation.entropy(samples, w, 0, 2) - hz;
            double hy = BatchInformation.entropy(samples, w, 1, 2) - hz;
            double hxy = BatchInformation.entropy(samples, w, 0, 1, 2) - hz;
            double mi = BatchInformation.conditionalMutualInformation(samples, w, new int[] {0}, new int[] {1}, new int[] {2});
            MutualInformationSnapshot s = op.snapshot();
            check("H(X)", s.entropyX(), unit.fromNats(hx));
            check("H(Y)", s.entropyY(), unit.fromNats(hy));
            check("H(X,Y)", s.jointEntropy(), unit.fromNats(hxy));
            check("H(X|Y)", s.conditionalEntropyXGivenY(), unit.fromNats(hxy - hy));
            check("H(Y|X)", s.conditionalEntropyYGivenX(), unit.fromNats(hxy - hx));
            check("I", s.mutualInformation(), unit.fromNats(mi));
            check("I value()", op.value(), unit.fromNats(mi));
            check("D", s.entropicDistance(), unit.fromNats(2 * hxy - hx - hy));
            if (hxy > 1e-3) { // a ratio of two near-zero entropies is ill-conditioned
                check("Rajski", s.rajskiDistance(), (2 * hxy - hx - hy) / hxy);
            }
            if (hx > 1e-3 && hy > 1e-3) {
                check("NMI", s.normalizedMutualInformation(), mi / Math.sqrt(hx * hy));
            }
        }
    }

    private static void check(String what, double actual, double expected) {
        expected = Math.max(0.0, expected);
        assertThat(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) + 1e-11)
                .as("%s: incremental %s vs batch %s", what, actual, expected).isTrue();
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
