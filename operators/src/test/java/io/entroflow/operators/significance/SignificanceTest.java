package io.entroflow.operators.significance;

import io.entroflow.operators.internal.joint.JointCodeLayout;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SignificanceTest {

    @Test
    void shouldUseTwoNTimesNatsAsTheChiSquareStatistic() {
        // df = 1: P(chi2 >= 3.841459) = 0.05; I_nats = 3.841459 / (2 * 100)
        assertThat(ChiSquareTest.pValue(3.841458820694124 / 200, 100, 1)).isCloseTo(0.05, within(1e-9));
        assertThat(ChiSquareTest.pValue(0.0, 100, 4)).isEqualTo(1.0);
        assertThat(ChiSquareTest.pValue(0.3, 0, 4)).isEqualTo(1.0);
        assertThat(ChiSquareTest.transferEntropyDf(2, 1, 2, 1, 1, 0)).isEqualTo(2.0);
        assertThat(ChiSquareTest.transferEntropyDf(8, 3, 8, 2, 1, 0)).isEqualTo(63.0 * 7 * 512);
        assertThat(ChiSquareTest.mutualInformationDf(3, 4, 2)).isEqualTo(12.0);
    }

    @Test
    void shouldGiveSmallPValuesForDependenceAndNearUniformOnesOtherwise() {
        JointCodeLayout layout = new JointCodeLayout(new String[] {"x", "y"}, new int[] {2, 2}, new int[] {1, 1});
        Random random = new Random(9);
        int n = 500;
        long[] dependent = new long[n];
        long[] independent = new long[n];
        for (int i = 0; i < n; i++) {
            int x = random.nextInt(2);
            int y = random.nextInt(5) == 0 ? 1 - x : x;
            dependent[i] = layout.place(0, x) | layout.place(1, y);
            independent[i] = layout.place(0, x) | layout.place(1, random.nextInt(2));
        }
        SurrogateTest.Result dep = SurrogateTest.run(dependent, layout.mask(0), layout.mask(1), 0, 200,
                SurrogateTest.Shuffle.SOURCE, 1, 42);
        assertThat(dep.pValue()).isEqualTo(1.0 / 201);
        assertThat(dep.surrogateMeanNats()).isBetween(0.0, 0.01); // bias ~ df / 2N = 0.001 nats
        SurrogateTest.Result ind = SurrogateTest.run(independent, layout.mask(0), layout.mask(1), 0, 200,
                SurrogateTest.Shuffle.BLOCK, 10, 42);
        assertThat(ind.pValue()).isGreaterThan(0.01);
        assertThat(SurrogateTest.run(independent, layout.mask(0), layout.mask(1), 0, 200,
                SurrogateTest.Shuffle.BLOCK, 10, 42)).isEqualTo(ind); // seeded: reproducible
    }

    @Test
    void shouldKeepTheSurrogateFalsePositiveRateNearAlpha() {
        JointCodeLayout layout = new JointCodeLayout(new String[] {"x", "y"}, new int[] {2, 3}, new int[] {1, 1});
        int rejections = 0;
        int trials = 100;
        for (int seed = 0; seed < trials; seed++) {
            Random random = new Random(seed);
            long[] codes = new long[200];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = layout.place(0, random.nextInt(2)) | layout.place(1, random.nextInt(3));
            }
            if (SurrogateTest.run(codes, layout.mask(0), layout.mask(1), 0, 99, SurrogateTest.Shuffle.SOURCE, 1, seed)
                    .pValue() <= 0.05) {
                rejections++;
            }
        }
        // Binomial(100, 0.05): mean 5, sd 2.2
        assertThat(rejections).isBetween(0, 13);
    }

    @Test
    void shouldRejectABadSurrogateCount() {
        assertThatThrownBy(() -> SurrogateTest.run(new long[1], 1, 2, 0, 0, SurrogateTest.Shuffle.SOURCE, 1, 1))
                .hasMessage("surrogates: must be 1..1000000, got 0");
    }
}
