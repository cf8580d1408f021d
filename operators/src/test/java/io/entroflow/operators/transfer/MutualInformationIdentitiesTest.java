package io.entroflow.operators.transfer;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Identities and calibration every MI estimator must satisfy. */
class MutualInformationIdentitiesTest {

    static MutualInformationSnapshot measure(int[] x, int[] y, int ax, int ay) {
        MutualInformationOperator op = new MutualInformationOperator(
                MutualInformationConfig.of(Window.cumulative(), InformationUnit.BITS, ax, ay));
        for (int t = 0; t < x.length; t++) {
            op.update(t, x[t], y[t]);
        }
        return op.snapshot();
    }

    @Test
    void shouldNeverGainInformationByProcessingTheSource() {
        Random random = new Random(1);
        for (int trial = 0; trial < 50; trial++) {
            int n = 300;
            int[] x = new int[n];
            int[] y = new int[n];
            int[] fy = new int[n];
            int[] map = new int[6];
            for (int s = 0; s < 6; s++) {
                map[s] = random.nextInt(3);
            }
            for (int t = 0; t < n; t++) {
                y[t] = random.nextInt(6);
                x[t] = random.nextInt(3) == 0 ? y[t] % 4 : random.nextInt(4);
                fy[t] = map[y[t]];
            }
            assertThat(measure(x, fy, 4, 3).mutualInformation())
                    .isLessThanOrEqualTo(measure(x, y, 4, 6).mutualInformation() + 1e-12);
        }
    }

    @Test
    void shouldAddMutualInformationOfIndependentPairs() {
        Random random = new Random(2);
        int n = 4000;
        int[] x1 = new int[n], y1 = new int[n], x2 = new int[n], y2 = new int[n], x = new int[n], y = new int[n];
        for (int t = 0; t < n; t++) {
            x1[t] = random.nextInt(2);
            y1[t] = random.nextInt(4) == 0 ? 1 - x1[t] : x1[t];
            x2[t] = random.nextInt(3);
            y2[t] = random.nextInt(2) == 0 ? x2[t] : random.nextInt(3);
            x[t] = x1[t] * 3 + x2[t];
            y[t] = y1[t] * 3 + y2[t];
        }
        double joint = measure(x, y, 6, 6).mutualInformation();
        double sum = measure(x1, y1, 2, 2).mutualInformation() + measure(x2, y2, 3, 3).mutualInformation();
        // plug-in MI adds up to the finite-sample dependence between the pairs, O(df / N)
        assertThat(joint).isCloseTo(sum, within(0.01));
    }

    @Test
    void shouldGiveZeroDistanceWhenEachStreamDeterminesTheOther() {
        int[] x = {0, 1, 2, 0, 1, 2, 2};
        int[] y = {2, 0, 1, 2, 0, 1, 1};
        MutualInformationSnapshot s = measure(x, y, 3, 3);
        assertThat(s.entropicDistance()).isCloseTo(0.0, within(1e-12));
        assertThat(s.rajskiDistance()).isCloseTo(0.0, within(1e-12));
        assertThat(s.normalizedMutualInformation()).isCloseTo(1.0, within(1e-12));
        assertThat(s.mutualInformation()).isCloseTo(s.entropyX(), within(1e-12));
    }

    @Test
    void shouldGiveRajskiDistanceOneForIndependentUniformStreams() {
        int[] x = {0, 0, 1, 1};
        int[] y = {0, 1, 0, 1};
        MutualInformationSnapshot s = measure(x, y, 2, 2);
        assertThat(s.mutualInformation()).isEqualTo(0.0);
        assertThat(s.jointEntropy()).isCloseTo(2.0, within(1e-12));
        assertThat(s.conditionalEntropyXGivenY()).isCloseTo(1.0, within(1e-12));
        assertThat(s.entropicDistance()).isCloseTo(2.0, within(1e-12));
        assertThat(s.rajskiDistance()).isCloseTo(1.0, within(1e-12));
        assertThat(s.pValue()).isEqualTo(1.0);
    }

    @Test
    void shouldKeepTheFalsePositiveRateOfTheAnalyticTestNearAlphaForIndependentStreams() {
        int trials = 400;
        int rejections = 0;
        for (int seed = 0; seed < trials; seed++) {
            Random random = new Random(1000 + seed);
            int n = 500;
            int[] x = new int[n];
            int[] y = new int[n];
            for (int t = 0; t < n; t++) {
                x[t] = random.nextInt(3);
                y[t] = random.nextInt(2);
            }
            if (measure(x, y, 3, 2).pValue() < 0.05) {
                rejections++;
            }
        }
        // Binomial(400, 0.05): mean 20, sd 4.36; accept mean +- 3.5 sd
        assertThat(rejections).isBetween(5, 35);
    }
}
