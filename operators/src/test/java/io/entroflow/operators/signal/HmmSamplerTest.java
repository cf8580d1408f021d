package io.entroflow.operators.signal;

import io.entroflow.operators.hmm.Ar1GaussianEmission;
import io.entroflow.operators.hmm.CategoricalEmission;
import io.entroflow.operators.hmm.GaussianEmission;
import io.entroflow.operators.hmm.HmmModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HmmSamplerTest {
    private static final double[][] STICKY = {{0.9, 0.1}, {0.3, 0.7}}; // stationary (0.75, 0.25)

    @Test
    void shouldGiveTheSameSampleForTheSameSeed() {
        HmmModel model = new HmmModel(new double[] {0.5, 0.5}, STICKY, new GaussianEmission(new double[] {0, 5}, new double[] {1, 1}));
        HmmSampler.Sample a = new HmmSampler(model, 9).sample(1_000);
        HmmSampler.Sample b = new HmmSampler(model, 9).sample(1_000);
        assertThat(a.observations()).containsExactly(b.observations());
        assertThat(a.states()).containsExactly(b.states());
        assertThat(new HmmSampler(model, 10).sample(1_000).observations()).isNotEqualTo(a.observations());
    }

    @Test
    void shouldVisitStatesAtTheStationaryFrequenciesAndEmitEachStatesMean() {
        HmmModel model = new HmmModel(new double[] {0.5, 0.5}, STICKY, new GaussianEmission(new double[] {-2, 5}, new double[] {1, 4}));
        HmmSampler.Sample s = new HmmSampler(model, 1).sample(200_000);
        double[] sum = new double[2];
        int[] count = new int[2];
        int stay = 0;
        for (int t = 0; t < s.length(); t++) {
            sum[s.states()[t]] += s.observations()[t];
            count[s.states()[t]]++;
            if (t > 0 && s.states()[t - 1] == 0 && s.states()[t] == 0) {
                stay++;
            }
        }
        assertThat(count[0] / (double) s.length()).isCloseTo(0.75, within(0.01));
        assertThat(sum[0] / count[0]).isCloseTo(-2, within(0.02));
        assertThat(sum[1] / count[1]).isCloseTo(5, within(0.05));
        assertThat(stay / (double) count[0]).isCloseTo(0.9, within(0.01));
    }

    @Test
    void shouldEmitCategoricalSymbolsAndAutoregressiveValues() {
        HmmModel categorical = new HmmModel(new double[] {1, 0}, new double[][] {{1, 0}, {0, 1}},
                new CategoricalEmission(new double[][] {{0.2, 0.8, 0}, {1, 0, 0}}));
        HmmSampler.Sample c = new HmmSampler(categorical, 2).sample(10_000);
        int ones = 0;
        for (double x : c.observations()) {
            assertThat(x).isIn(0.0, 1.0);
            ones += x == 1 ? 1 : 0;
        }
        assertThat(ones / 10_000.0).isCloseTo(0.8, within(0.02));
        assertThat(c.states()).containsOnly(0);

        HmmModel ar = new HmmModel(new double[] {1, 0}, new double[][] {{1, 0}, {0, 1}},
                new Ar1GaussianEmission(new double[] {1, 0}, new double[] {0.5, 0}, new double[] {0.01, 1}));
        double[] x = new HmmSampler(ar, 3).sample(5_000).observations();
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        assertThat(mean / x.length).isCloseTo(2, within(0.02)); // c / (1 - phi)
        assertThatThrownBy(() -> new HmmSampler(ar, 1).sample(-1)).hasMessage("length: expected >= 0, got -1");
    }
}
