package io.entroflow.operators.hmm;

import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;

/** EM never decreases the likelihood, whatever the model, family and data. */
class BaumWelchProperties {

    @Test
    void likelihoodNeverDecreasesBetweenIterations() {
        qt(60).forAll(ints(2, 4), ints(0, 2), ints(20, 400), seeds())
                .checkAssert(BaumWelchProperties::likelihoodNeverDecreasesBetweenIterations);
    }

    private static void likelihoodNeverDecreasesBetweenIterations(int k, int typeIndex, int length, long seed) {
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
