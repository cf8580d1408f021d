package io.entroflow.operators.hmm;

import io.entroflow.operators.TestStreams;
import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;

/** The incremental filter equals brute-force enumeration over all state paths after every event. */
class HmmFilterProperties {

    @Test
    void filteredPosteriorAndLikelihoodEqualBruteForceEnumeration() {
        qt(150).forAll(ints(2, 3), ints(1, 10), ints(0, 2), seeds())
                .checkAssert(HmmFilterProperties::filteredPosteriorAndLikelihoodEqualBruteForceEnumeration);
    }

    private static void filteredPosteriorAndLikelihoodEqualBruteForceEnumeration(int k, int length, int typeIndex,
                                                                                 long seed) {
        Random r = new Random(seed);
        EmissionType type = EmissionType.values()[typeIndex];
        HmmModel model = Models.random(r, k, type, 2 + r.nextInt(3));
        double[] x = new HmmSampler(model, seed).sample(length).observations();
        double[] logLik = new double[length];
        double[][] expected = ReferenceHmm.bruteForcePosteriors(model, x, logLik);
        HmmFilter filter = new HmmFilter(model);
        for (int t = 0; t < length; t++) {
            HmmStep step = filter.update(t, x[t]);
            for (int j = 0; j < k; j++) {
                assertThat(Math.abs(step.posterior(j) - expected[t][j])).as("posterior[%d] at %d", j, t).isLessThanOrEqualTo(1e-10);
            }
            assertThat(Math.abs(step.logLikelihood() - logLik[t])).as("loglik at %d", t).isLessThanOrEqualTo(1e-10);
            assertThat(TestStreams.close(step.logLikelihood(), logLik[t])).isTrue();
        }
    }
}
