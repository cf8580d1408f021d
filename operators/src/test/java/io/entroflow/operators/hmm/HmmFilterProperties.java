package io.entroflow.operators.hmm;

import io.entroflow.operators.TestStreams;
import io.entroflow.operators.signal.HmmSampler;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The incremental filter equals brute-force enumeration over all state paths after every event. */
class HmmFilterProperties {

    @Property(tries = 150)
    void filteredPosteriorAndLikelihoodEqualBruteForceEnumeration(@ForAll @IntRange(min = 2, max = 3) int k,
                                                                  @ForAll @IntRange(min = 1, max = 10) int length,
                                                                  @ForAll @IntRange(min = 0, max = 2) int typeIndex,
                                                                  @ForAll long seed) {
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
