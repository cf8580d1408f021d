package io.entroflow.operators.hmm;

import io.entroflow.operators.signal.HmmSampler;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

/** EM never decreases the likelihood, whatever the model, family and data. */
class BaumWelchProperties {

    @Property(tries = 60)
    void likelihoodNeverDecreasesBetweenIterations(@ForAll @IntRange(min = 2, max = 4) int k,
                                                   @ForAll @IntRange(min = 0, max = 2) int typeIndex,
                                                   @ForAll @IntRange(min = 20, max = 400) int length,
                                                   @ForAll long seed) {
        Random r = new Random(seed);
        EmissionType type = EmissionType.values()[typeIndex];
        int alphabet = 2 + r.nextInt(4);
        double[] x = new HmmSampler(Models.random(r, k, type, alphabet), seed).sample(length).observations();
        HmmModel start = Models.random(r, k, type, alphabet);
        BaumWelch.Fit fit = BaumWelch.improve(start, x, 40, 0);
        BaumWelchTest.assertNonDecreasing(fit.history());
        double ll = ReferenceHmm.logSpaceForward(fit.model(), x);
        org.assertj.core.api.Assertions.assertThat(Math.abs(ll - fit.logLikelihood())).isLessThanOrEqualTo(1e-9 * Math.abs(ll) + 1e-9);
    }
}
