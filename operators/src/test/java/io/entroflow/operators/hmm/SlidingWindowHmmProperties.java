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
 * The sliding-window filter equals, bit for bit, a new {@link HmmFilter} run over the window's
 * observations after every event (the batch recomputation it replaces), for every emission family.
 */
class SlidingWindowHmmProperties {

    @Test
    void everyStepEqualsANewFilterRunOverTheWindowBitForBit() {
        qt(200).forAll(ints(2, 4), ints(1, 12), ints(0, 2), seeds())
                .checkAssert(SlidingWindowHmmProperties::everyStepEqualsANewFilterRunOverTheWindow);
    }

    private static void everyStepEqualsANewFilterRunOverTheWindow(int k, int window, int typeIndex, long seed) {
        Random r = new Random(seed);
        EmissionType type = EmissionType.values()[typeIndex];
        HmmModel model = Models.random(r, k, type, 2 + r.nextInt(3));
        int length = 3 * window + 5;
        double[] x = new HmmSampler(model, seed).sample(length).observations();
        SlidingWindowHmm sliding = new SlidingWindowHmm(model, window);
        for (int t = 0; t < length; t++) {
            HmmStep got = sliding.update(1_000L * t, x[t]);
            HmmFilter batch = new HmmFilter(model);
            HmmStep expected = null;
            int from = Math.max(0, t - window + 1);
            for (int i = from; i <= t; i++) {
                expected = batch.update(1_000L * i, x[i]);
            }
            String at = type + " k=" + k + " n=" + window + " t=" + t;
            assertThat(Double.doubleToRawLongBits(got.surprise())).as(at).isEqualTo(Double.doubleToRawLongBits(expected.surprise()));
            assertThat(Double.doubleToRawLongBits(got.logLikelihood())).as(at)
                    .isEqualTo(Double.doubleToRawLongBits(expected.logLikelihood()));
            assertThat(Arrays.equals(got.posterior(), expected.posterior())).as(at).isTrue();
            assertThat(got.state()).as(at).isEqualTo(expected.state());
            assertThat(Double.doubleToRawLongBits(got.posteriorEntropy())).as(at)
                    .isEqualTo(Double.doubleToRawLongBits(expected.posteriorEntropy()));
            assertThat(sliding.size()).isEqualTo(t - from + 1);
            assertThat(sliding.oldestTime()).isEqualTo(1_000L * from);
            assertThat(sliding.newestTime()).isEqualTo(1_000L * t);
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
