package io.entroflow.operators.entropy;

import io.entroflow.operators.BatchEntropy;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.TestStreams;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.entroflow.operators.Theories.decimals;
import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DivergenceOperatorProperties {

    @Test
    void incrementalKlAndJsEqualBatchAfterEveryEvent() {
        qt(200).forAll(streams()).checkAssert(s -> incrementalKlAndJsEqualBatchAfterEveryEvent(
                s.windowSize(), s.alphabet(), s.length(), s.smoothing(), s.seed()));
    }

    /** Count windows of 1..40 over 1..30 symbols, 1..200 events, a reference smoothed by 0..2 (0 among the edges). */
    private record Stream(int windowSize, int alphabet, int length, double smoothing, long seed) {
    }

    private static Gen<Stream> streams() {
        return ints(1, 40).zip(ints(1, 30), ints(1, 200), decimals(0, 2), seeds(), Stream::new);
    }

    private static void incrementalKlAndJsEqualBatchAfterEveryEvent(int windowSize, int alphabet, int length,
                                                                    double smoothing, long seed) {
        Random random = new Random(seed);
        long[] refCounts = new long[alphabet];
        for (int s = 0; s < alphabet; s++) {
            refCounts[s] = random.nextInt(3) == 0 ? 0 : random.nextInt(50);
        }
        refCounts[0] += 1;
        ReferenceDistribution q = ReferenceDistribution.fromCounts(refCounts, smoothing);
        Window window = Window.count(windowSize);
        DivergenceOperator kl = new DivergenceOperator(window, Divergence.KULLBACK_LEIBLER, q, InformationUnit.NATS);
        DivergenceOperator js = new DivergenceOperator(window, Divergence.JENSEN_SHANNON, q, InformationUnit.NATS);
        List<BatchEntropy.Event> events = TestStreams.events(window, alphabet, length, seed);
        List<BatchEntropy.Event> seen = new ArrayList<>();
        for (BatchEntropy.Event e : events) {
            kl.update(e.time(), e.symbol());
            js.update(e.time(), e.symbol());
            seen.add(e);
            double[] w = BatchEntropy.windowWeights(window, seen, alphabet);
            assertThat(TestStreams.close(kl.value(), batchKl(w, q))).as("KL %s vs %s", kl.value(), batchKl(w, q)).isTrue();
            assertThat(TestStreams.close(js.value(), batchJs(w, q))).as("JS %s vs %s", js.value(), batchJs(w, q)).isTrue();
        }
        assertThat(kl.snapshot().value()).isEqualTo(kl.value());
        assertThat(js.snapshot().value()).isEqualTo(js.value());
    }

    @Test
    void shouldBeZeroWhenTheWindowMatchesTheReference() {
        ReferenceDistribution q = ReferenceDistribution.fromCounts(new long[] {1, 1, 2}, 0);
        DivergenceOperator kl = new DivergenceOperator(Window.count(4), Divergence.KULLBACK_LEIBLER, q, InformationUnit.BITS);
        int[] symbols = {0, 1, 2, 2};
        for (int i = 0; i < symbols.length; i++) {
            kl.update(i, symbols[i]);
        }
        assertThat(kl.value()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldBeInfiniteWhenTheWindowHasMassTheReferenceLacks() {
        ReferenceDistribution q = ReferenceDistribution.fromCounts(new long[] {5, 0}, 0);
        DivergenceOperator kl = new DivergenceOperator(Window.count(2), Divergence.KULLBACK_LEIBLER, q, InformationUnit.BITS);
        kl.update(0, 1);
        assertThat(kl.value()).isEqualTo(Double.POSITIVE_INFINITY);
        kl.update(1, 0);
        kl.update(2, 0); // symbol 1 has left the window
        assertThat(kl.value()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldGiveOneBitOfJensenShannonForDisjointSupports() {
        ReferenceDistribution q = ReferenceDistribution.fromCounts(new long[] {0, 7}, 0);
        DivergenceOperator js = new DivergenceOperator(Window.cumulative(), Divergence.JENSEN_SHANNON, q, InformationUnit.BITS);
        js.update(0, 0);
        assertThat(js.value()).isCloseTo(1.0, within(1e-12));
    }

    static double batchKl(double[] w, ReferenceDistribution q) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double d = 0;
        for (int s = 0; s < w.length; s++) {
            if (w[s] > 0) {
                double p = w[s] / total;
                if (q.probability(s) == 0) {
                    return Double.POSITIVE_INFINITY;
                }
                d += p * Math.log(p / q.probability(s));
            }
        }
        return Math.max(0, d);
    }

    static double batchJs(double[] w, ReferenceDistribution q) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double d = 0;
        for (int s = 0; s < w.length; s++) {
            double p = w[s] / total;
            double qs = q.probability(s);
            double m = (p + qs) / 2;
            if (p > 0) {
                d += 0.5 * p * Math.log(p / m);
            }
            if (qs > 0) {
                d += 0.5 * qs * Math.log(qs / m);
            }
        }
        return Math.max(0, d);
    }
}
