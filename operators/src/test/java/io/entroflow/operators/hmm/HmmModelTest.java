package io.entroflow.operators.hmm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HmmModelTest {

    @Test
    void shouldNameTheTransitionEntryThatIsNotAProbability() {
        assertThatThrownBy(() -> new HmmModel(new double[] {0.5, 0.5}, new double[][] {{1, 0}, {-0.2, 1.2}},
                new GaussianEmission(new double[] {0, 1}, new double[] {1, 1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transition[1][0]: expected a probability in [0, 1], got -0.2");
    }

    @Test
    void shouldRejectARowThatDoesNotSumToOne() {
        assertThatThrownBy(() -> new HmmModel(new double[] {0.5, 0.4}, new double[][] {{1, 0}, {0, 1}},
                new GaussianEmission(new double[] {0, 1}, new double[] {1, 1})))
                .hasMessage("initial: probabilities must sum to 1, got 0.9");
    }

    @Test
    void shouldRejectSizesOutsideTwoToSixtyFourAndMismatchedEmissions() {
        assertThatThrownBy(() -> new HmmModel(new double[] {1}, new double[][] {{1}},
                new GaussianEmission(new double[] {0}, new double[] {1})))
                .hasMessage("initial: expected 2..64 states, got 1");
        assertThatThrownBy(() -> new HmmModel(new double[] {0.5, 0.5}, new double[][] {{1, 0}, {0, 1}},
                new GaussianEmission(new double[] {0, 1, 2}, new double[] {1, 1, 1})))
                .hasMessage("emission: expected 2 states, got 3");
        assertThatThrownBy(() -> new GaussianEmission(new double[] {0, 1}, new double[] {1, 0}))
                .hasMessage("variances[1]: expected a finite variance > 0, got 0.0");
        assertThatThrownBy(() -> new CategoricalEmission(new double[][] {{0.5, 0.5}, {0.5}}))
                .hasMessage("probabilities[1]: expected 2 symbols, got 1");
    }

    @Test
    void shouldRenormaliseRowsWithinTolerance() {
        HmmModel m = new HmmModel(new double[] {0.5, 0.5 + 1e-9}, new double[][] {{0.3, 0.7}, {0.6, 0.4}},
                new GaussianEmission(new double[] {0, 1}, new double[] {1, 1}));
        assertThat(m.initial(0) + m.initial(1)).isCloseTo(1, within(1e-16));
    }

    @Test
    void shouldComputeGaussHermiteWeightsSummingToRootPi() {
        double s = 0;
        double second = 0;
        for (int q = 0; q < GaussHermite.ORDER; q++) {
            s += GaussHermite.WEIGHTS[q];
            second += GaussHermite.WEIGHTS[q] * GaussHermite.NODES[q] * GaussHermite.NODES[q];
        }
        assertThat(s).isCloseTo(Math.sqrt(Math.PI), within(1e-12));
        assertThat(second).isCloseTo(Math.sqrt(Math.PI) / 2, within(1e-12));
    }
}
