package io.entroflow.operators.markov;

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

/** Incremental entropy rate and AIS equal a batch recomputation after every event, for every window kind. */
class HistoryInformationOperatorProperties {

    @Property(tries = 120)
    void incrementalEntropyRateAndStorageEqualBatchAfterEveryEvent(@ForAll("windows") Window window,
                                                                   @ForAll @IntRange(min = 1, max = 5) int alphabet,
                                                                   @ForAll @IntRange(min = 1, max = 4) int k,
                                                                   @ForAll @IntRange(min = 1, max = 120) int length,
                                                                   @ForAll boolean entropyRate,
                                                                   @ForAll long seed,
                                                                   @ForAll boolean bits) {
        InformationUnit unit = bits ? InformationUnit.BITS : InformationUnit.NATS;
        HistoryInformationMeasure measure = entropyRate ? HistoryInformationMeasure.ENTROPY_RATE
                : HistoryInformationMeasure.ACTIVE_INFORMATION;
        HistoryInformationOperator op = new HistoryInformationOperator(
                new HistoryInformationConfig(window, unit, measure, alphabet, k));
        Random random = new Random(seed);
        int[] x = BatchInformation.symbols(random, alphabet, length);
        long[] times = BatchInformation.times(random, window, length);
        List<Sample> samples = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            double local = op.update(times[t], x[t]);
            if (t < k) {
                assertThat(local).isNaN();
                continue;
            }
            samples.add(new Sample(times[t], new long[] {x[t], BatchInformation.history(x, t - k, t - 1, alphabet)}));
            double[] w = BatchInformation.weights(window, samples);
            double h = BatchInformation.entropy(samples, w, 0, 1) - BatchInformation.entropy(samples, w, 1);
            double a = BatchInformation.entropy(samples, w, 0) - h;
            double expected = unit.fromNats(Math.max(0, entropyRate ? h : a));
            assertThat(TestStreams.close(op.value(), expected))
                    .as("after %d events: %s vs %s", t + 1, op.value(), expected).isTrue();
            HistoryInformationSnapshot s = op.snapshot();
            assertThat(Math.abs(s.entropyRate() - unit.fromNats(Math.max(0, h))) < 1e-11).isTrue();
            assertThat(Math.abs(s.activeInformation() - unit.fromNats(Math.max(0, a))) < 1e-11).isTrue();
        }
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
