package io.entroflow.operators.internal.histogram;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The power sum stays right when its terms are each below the exact range (2<sup>62</sup>) but their
 * total is not: decay windows reach such weights (found by EntropyOperatorProperties: decay,
 * R&eacute;nyi &alpha; = 2.13, NaN after 90 events).
 */
class PowerSumRangeTest {
    private static final double EXPONENT = 2.13;

    @Test
    void shouldKeepThePowerSumPositiveWhenTermsBelowTheExactRangeAddUpBeyondIt() {
        double w = 0x1p29; // w^2.13 = 2^61.8 < 2^62, three of them > 2^63
        Histogram h = new SparseHistogram(EXPONENT, false);
        h.add(1, w);
        h.add(2, w);
        h.add(3, w);
        double expected = 3 * Math.pow(w, EXPONENT);
        assertThat(h.powerSum()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-10));
        h.remove(3, w);
        assertThat(h.powerSum()).isCloseTo(2 * Math.pow(w, EXPONENT), org.assertj.core.data.Percentage.withPercentage(1e-10));
    }

    @Test
    void shouldKeepThePowerSumPositiveAfterARescaleRebuildsIt() {
        Histogram h = new SparseHistogram(EXPONENT, false);
        for (int k = 0; k < 4; k++) {
            h.add(k, 0x1p28);
        }
        h.rescale(2.0); // weights 2^29: the rebuilt sum exceeds 2^63
        assertThat(h.powerSum()).isCloseTo(4 * Math.pow(0x1p29, EXPONENT),
                org.assertj.core.data.Percentage.withPercentage(1e-10));
    }
}
