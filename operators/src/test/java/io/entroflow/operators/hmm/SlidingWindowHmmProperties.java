package io.entroflow.operators.hmm;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sliding-window filter equals a new {@link HmmFilter} run over the window's observations after
 * every event (the batch recomputation it replaces), for every emission family: bit for bit while the
 * window fills, up to rounding (a few ulps per step) once it is full; and an instance rebuilt from the
 * last observations, starting a multiple of {@link SlidingWindowHmm#ALIGNMENT} back, equals the
 * uninterrupted one bit for bit.
 */
class SlidingWindowHmmProperties {
    private static final double TOLERANCE = 1e-9;

    @Test
    void everyStepEqualsANewFilterRunOverTheWindow() {
        qt(150).forAll(ints(2, 4), ints(1, 150), ints(0, 2), seeds())
                .checkAssert((k, window, type, seed) -> everyStepEqualsANewFilterRunOverTheWindow(
                        Models.random(new Random(seed), k, EmissionType.values()[type], 2 + new Random(seed).nextInt(3)),
                        window, seed, false));
    }

    @Test
    void impossibleObservationsRestartTheFilterAsANewFilterDoes() {
        // absorbing states with disjoint symbols 0 and 2: a 0 after a 2 (or the reverse) is impossible
        HmmModel model = new HmmModel(new double[] {0.5, 0.5}, new double[][] {{1, 0}, {0, 1}},
                new CategoricalEmission(new double[][] {{0.6, 0.4, 0}, {0, 0.4, 0.6}}));
        qt(100).forAll(ints(1, 90), seeds())
                .checkAssert((window, seed) -> everyStepEqualsANewFilterRunOverTheWindow(model, window, seed, true));
    }

    private static void everyStepEqualsANewFilterRunOverTheWindow(HmmModel model, int window, long seed,
                                                                boolean uniformSymbols) {
        Random r = new Random(seed);
        int length = 2 * window + 3 * SlidingWindowHmm.ALIGNMENT + 5;
        double[] x = uniformSymbols ? r.ints(length, 0, 3).asDoubleStream().toArray()
                : new HmmSampler(model, seed).sample(length).observations();
        SlidingWindowHmm sliding = new SlidingWindowHmm(model, window);
        for (int t = 0; t < length; t++) {
            HmmStep got = sliding.update(1_000L * t, x[t]);
            HmmFilter batch = new HmmFilter(model);
            HmmStep expected = null;
            int from = Math.max(0, t - window + 1);
            for (int i = from; i <= t; i++) {
                expected = batch.update(1_000L * i, x[i]);
            }
            String at = model.emission().type() + " k=" + model.states() + " n=" + window + " t=" + t;
            if (t < window - 1) { // filling: the filter's own steps
                assertThat(Double.doubleToRawLongBits(got.surprise())).as(at).isEqualTo(Double.doubleToRawLongBits(expected.surprise()));
                assertThat(Double.doubleToRawLongBits(got.logLikelihood())).as(at)
                        .isEqualTo(Double.doubleToRawLongBits(expected.logLikelihood()));
                assertThat(Arrays.equals(got.posterior(), expected.posterior())).as(at).isTrue();
                assertThat(got.state()).as(at).isEqualTo(expected.state());
            } else {
                assertClose(got.surprise(), expected.surprise(), at + " surprise");
                assertClose(got.logLikelihood(), expected.logLikelihood(), at + " log-likelihood");
                assertClose(got.posteriorEntropy(), expected.posteriorEntropy(), at + " posterior entropy");
                double best = 0;
                for (int j = 0; j < model.states(); j++) {
                    assertClose(got.posterior()[j], expected.posterior()[j], at + " posterior " + j);
                    best = Math.max(best, expected.posterior()[j]);
                }
                assertThat(expected.posterior()[got.state()]).as(at + " state").isGreaterThanOrEqualTo(best - TOLERANCE);
                assertThat(got.impossible()).as(at).isEqualTo(expected.impossible());
            }
            assertThat(sliding.size()).isEqualTo(t - from + 1);
            assertThat(sliding.oldestTime()).isEqualTo(1_000L * from);
            assertThat(sliding.newestTime()).isEqualTo(1_000L * t);
        }
    }

    @Test
    void anInstanceRebuiltFromAnAlignedStartEqualsTheUninterruptedOneBitForBit() {
        qt(100).forAll(ints(2, 4), ints(1, 150), ints(0, 2), seeds())
                .checkAssert(SlidingWindowHmmProperties::aRebuiltInstanceEqualsTheUninterruptedOne);
    }

    private static void aRebuiltInstanceEqualsTheUninterruptedOne(int k, int window, int typeIndex, long seed) {
        Random r = new Random(seed);
        HmmModel model = Models.random(r, k, EmissionType.values()[typeIndex], 2 + r.nextInt(3));
        int align = SlidingWindowHmm.ALIGNMENT;
        int restartAt = window + align + r.nextInt(3 * align); // events seen when the instance is rebuilt
        int length = restartAt + 2 * window + align;
        double[] x = new HmmSampler(model, seed).sample(length).observations();
        // the journal replays whole chunks: from the last multiple of 64 at or before the window's start
        int replayFrom = (restartAt - window) / align * align;
        SlidingWindowHmm live = new SlidingWindowHmm(model, window);
        SlidingWindowHmm rebuilt = new SlidingWindowHmm(model, window);
        for (int t = 0; t < length; t++) {
            HmmStep a = live.update(t, x[t]);
            if (t >= replayFrom) {
                HmmStep b = rebuilt.update(t, x[t]);
                if (t >= restartAt - 1) {
                    String at = "k=" + k + " n=" + window + " t=" + t + " replay from " + replayFrom;
                    assertThat(Double.doubleToRawLongBits(b.surprise())).as(at).isEqualTo(Double.doubleToRawLongBits(a.surprise()));
                    assertThat(Double.doubleToRawLongBits(b.logLikelihood())).as(at)
                            .isEqualTo(Double.doubleToRawLongBits(a.logLikelihood()));
                    assertThat(Arrays.equals(b.posterior(), a.posterior())).as(at).isTrue();
                    assertThat(b.state()).as(at).isEqualTo(a.state());
                }
            }
        }
    }

    private static void assertClose(double got, double expected, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertThat(got).as(what).isEqualTo(expected);
        } else {
            assertThat(Math.abs(got - expected)).as(what + ": " + got + " vs " + expected)
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected)));
        }
    }

    @Test
    void shouldLeaveTheWindowUnchangedWhenAnObservationIsRejected() {
        HmmModel model = Models.gaussian(new double[] {0, 5}, new double[] {1, 1}, 0.95);
        SlidingWindowHmm a = new SlidingWindowHmm(model, 3);
        SlidingWindowHmm b = new SlidingWindowHmm(model, 3);
        for (double v : new double[] {0.1, 4.9, 5.2}) {
            a.update(0, v);
            b.update(0, v);
        }
        assertThatThrownBy(() -> a.update(1, Double.NaN)).isInstanceOf(RejectedEventException.class);
        assertThat(a.update(2, 0.3).logLikelihood()).isEqualTo(b.update(2, 0.3).logLikelihood());
        assertThatThrownBy(() -> new SlidingWindowHmm(model, 0)).hasMessage("window: must be at least 1, got 0");
    }
}
