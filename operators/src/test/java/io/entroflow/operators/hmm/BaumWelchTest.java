package io.entroflow.operators.hmm;

import io.entroflow.operators.signal.HmmSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BaumWelchTest {

    static Stream<double[][]> gaussianModels() {
        return Stream.of(
                new double[][] {{0, 2}, {1, 1.5}},
                new double[][] {{-2, 0, 2.5}, {1, 0.5, 1}});
    }

    @ParameterizedTest
    @MethodSource("gaussianModels")
    void shouldRecoverTheMeansOfASampledGaussianHmmWithinATenthOfAStandardDeviation(double[][] truth) {
        double[] means = truth[0];
        double[] variances = truth[1];
        HmmModel model = Models.gaussian(means, variances, 0.95);
        HmmSampler.Sample sample = new HmmSampler(model, 99).sample(20_000);
        BaumWelch.Fit fit = BaumWelch.fit(sample.observations(), means.length, EmissionType.GAUSSIAN, 0,
                new BaumWelch.Options(3, 300, 1e-6, 5));
        GaussianEmission e = (GaussianEmission) fit.model().emission();
        double[] fitted = e.means();
        Arrays.sort(fitted);
        for (int j = 0; j < means.length; j++) {
            assertThat(fitted[j]).as("mean %d", j).isCloseTo(means[j], within(0.1 * Math.sqrt(variances[j])));
        }
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(ReferenceHmm.logSpaceForward(model, sample.observations()) - 10);
        assertNonDecreasing(fit.history());
    }

    @Test
    void shouldRecoverAnAutoregressiveHmm() {
        HmmModel model = new HmmModel(new double[] {0.5, 0.5}, new double[][] {{0.98, 0.02}, {0.03, 0.97}},
                new Ar1GaussianEmission(new double[] {0, 2}, new double[] {0.8, -0.3}, new double[] {0.25, 1}));
        double[] x = new HmmSampler(model, 4).sample(20_000).observations();
        BaumWelch.Fit fit = BaumWelch.fit(x, 2, EmissionType.AR1, 0, new BaumWelch.Options(3, 300, 1e-6, 1));
        Ar1GaussianEmission e = (Ar1GaussianEmission) fit.model().emission();
        int first = e.coefficient(0) > e.coefficient(1) ? 0 : 1;
        assertThat(e.coefficient(first)).isCloseTo(0.8, within(0.05));
        assertThat(e.coefficient(1 - first)).isCloseTo(-0.3, within(0.05));
        assertThat(e.intercept(1 - first)).isCloseTo(2, within(0.1));
        assertThat(e.variance(first)).isCloseTo(0.25, within(0.03));
        assertNonDecreasing(fit.history());
    }

    @Test
    void shouldRecoverACategoricalHmm() {
        HmmModel model = new HmmModel(new double[] {0.5, 0.5}, new double[][] {{0.95, 0.05}, {0.05, 0.95}},
                new CategoricalEmission(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.2, 0.7}}));
        double[] x = new HmmSampler(model, 8).sample(20_000).observations();
        BaumWelch.Fit fit = BaumWelch.fit(x, 2, EmissionType.CATEGORICAL, 3, new BaumWelch.Options(3, 300, 1e-6, 2));
        CategoricalEmission e = (CategoricalEmission) fit.model().emission();
        int first = e.probability(0, 0) > e.probability(1, 0) ? 0 : 1;
        assertThat(e.probability(first, 0)).isCloseTo(0.7, within(0.03));
        assertThat(e.probability(1 - first, 2)).isCloseTo(0.7, within(0.03));
        assertThat(fit.model().transition(first, first)).isCloseTo(0.95, within(0.02));
        assertNonDecreasing(fit.history());
    }

    @Test
    void shouldBeReproducibleForOneSeed() {
        HmmModel model = Models.gaussian(new double[] {0, 1}, new double[] {1, 1}, 0.9);
        double[] x = new HmmSampler(model, 1).sample(2_000).observations();
        BaumWelch.Options options = new BaumWelch.Options(3, 50, 1e-9, 77);
        assertThat(BaumWelch.fit(x, 2, EmissionType.GAUSSIAN, 0, options).logLikelihood())
                .isEqualTo(BaumWelch.fit(x, 2, EmissionType.GAUSSIAN, 0, options).logLikelihood());
    }

    @Test
    void shouldNameTheObservationItCannotScore() {
        assertThatThrownBy(() -> BaumWelch.fit(new double[] {0, 1, 3}, 2, EmissionType.CATEGORICAL, 3, BaumWelch.Options.DEFAULT))
                .hasMessage("observations[2]: expected a symbol 0..2, got 3.0");
        assertThatThrownBy(() -> BaumWelch.fit(new double[] {0, Double.NaN}, 2, EmissionType.GAUSSIAN, 0, BaumWelch.Options.DEFAULT))
                .hasMessageContaining("observations[1]");
        assertThatThrownBy(() -> BaumWelch.fit(new double[] {0, 1}, 65, EmissionType.GAUSSIAN, 0, BaumWelch.Options.DEFAULT))
                .hasMessage("states: expected 2..64, got 65");
    }

    static void assertNonDecreasing(double[] history) {
        for (int i = 1; i < history.length; i++) {
            assertThat(history[i]).as("log-likelihood at iteration %d of %s", i, Arrays.toString(history))
                    .isGreaterThanOrEqualTo(history[i - 1] - 1e-9 * Math.abs(history[i - 1]));
        }
    }
}
