package io.entroflow.operators.conformal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DecayingMemoryLordTest {

    @Test
    void levelShouldFollowTheFormulaWithItsFloorAndDecayedEarnings() {
        DecayingMemoryLord lord = new DecayingMemoryLord(0.1, 0.9, 0.5);
        FdrDecision first = lord.test(0.0); // level q eta max(gamma_1, 0.1) = 0.05 * 0.1: gamma_1 = 0.0548 < 0.1
        assertThat(first.level()).isEqualTo(0.1 * 0.5 * 0.1, within(1e-15));
        assertThat(first.rejected()).isTrue();
        FdrDecision second = lord.test(0.9);
        assertThat(second.level()).isEqualTo(0.1 * 0.5 * Math.max(GammaSequence.gamma(2), 0.1)
                + 0.1 * StrictMath.pow(0.9, 1) * GammaSequence.gamma(1), within(1e-15));
        FdrDecision third = lord.test(0.9);
        assertThat(third.level()).isEqualTo(0.1 * 0.5 * 0.1 + 0.1 * StrictMath.pow(0.9, 2) * GammaSequence.gamma(2),
                within(1e-15));
        assertThat(lord.tests()).isEqualTo(3);
        assertThat(lord.rejections()).isEqualTo(1);
    }

    @Test
    void levelShouldNeverFallBelowTheFloorUnlikeLordPlusPlus() {
        DecayingMemoryLord decaying = new DecayingMemoryLord(0.1, 0.999, 1);
        LordPlusPlus lord = LordPlusPlus.withTarget(0.1);
        for (int t = 0; t < 100_000; t++) {
            decaying.test(1.0);
            lord.test(1.0);
        }
        assertThat(decaying.nextLevel()).isEqualTo(0.1 * (1 - 0.999), within(1e-15));
        assertThat(lord.nextLevel()).isLessThan(1e-7);
    }

    @Test
    void oldRejectionsShouldBeForgottenSoTheStateStaysBounded() {
        DecayingMemoryLord lord = new DecayingMemoryLord(0.1, 0.99, 1);
        for (int t = 0; t < 50_000; t++) {
            lord.test(t % 10 == 0 ? 0.0 : 1.0);
        }
        assertThat(lord.rejections()).isEqualTo(5_000);
        // 0.99^d < 2^-60 beyond d = 4139: at most 414 of the rejections one in ten tests are kept
        assertThat(lord.keptRejections()).isBetween(410, 415);
    }

    @Test
    void decayedFalseDiscoveryProportionShouldStayBelowQOnPureNullStreams() {
        double q = 0.1;
        double decay = 0.999;
        double sum = 0;
        int runs = 200;
        for (int run = 0; run < runs; run++) {
            Random r = new Random(run);
            DecayingMemoryLord lord = new DecayingMemoryLord(q, decay, 1);
            double v = 0;
            for (int t = 0; t < 20_000; t++) {
                v *= decay;
                if (lord.test(r.nextDouble()).rejected()) {
                    v++;
                }
            }
            sum += v / (v + 1); // all discoveries false: V_delta / (R_delta + eta)
        }
        assertThat(sum / runs).isLessThanOrEqualTo(q);
    }

    @Test
    void shouldValidateParametersAndRefuseOtherStates() {
        assertThatThrownBy(() -> new DecayingMemoryLord(1, 0.9, 1)).hasMessage("fdr.q: must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> new DecayingMemoryLord(0.1, 0, 1)).hasMessage("fdr.decay: must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new DecayingMemoryLord(0.1, 0.9, 2)).hasMessage("fdr.eta: must be in (0, 1], got 2.0");
        DecayingMemoryLord a = new DecayingMemoryLord(0.1, 0.9, 1);
        a.test(0.0);
        assertThatThrownBy(() -> new DecayingMemoryLord(0.1, 0.99, 1).restore(a.checkpoint()))
                .hasMessageStartingWith("state: decaying-memory LORD of q = 0.1, decay = 0.9");
        assertThatThrownBy(() -> new DecayingMemoryLord(0.1, 0.9, 1).restore(LordPlusPlus.withTarget(0.1).checkpoint()))
                .hasMessageStartingWith("state: expected decaying-memory LORD");
    }
}
