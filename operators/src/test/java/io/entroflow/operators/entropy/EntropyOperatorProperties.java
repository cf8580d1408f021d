package io.entroflow.operators.entropy;

import io.entroflow.operators.BatchEntropy;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Incremental values equal a from-scratch batch computation after every event, for every window kind and measure. */
class EntropyOperatorProperties {

    @Property(tries = 400)
    void incrementalEqualsBatchAfterEveryEvent(@ForAll("windows") Window window,
                                               @ForAll("measures") EntropyMeasure measure,
                                               @ForAll("alphabets") int alphabet,
                                               @ForAll @IntRange(min = 1, max = 300) int length,
                                               @ForAll long seed,
                                               @ForAll boolean bits) {
        InformationUnit unit = bits ? InformationUnit.BITS : InformationUnit.NATS;
        EntropyOperator op = new EntropyOperator(new EntropyConfig(window, measure, unit, alphabet));
        List<BatchEntropy.Event> events = TestStreams.events(window, alphabet, length, seed);
        List<BatchEntropy.Event> seen = new ArrayList<>();
        for (BatchEntropy.Event e : events) {
            op.update(e.time(), e.symbol());
            seen.add(e);
            double[] weights = BatchEntropy.windowWeights(window, seen, alphabet);
            double sampleSize = sampleSize(window, weights);
            double expected = BatchEntropy.evaluate(measure, weights, sampleSize);
            if (measure.usesUnit() && !(measure instanceof EntropyMeasure.NormalizedShannon)) {
                expected = unit.fromNats(expected);
            }
            double actual = op.value();
            assertThat(TestStreams.close(actual, expected))
                    .as("after %d events of %s, %s: incremental %s vs batch %s", seen.size(), window.describe(), measure, actual, expected)
                    .isTrue();
        }
        assertThat(op.snapshot().value()).isEqualTo(op.value());
    }

    private static double sampleSize(Window window, double[] weights) {
        double t = 0; // the batch gives an event at stream time weight 1, so the total is the sample size
        for (double w : weights) {
            t += w;
        }
        return t;
    }

    @Provide
    Arbitrary<Window> windows() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 120).map(Window::count),
                Arbitraries.integers().between(1, 2000).flatMap(span -> Arbitraries.integers().between(0, 300)
                        .map(late -> Window.time(Duration.ofMillis(span), Duration.ofMillis(late)))),
                Arbitraries.doubles().between(0.5, 200).map(Window::decayEvents),
                // half-lives from 10 ms: 300 events 0..40 ms apart stay within ~1000 half-lives, where no
                // weight underflows (past that a weight reaches 0 and leaves the support; see Window.Decay)
                Arbitraries.integers().between(10, 3000).map(h -> Window.decayTime(Duration.ofMillis(h))),
                Arbitraries.just(Window.cumulative()));
    }

    @Provide
    Arbitrary<EntropyMeasure> measures() {
        return Arbitraries.oneOf(
                Arbitraries.of(EntropyMeasure.shannon(), EntropyMeasure.millerMadow(), EntropyMeasure.giniSimpson(),
                        EntropyMeasure.renyi(0), EntropyMeasure.renyi(1), EntropyMeasure.renyi(2),
                        EntropyMeasure.renyi(Double.POSITIVE_INFINITY), EntropyMeasure.tsallis(0),
                        EntropyMeasure.tsallis(1), EntropyMeasure.tsallis(2), EntropyMeasure.normalized(0)),
                Arbitraries.doubles().between(0.05, 6).map(EntropyMeasure::renyi),
                Arbitraries.doubles().between(0.05, 6).map(EntropyMeasure::tsallis),
                Arbitraries.integers().between(1, 50).map(EntropyMeasure::normalized));
    }

    @Provide
    Arbitrary<Integer> alphabets() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 8), Arbitraries.integers().between(9, 6000));
    }
}
