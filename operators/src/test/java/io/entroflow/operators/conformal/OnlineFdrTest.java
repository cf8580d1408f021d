package io.entroflow.operators.conformal;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnlineFdrTest {

    @Test
    void gammaSequenceShouldSumToOne() {
        // 1 / sum over j of ln(max(j,2)) / (j exp(sqrt(ln j))), the sum to 10^7 plus the tail integral (Python)
        assertThat(GammaSequence.constant()).isCloseTo(0.0790819667221152, within(1e-12));
        double sum = 0;
        for (long j = 1; j <= 1 << 17; j++) {
            sum += GammaSequence.gamma(j);
        }
        double u = Math.sqrt(Math.log(1 << 17));
        double tail = GammaSequence.constant() * 2 * Math.exp(-u) * (((u + 3) * u + 6) * u + 6);
        assertThat(sum + tail - GammaSequence.gamma(1 << 17) / 2).isCloseTo(1.0, within(1e-12));
        assertThat(GammaSequence.gamma(1)).isEqualTo(GammaSequence.constant() * Math.log(2), within(1e-15));
        assertThat(GammaSequence.gamma(3)).isLessThan(GammaSequence.gamma(2));
        assertThat(GammaSequence.gamma(1L << 18)).isPositive().isLessThan(GammaSequence.gamma(1 << 17));
        assertThatThrownBy(() -> GammaSequence.gamma(0)).hasMessage("gamma.j: must be >= 1, got 0");
    }

    @Test
    void lordPlusPlusShouldSpendTheInitialWealthThenEarnOnDiscoveries() {
        LordPlusPlus lord = new LordPlusPlus(0.1, 0.05);
        FdrDecision first = lord.test(0.0);
        assertThat(first.level()).isEqualTo(GammaSequence.gamma(1) * 0.05);
        assertThat(first.rejected()).isTrue();
        FdrDecision second = lord.test(0.5);
        assertThat(second.level()).isEqualTo(GammaSequence.gamma(2) * 0.05 + 0.05 * GammaSequence.gamma(1));
        FdrDecision third = lord.test(0.0);
        assertThat(third.level()).isEqualTo(GammaSequence.gamma(3) * 0.05 + 0.05 * GammaSequence.gamma(2));
        FdrDecision fourth = lord.test(1.0);
        assertThat(fourth.level()).isEqualTo(GammaSequence.gamma(4) * 0.05 + 0.05 * GammaSequence.gamma(3)
                + 0.1 * GammaSequence.gamma(1));
        assertThat(lord.rejections()).isEqualTo(2);
        assertThat(lord.tests()).isEqualTo(4);
    }

    @Test
    void saffronShouldSpendOnlyOnCandidates() {
        Saffron s = new Saffron(0.1, 0.5, 0.02);
        FdrDecision first = s.test(0.9); // not a candidate
        assertThat(first.level()).isEqualTo(0.02 * GammaSequence.gamma(1));
        assertThat(first.candidate()).isFalse();
        FdrDecision second = s.test(0.3); // a candidate, not rejected
        assertThat(second.level()).isEqualTo(0.02 * GammaSequence.gamma(2));
        assertThat(second.candidate()).isTrue();
        FdrDecision third = s.test(0.0); // rejected
        assertThat(third.level()).isEqualTo(0.02 * GammaSequence.gamma(3 - 1));
        assertThat(third.rejected()).isTrue();
        FdrDecision fourth = s.test(0.7);
        // t = 4, candidates before = 2, tau1 = 3 with 2 candidates up to it
        assertThat(fourth.level()).isEqualTo(0.02 * GammaSequence.gamma(4 - 2) + (0.05 - 0.02) * GammaSequence.gamma(4 - 3));
    }

    @Test
    void shouldValidateParametersAndPValues() {
        assertThatThrownBy(() -> new LordPlusPlus(0, 0)).hasMessage("lord.q: must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> new LordPlusPlus(0.1, 0.2)).hasMessage("lord.w0: must be in (0, q = 0.1], got 0.2");
        assertThatThrownBy(() -> new Saffron(0.1, 1, 0.01)).hasMessage("saffron.lambda: must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> new Saffron(0.1, 0.5, 0.05))
                .hasMessage("saffron.w0: must be in (0, (1 - lambda)*q = 0.05), got 0.05");
        LordPlusPlus lord = LordPlusPlus.withTarget(0.1);
        assertThatThrownBy(() -> lord.test(Double.NaN)).hasMessage("fdr.pValue: must be in [0, 1], got NaN");
        assertThat(lord.tests()).isZero();
        assertThatThrownBy(() -> Saffron.withTarget(0.1).restore(lord.checkpoint()))
                .hasMessageStartingWith("state: expected SAFFRON version 1");
    }

    /** Mean false discovery proportion and power over seeds. */
    record Outcome(double meanFdp, double power) {
    }

    /**
     * 1,000 null keys (uniform p-values) and 20 keys with a planted change (p-value of a z-score
     * with mean 4: one-sided p = 1 &minus; &Phi;(z)), one test per key in a random order, 20 seeds.
     */
    static Outcome simulate(Supplier<OnlineFdr> rule, int seeds) {
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double fdpSum = 0;
        double powerSum = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Random r = new Random(1000 + seed);
            int nulls = 1_000;
            int planted = 20;
            boolean[] isPlanted = new boolean[nulls + planted];
            for (int i = 0; i < planted; i++) {
                isPlanted[i] = true;
            }
            for (int i = isPlanted.length - 1; i > 0; i--) { // shuffle
                int j = r.nextInt(i + 1);
                boolean t = isPlanted[i];
                isPlanted[i] = isPlanted[j];
                isPlanted[j] = t;
            }
            OnlineFdr fdr = rule.get();
            int falseDiscoveries = 0;
            int trueDiscoveries = 0;
            for (boolean p : isPlanted) {
                DoubleSupplier pValue = p ? () -> normal.survivalProbability(4 + r.nextGaussian()) : r::nextDouble;
                if (fdr.test(pValue.getAsDouble()).rejected()) {
                    if (p) {
                        trueDiscoveries++;
                    } else {
                        falseDiscoveries++;
                    }
                }
            }
            int discoveries = falseDiscoveries + trueDiscoveries;
            fdpSum += discoveries == 0 ? 0 : falseDiscoveries / (double) discoveries;
            powerSum += trueDiscoveries / (double) planted;
        }
        return new Outcome(fdpSum / seeds, powerSum / seeds);
    }

    @Test
    void shouldKeepTheMeanFalseDiscoveryProportionBelowQWithPlantedChanges() {
        for (double q : new double[] {0.05, 0.1, 0.2}) {
            Outcome lord = simulate(() -> LordPlusPlus.withTarget(q), 20);
            Outcome saffron = simulate(() -> Saffron.withTarget(q), 20);
            System.out.printf("online FDR, 1000 null + 20 planted keys, 20 seeds, q = %.2f: LORD++ mean FDP %.4f power %.3f;"
                    + " SAFFRON mean FDP %.4f power %.3f%n", q, lord.meanFdp(), lord.power(), saffron.meanFdp(), saffron.power());
            assertThat(lord.meanFdp()).as("LORD++ mean FDP at q = %s", q).isLessThanOrEqualTo(q);
            assertThat(saffron.meanFdp()).as("SAFFRON mean FDP at q = %s", q).isLessThanOrEqualTo(q);
            assertThat(lord.power()).as("LORD++ power").isGreaterThan(0.2);
            assertThat(saffron.power()).as("SAFFRON power").isGreaterThan(0.2);
        }
    }
}
