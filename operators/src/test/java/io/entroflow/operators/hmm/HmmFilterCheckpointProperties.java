package io.entroflow.operators.hmm;

import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.Random;

import static io.entroflow.operators.Theories.bools;
import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recursive filter checkpointed at a random point and restored into a fresh filter continues
 * bit-identically: every later step (posterior, surprise, likelihood, entropies, regime changes)
 * and snapshot equals the uninterrupted filter's, to the bit.
 */
class HmmFilterCheckpointProperties {

    @Test
    void restoredFilterContinuesBitIdentically() {
        qt(120).forAll(filterRuns()).checkAssert(f -> restoredFilterContinuesBitIdentically(
                f.k(), f.typeIndex(), f.length(), f.dwell(), f.seed()));
    }

    /** 2..4 states, every emission type, 1..400 events, immediate or dwell-time regime changes. */
    private record FilterRun(int k, int typeIndex, int length, boolean dwell, long seed) {
    }

    private static Gen<FilterRun> filterRuns() {
        return ints(2, 4).zip(ints(0, 2), ints(1, 400), bools(), seeds(), FilterRun::new);
    }

    private static void restoredFilterContinuesBitIdentically(int k, int typeIndex, int length, boolean dwell, long seed) {
        Random r = new Random(seed);
        EmissionType type = EmissionType.values()[typeIndex];
        HmmModel model = Models.random(r, k, type, 2 + r.nextInt(3));
        double[] x = new HmmSampler(model, seed).sample(length).observations();
        if (type == EmissionType.CATEGORICAL && r.nextBoolean()) {
            model = impossibleSymbolModel(model, k); // some events impossible: exercises that bookkeeping
        }
        RegimeChangeRule rule = dwell ? new RegimeChangeRule(0.6, 3, 5) : RegimeChangeRule.IMMEDIATE;
        int cut = r.nextInt(length + 1);
        HmmFilter original = new HmmFilter(model, rule);
        for (int t = 0; t < cut; t++) {
            original.update(t * 7L, x[t]);
        }
        byte[] state = original.checkpoint();
        HmmFilter restored = new HmmFilter(model, rule);
        restored.restore(state);
        assertThat(restored.checkpoint()).isEqualTo(state);
        assertThat(bits(restored.snapshot())).isEqualTo(bits(original.snapshot()));
        for (int t = cut; t < length; t++) {
            String a = bits(original.update(t * 7L, x[t]));
            String b = bits(restored.update(t * 7L, x[t]));
            assertThat(b).as("step %d", t).isEqualTo(a);
            assertThat(bits(restored.snapshot())).as("snapshot after %d", t).isEqualTo(bits(original.snapshot()));
        }
    }

    @Test
    void aStateOfAnotherSizeIsRejected() {
        qt(5).forAll(seeds()).checkAssert(HmmFilterCheckpointProperties::aStateOfAnotherSizeIsRejected);
    }

    private static void aStateOfAnotherSizeIsRejected(long seed) {
        Random r = new Random(seed);
        HmmFilter two = new HmmFilter(Models.random(r, 2, EmissionType.GAUSSIAN, 2));
        HmmFilter three = new HmmFilter(Models.random(r, 3, EmissionType.GAUSSIAN, 2));
        assertThatThrownBy(() -> three.restore(two.checkpoint())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("state:");
    }

    /** The same model with symbol 0 impossible in every state but the last. */
    private static HmmModel impossibleSymbolModel(HmmModel model, int k) {
        CategoricalEmission e = (CategoricalEmission) model.emission();
        double[][] b = new double[k][];
        for (int i = 0; i < k; i++) {
            b[i] = e.probabilities()[i].clone();
            if (i < k - 1) {
                double rest = 1 - b[i][0];
                b[i][0] = 0;
                double sum = 0;
                for (int m = 1; m < b[i].length - 1; m++) {
                    b[i][m] /= rest;
                    sum += b[i][m];
                }
                b[i][b[i].length - 1] = Math.max(0, 1 - sum);
            }
        }
        return new HmmModel(model.initial(), model.transition(), new CategoricalEmission(b));
    }

    private static String bits(HmmStep s) {
        return s.index() + " " + s.time() + " " + bits(s.posterior()) + bits(s.predicted()) + " " + s.state() + " "
                + bits(s.stateProbability(), s.posteriorEntropy(), s.logPredictive(), s.surprise(), s.logLikelihood(),
                s.predictiveEntropy(), s.excessSurprise()) + s.impossible() + " " + s.regimeChange() + " " + s.regime();
    }

    private static String bits(HmmSnapshot s) {
        return s.events() + " " + s.time() + " " + bits(s.posterior()) + bits(s.predicted()) + " " + s.state() + " "
                + bits(s.stateProbability(), s.posteriorEntropy(), s.logLikelihood(), s.lastSurprise())
                + s.impossibleEvents() + " " + s.regime() + " " + s.regimeChanges();
    }

    private static String bits(double... v) {
        StringBuilder b = new StringBuilder("[");
        for (double d : v) {
            b.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(' ');
        }
        return b.append(']').toString();
    }
}
