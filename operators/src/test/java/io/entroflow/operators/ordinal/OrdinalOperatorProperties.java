package io.entroflow.operators.ordinal;

import io.entroflow.operators.internal.ordinal.OrdinalPatternEncoder;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.TestStreams;
import io.entroflow.operators.symbol.OrdinalPatterns;
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

/** Incremental ordinal values equal a from-scratch rescan after every event, for every window kind. */
class OrdinalOperatorProperties {

    @Test
    void incrementalPatternIndexEqualsLehmerCodeOfTheEmbeddingVector() {
        // orders 2..7, delays 1..4, 0..200 values
        qt(150).forAll(ints(2, 7), ints(1, 4), ints(0, 200), seeds())
                .checkAssert(OrdinalOperatorProperties::incrementalPatternIndexEqualsLehmerCodeOfTheEmbeddingVector);
    }

    private static void incrementalPatternIndexEqualsLehmerCodeOfTheEmbeddingVector(int d, int tau, int length, long seed) {
        List<BatchOrdinal.Sample> samples = samples(length, seed, false);
        OrdinalPatternEncoder encoder = new OrdinalPatternEncoder(d, tau);
        double[] v = new double[d];
        for (int j = 0; j < samples.size(); j++) {
            int index = encoder.next(samples.get(j).value());
            if (j < (d - 1) * tau) {
                assertThat(index).isEqualTo(OrdinalPatternEncoder.NO_PATTERN);
                continue;
            }
            for (int i = 0; i < d; i++) {
                v[i] = samples.get(j - (d - 1 - i) * tau).value();
            }
            assertThat(index).as("pattern of value %d", j).isEqualTo(OrdinalPatterns.patternIndex(v));
        }
    }

    @Test
    void incrementalEntropyAndComplexityEqualBatchAfterEveryEvent() {
        qt(200).forAll(series()).checkAssert(s -> incrementalEntropyAndComplexityEqualBatchAfterEveryEvent(
                s.window(), s.d(), s.tau(), s.weighted(), s.length(), s.seed()));
    }

    /** Any window, orders 2..5, delays 1..3, plain or weighted, 1..250 values. */
    private record Series(Window window, int d, int tau, boolean weighted, int length, long seed) {
    }

    private static Gen<Series> series() {
        Gen<Window> windows = windows();
        Gen<Integer> orders = ints(2, 5);
        Gen<Integer> delays = ints(1, 3);
        Gen<Boolean> weighted = bools();
        Gen<Integer> lengths = ints(1, 250);
        Gen<Long> seeds = seeds();
        return in -> new Series(windows.generate(in), orders.generate(in), delays.generate(in), weighted.generate(in),
                lengths.generate(in), seeds.generate(in));
    }

    private static void incrementalEntropyAndComplexityEqualBatchAfterEveryEvent(Window window, int d, int tau,
                                                                                 boolean weighted, int length, long seed) {
        OrdinalConfig config = new OrdinalConfig(window, d, tau, weighted, InformationUnit.NATS);
        PermutationEntropyOperator pe = new PermutationEntropyOperator(config);
        StatisticalComplexityOperator sc = new StatisticalComplexityOperator(config);
        List<BatchOrdinal.Sample> samples = samples(length, seed, window instanceof Window.Time);
        List<BatchOrdinal.Sample> seen = new ArrayList<>();
        for (BatchOrdinal.Sample s : samples) {
            double peLocal = pe.update(s.time(), s.value());
            double scLocal = sc.update(s.time(), s.value());
            // both return the pattern's local normalised surprisal
            assertThat(Double.isNaN(scLocal) ? Double.isNaN(peLocal) : TestStreams.close(scLocal, peLocal)).isTrue();
            seen.add(s);
            double[] w = BatchOrdinal.patternWeights(window, seen, d, tau, weighted);
            double h = BatchOrdinal.normalizedEntropy(w);
            double c = BatchOrdinal.complexity(w);
            assertThat(TestStreams.close(pe.value(), h))
                    .as("PE after %d values of %s d=%d tau=%d weighted=%s: %s vs batch %s", seen.size(),
                            window.describe(), d, tau, weighted, pe.value(), h).isTrue();
            assertThat(TestStreams.close(sc.value(), c))
                    .as("C after %d values of %s d=%d tau=%d weighted=%s: %s vs batch %s", seen.size(),
                            window.describe(), d, tau, weighted, sc.value(), c).isTrue();
            assertThat(TestStreams.close(sc.entropy(), h)).isTrue();
            ComplexitySnapshot now = sc.snapshot();
            assertThat(sc.reading()).as("the reading has the snapshot's bits")
                    .isEqualTo(new ComplexityReading(now.complexity(), now.patterns(), now.windowStart(), now.windowEnd()));
        }
        ComplexitySnapshot snap = sc.snapshot();
        double[] w = BatchOrdinal.patternWeights(window, seen, d, tau, false);
        double[] ever = BatchOrdinal.patternWeights(Window.cumulative(), seen, d, tau, false);
        for (int i = 0; i < w.length; i++) {
            if (window instanceof Window.Decay) {
                // nothing leaves a decay window: a pattern is forbidden if never seen, or forgotten
                // once its weight underflows (~1000 half-lives after it was last seen)
                if (snap.forbidden().contains(i)) {
                    assertThat(ever[i] == 0 || w[i] < 1e-250).as("forbidden pattern %d has weight %s", i, w[i]).isTrue();
                }
                if (ever[i] == 0) {
                    assertThat(snap.forbidden()).contains(i);
                }
            } else {
                assertThat(snap.forbidden().contains(i)).as("pattern %d", i).isEqualTo(w[i] == 0);
            }
        }
        assertThat(TestStreams.close(snap.complexity(), sc.value())).isTrue();
        assertThat(TestStreams.close(pe.snapshot().value(), pe.value())).isTrue();
    }

    @Test
    void complexityQueriedAfterEveryEventIsBitIdenticalToOneRebuiltFromScratchAtTheEnd() {
        // any window, orders 2..5, 1..250 values
        qt(100).forAll(windows(), ints(2, 5), ints(1, 250), seeds())
                .checkAssert(OrdinalOperatorProperties::complexityQueriedAfterEveryEventIsBitIdenticalToOneRebuiltFromScratchAtTheEnd);
    }

    private static void complexityQueriedAfterEveryEventIsBitIdenticalToOneRebuiltFromScratchAtTheEnd(
            Window window, int d, int length, long seed) {
        OrdinalConfig config = new OrdinalConfig(window, d, 1, false, InformationUnit.NATS);
        StatisticalComplexityOperator everyEvent = new StatisticalComplexityOperator(config);
        StatisticalComplexityOperator atEnd = new StatisticalComplexityOperator(config);
        List<BatchOrdinal.Sample> samples = samples(length, seed, window instanceof Window.Time);
        for (BatchOrdinal.Sample s : samples) {
            everyEvent.update(s.time(), s.value());
            everyEvent.value(); // keeps the Jensen-Shannon sum live, replaced per event
            atEnd.update(s.time(), s.value());
        }
        // atEnd never queried: its sum is recomputed from the counts now
        assertThat(Double.doubleToRawLongBits(everyEvent.value()))
                .as("%s d=%d after %d values: %s vs %s", window.describe(), d, length, everyEvent.value(), atEnd.value())
                .isEqualTo(Double.doubleToRawLongBits(atEnd.value()));
        assertThat(everyEvent.point()).isEqualTo(atEnd.point());
    }

    /** Values with many ties (small integers) or continuous ones; times with disorder for time windows. */
    static List<BatchOrdinal.Sample> samples(int length, long seed, boolean disorder) {
        Random random = new Random(seed);
        boolean ties = random.nextBoolean();
        double trend = random.nextInt(3) == 0 ? random.nextGaussian() : 0;
        long maxTime = 1_000_000;
        List<BatchOrdinal.Sample> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            maxTime += random.nextInt(41);
            long time = disorder && random.nextInt(4) == 0 ? maxTime - random.nextInt(60) : maxTime;
            double value = ties ? random.nextInt(4) : random.nextGaussian() * Math.exp(3 * random.nextGaussian());
            out.add(new BatchOrdinal.Sample(time, value + trend * i));
        }
        return out;
    }

    /** Count 1..80, time 1..2000 ms with 60 ms lateness, decay over 0.5..100 events or 12..3000 ms, cumulative. */
    private static Gen<Window> windows() {
        return Generate.oneOf(
                ints(1, 80).map(Window::count),
                ints(1, 2000).map(span -> Window.time(Duration.ofMillis(span), Duration.ofMillis(60))),
                decimals(0.5, 100).map(Window::decayEvents),
                // half-lives >= 12 ms keep a 250-event history (<= 10 s) under ~850 half-lives: beyond
                // ~1000 the batch's and the operator's weights underflow at different ages
                ints(12, 3000).map(h -> Window.decayTime(Duration.ofMillis(h))),
                Generate.constant(Window.cumulative()));
    }
}
