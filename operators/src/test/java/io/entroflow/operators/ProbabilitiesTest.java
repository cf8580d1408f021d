package io.entroflow.operators;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbabilitiesTest {
    @Test
    void shouldNameTheFirstEntryOutsideZeroToOne() {
        assertThatThrownBy(() -> Probabilities.require("p", new double[] {0.5, -0.5, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p[1]: expected a probability in [0, 1], got -0.5");
        assertThatThrownBy(() -> Probabilities.require("p", new double[] {2, -1}))
                .hasMessage("p[0]: expected a probability in [0, 1], got 2");
        assertThatThrownBy(() -> Probabilities.require("p", new double[] {0.5, Double.NaN}))
                .hasMessage("p[1]: expected a probability in [0, 1], got NaN");
    }

    @Test
    void shouldGiveTheSumToTwelveDigitsWhenItIsNotOne() {
        assertThatThrownBy(() -> Probabilities.require("rows[0]", new double[] {0.5, 0.6}))
                .hasMessage("rows[0]: probabilities must sum to 1, got 1.1");
        assertThatThrownBy(() -> Probabilities.normalised("initial", new double[] {0.5, 0.4}, 1e-6))
                .hasMessage("initial: probabilities must sum to 1, got 0.9");
    }

    @Test
    void shouldRefuseNoEntries() {
        assertThatThrownBy(() -> Probabilities.require("p", new double[0]))
                .hasMessage("p: expected at least one probability, got none");
        assertThatThrownBy(() -> Probabilities.require("p", null))
                .hasMessage("p: expected at least one probability, got none");
    }

    @Test
    void shouldAcceptASumWithinTheToleranceAndNormaliseACopy() {
        double[] p = {0.5, 0.5 + 5e-10};
        assertThat(Probabilities.require("p", p)).isSameAs(p);
        assertThatThrownBy(() -> Probabilities.require("p", new double[] {0.5, 0.5 + 2e-9}))
                .hasMessageStartingWith("p: probabilities must sum to 1, got 1.000000002");
        double[] loose = {0.25, 0.75 + 5e-7};
        double[] n = Probabilities.normalised("p", loose, 1e-6);
        assertThat(n).isNotSameAs(loose);
        assertThat(n[0] + n[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(n[0]).isEqualTo(0.25 / (1 + 5e-7));
    }
}
