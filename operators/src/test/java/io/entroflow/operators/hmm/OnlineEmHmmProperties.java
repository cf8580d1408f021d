package io.entroflow.operators.hmm;

import io.entroflow.operators.TestStreams;
import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With fixed parameters (no M-step) and step sizes 1/(n+1), the online EM recursion's statistics
 * equal the batch forward-backward smoothed averages after every event: the identity behind
 * Capp&eacute;'s algorithm.
 */
class OnlineEmHmmProperties {

    @Test
    void recursiveStatisticsEqualBatchSmoothedStatistics() {
        qt(100).forAll(ints(2, 4), ints(0, 2), ints(1, 40), seeds())
                .checkAssert(OnlineEmHmmProperties::recursiveStatisticsEqualBatchSmoothedStatistics);
    }

    private static void recursiveStatisticsEqualBatchSmoothedStatistics(int k, int typeIndex, int length, long seed) {
        Random r = new Random(seed);
        EmissionType type = EmissionType.values()[typeIndex];
        int alphabet = 2 + r.nextInt(3);
        HmmModel model = Models.random(r, k, type, alphabet);
        double[] x = new HmmSampler(model, seed).sample(length).observations();
        OnlineEmConfig config = new OnlineEmConfig(k, type, alphabet, Math.max(2, k), 1.0, 0, Integer.MAX_VALUE, 1);
        OnlineEmHmm em = OnlineEmHmm.startingFrom(model, config);
        for (int t = 0; t < length; t++) {
            em.update(t, x[t]);
            double[] prefix = java.util.Arrays.copyOf(x, t + 1);
            double[][] expected = ReferenceHmm.smoothedStatistics(model, prefix, alphabet);
            assertClose("transition", em.expectedTransitionStatistics(), expected[0], t);
            assertClose("emission", em.expectedEmissionStatistics(), expected[1], t);
        }
        assertThat(em.model().emission()).isSameAs(model.emission()); // no M-step ran
    }

    private static void assertClose(String what, double[] actual, double[] expected, int t) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            boolean ok = TestStreams.close(actual[i], expected[i]) || Math.abs(actual[i] - expected[i]) <= 1e-9 * (1 + Math.abs(expected[i]));
            assertThat(ok).as("%s statistic %d after %d events: online %s vs batch %s", what, i, t + 1, actual[i], expected[i]).isTrue();
        }
    }
}
