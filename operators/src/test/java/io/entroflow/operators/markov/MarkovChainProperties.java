package io.entroflow.operators.markov;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the estimated chain, and windowed transition counts and local values against a recount. */
class MarkovChainProperties {

    @Test
    void stationaryDistributionIsInvariantAndEntropyProductionNonNegative() {
        // 1..6 states, random positive counts
        qt(100).forAll(ints(1, 6), seeds())
                .checkAssert(MarkovChainProperties::stationaryDistributionIsInvariantAndEntropyProductionNonNegative);
    }

    private static void stationaryDistributionIsInvariantAndEntropyProductionNonNegative(int k, long seed) {
        Random random = new Random(seed);
        double[][] counts = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                counts[i][j] = 1 + random.nextInt(20); // irreducible and aperiodic
            }
        }
        MarkovChainEstimate chain = MarkovChainEstimate.fromCounts(counts, 0);
        double[] pi = chain.stationaryDistribution();
        double[][] p = chain.transitionMatrix();
        for (int j = 0; j < k; j++) {
            double flow = 0;
            for (int i = 0; i < k; i++) {
                flow += pi[i] * p[i][j];
            }
            assertThat(flow).isCloseTo(pi[j], org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(chain.entropyProduction(InformationUnit.NATS)).isGreaterThanOrEqualTo(0.0);
        assertThat(chain.entropyRate(InformationUnit.BITS)).isBetween(0.0, Math.log(k) / Math.log(2) + 1e-12);

        // symmetric counts satisfy detailed balance: no entropy production
        double[][] symmetric = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                symmetric[i][j] = counts[i][j] + counts[j][i];
            }
        }
        assertThat(MarkovChainEstimate.fromCounts(symmetric, 0).entropyProduction(InformationUnit.NATS))
                .isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void windowedTransitionCountsAndLocalValuesEqualARecountOfTheWindow() {
        // 1..5 states, count windows of 1..40, 0..150 events
        qt(100).forAll(ints(1, 5), ints(1, 40), ints(0, 150), seeds())
                .checkAssert(MarkovChainProperties::windowedTransitionCountsAndLocalValuesEqualARecountOfTheWindow);
    }

    private static void windowedTransitionCountsAndLocalValuesEqualARecountOfTheWindow(int k, int size, int length, long seed) {
        Random random = new Random(seed);
        MarkovTransitionOperator op = new MarkovTransitionOperator(Window.count(size), k);
        int[] s = new int[length];
        for (int t = 0; t < length; t++) {
            s[t] = random.nextInt(k);
            double local = op.update(t, s[t]);
            double[][] expected = new double[k][k];
            for (int u = Math.max(1, t - size + 1); u <= t; u++) {
                expected[s[u - 1]][s[u]]++;
            }
            assertThat(op.counts()).isDeepEqualTo(expected);
            if (t == 0) {
                assertThat(local).isNaN(); // no transition yet
            } else {
                // the local value is -ln p(j|i) over the recounted window, the event's transition included
                double row = java.util.Arrays.stream(expected[s[t - 1]]).sum();
                double batch = -Math.log(expected[s[t - 1]][s[t]] / row);
                assertThat(local).isCloseTo(batch, org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }
}
