package io.entroflow.operators.entropy;

import io.entroflow.operators.BatchEntropy;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.TestStreams;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.entroflow.operators.Theories.bools;
import static io.entroflow.operators.Theories.decimals;
import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;

/** Incremental values equal a from-scratch batch computation after every event, for every window kind and measure. */
class EntropyOperatorProperties {

    @Test
    void incrementalEqualsBatchAfterEveryEvent() {
        qt(400).forAll(streams()).checkAssert(s -> incrementalEqualsBatchAfterEveryEvent(
                s.window(), s.measure(), s.alphabet(), s.length(), s.seed(), s.bits()));
    }

    /** Any window, any measure, small or large alphabets, 1..300 events, either unit. */
    private record Stream(Window window, EntropyMeasure measure, int alphabet, int length, long seed, boolean bits) {
    }

    private static Gen<Stream> streams() {
        Gen<Window> windows = windows();
        Gen<EntropyMeasure> measures = measures();
        Gen<Integer> alphabets = alphabets();
        Gen<Integer> lengths = ints(1, 300);
        Gen<Long> seeds = seeds();
        Gen<Boolean> bits = bools();
        return in -> {
            EntropyMeasure measure = measures.generate(in);
            int alphabet = alphabets.generate(in);
            return new Stream(windows.generate(in), atLeast(measure, alphabet), alphabet, lengths.generate(in),
                    seeds.generate(in), bits.generate(in));
        };
    }

    /** A normalised entropy's declared alphabet d &gt; 0 as alphabet + d &minus; 1: never below the symbols (refused). */
    private static EntropyMeasure atLeast(EntropyMeasure measure, int alphabet) {
        return measure instanceof EntropyMeasure.NormalizedShannon n && n.declaredAlphabetSize() > 0
                ? EntropyMeasure.normalized(alphabet + n.declaredAlphabetSize() - 1) : measure;
    }

    private static void incrementalEqualsBatchAfterEveryEvent(Window window, EntropyMeasure measure, int alphabet,
                                                              int length, long seed, boolean bits) {
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
            if (measure.usesUnit()) {
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

    private static Gen<Window> windows() {
        return Generate.oneOf(
                ints(1, 120).map(Window::count),
                ints(1, 2000).zip(ints(0, 300),
                        (span, late) -> Window.time(Duration.ofMillis(span), Duration.ofMillis(late))),
                decimals(0.5, 200).map(Window::decayEvents),
                // half-lives from 10 ms: 300 events 0..40 ms apart stay within ~1000 half-lives, where no
                // weight underflows (past that a weight reaches 0 and leaves the support; see Window.Decay)
                ints(10, 3000).map(h -> Window.decayTime(Duration.ofMillis(h))),
                Generate.constant(Window.cumulative()));
    }

    private static Gen<EntropyMeasure> measures() {
        return Generate.oneOf(
                Generate.pick(List.of(EntropyMeasure.shannon(), EntropyMeasure.millerMadow(), EntropyMeasure.giniSimpson(),
                        EntropyMeasure.renyi(0), EntropyMeasure.renyi(1), EntropyMeasure.renyi(2),
                        EntropyMeasure.renyi(Double.POSITIVE_INFINITY), EntropyMeasure.tsallis(0),
                        EntropyMeasure.tsallis(1), EntropyMeasure.tsallis(2), EntropyMeasure.normalized(0))),
                decimals(0.05, 6).map(EntropyMeasure::renyi),
                decimals(0.05, 6).map(EntropyMeasure::tsallis),
                ints(1, 50).map(EntropyMeasure::normalized));
    }

    private static Gen<Integer> alphabets() {
        return Generate.oneOf(ints(1, 8), ints(9, 6000));
    }
}
