package io.entroflow.operators.markov;

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

/** Incremental entropy rate and AIS equal a batch recomputation after every event, for every window kind. */
class HistoryInformationOperatorProperties {

    @Test
    void incrementalEntropyRateAndStorageEqualBatchAfterEveryEvent() {
        qt(120).forAll(streams()).checkAssert(s -> incrementalEntropyRateAndStorageEqualBatchAfterEveryEvent(
                s.window(), s.alphabet(), s.k(), s.length(), s.entropyRate(), s.seed(), s.bits()));
    }

    /** Any window, 1..5 symbols, histories of 1..4, 1..120 events, either measure and unit. */
    private record Stream(Window window, int alphabet, int k, int length, boolean entropyRate, long seed, boolean bits) {
    }

    private static Gen<Stream> streams() {
        Gen<Window> windows = windows();
        Gen<Integer> alphabets = ints(1, 5);
        Gen<Integer> ks = ints(1, 4);
        Gen<Integer> lengths = ints(1, 120);
        Gen<Boolean> flags = bools();
        Gen<Long> seeds = seeds();
        return in -> new Stream(windows.generate(in), alphabets.generate(in), ks.generate(in), lengths.generate(in),
                flags.generate(in), seeds.generate(in), flags.generate(in));
    }

    private static void incrementalEntropyRateAndStorageEqualBatchAfterEveryEvent(Window window, int alphabet, int k,
                                                                                  int length, boolean entropyRate,
                                                                                  long seed, boolean bits) {
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
