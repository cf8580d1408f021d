package io.entroflow.operators.markov;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Published and analytic values of entropy rate and active information storage. */
class HistoryInformationReferenceTest {

    static double run(HistoryInformationMeasure measure, int[] xs, int alphabet, int k) {
        HistoryInformationOperator op = new HistoryInformationOperator(
                new HistoryInformationConfig(Window.cumulative(), InformationUnit.BITS, measure, alphabet, k));
        for (int t = 0; t < xs.length; t++) {
            op.update(t, xs[t]);
        }
        return op.value();
    }

    @Test
    void shouldMatchInformsActiveInformationWithHistoryTwo() {
        assertThat(run(HistoryInformationMeasure.ACTIVE_INFORMATION, new int[] {1, 1, 0, 0, 1, 0, 0, 1}, 2, 2))
                .isCloseTo(0.918296, within(1e-6));
    }

    @Test
    void shouldMatchInformsEntropyRateWithHistoryTwo() {
        assertThat(run(HistoryInformationMeasure.ENTROPY_RATE, new int[] {0, 0, 1, 1, 1, 1, 0, 0, 0}, 2, 2))
                .isCloseTo(0.679270, within(1e-6));
    }

    @Test
    void shouldGiveZeroEntropyRateForAPeriodicSequence() {
        int p = 5;
        int[] xs = new int[1000];
        for (int t = 0; t < xs.length; t++) {
            xs[t] = new int[] {0, 3, 1, 1, 4}[t % p];
        }
        // with history long enough to tell the phase apart, the next symbol is determined
        assertThat(run(HistoryInformationMeasure.ENTROPY_RATE, xs, 5, 2)).isEqualTo(0.0);
        assertThat(run(HistoryInformationMeasure.ACTIVE_INFORMATION, xs, 5, 2))
                .isCloseTo(-(0.4 * Math.log(0.4) + 3 * 0.2 * Math.log(0.2)) / Math.log(2), within(1e-2));
    }

    @Test
    void shouldMatchTheAnalyticEntropyRateOfATwoStateMarkovChain() {
        double a = 0.1;  // P(0 -> 1)
        double b = 0.3;  // P(1 -> 0)
        Random random = new Random(17);
        int[] xs = new int[400_000];
        for (int t = 1; t < xs.length; t++) {
            double u = random.nextDouble();
            xs[t] = xs[t - 1] == 0 ? (u < a ? 1 : 0) : (u < b ? 0 : 1);
        }
        double pi0 = b / (a + b);
        double h = pi0 * binaryEntropy(a) + (1 - pi0) * binaryEntropy(b);
        assertThat(run(HistoryInformationMeasure.ENTROPY_RATE, xs, 2, 1)).isCloseTo(h, within(5e-3));
        // a first-order chain: longer histories add nothing
        assertThat(run(HistoryInformationMeasure.ENTROPY_RATE, xs, 2, 3)).isCloseTo(h, within(5e-3));

        MarkovChainEstimate chain = MarkovChainEstimate.fromCounts(MarkovChainEstimate.countTransitions(xs, 2), 0);
        assertThat(chain.entropyRate(InformationUnit.BITS)).isCloseTo(h, within(5e-3));
        assertThat(chain.stationaryDistribution()[0]).isCloseTo(pi0, within(1e-2));
    }

    private static double binaryEntropy(double p) {
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }
}
