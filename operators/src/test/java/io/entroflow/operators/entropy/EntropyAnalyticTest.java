package io.entroflow.operators.entropy;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Known analytic values of the entropy family. */
class EntropyAnalyticTest {

    private static EntropyOperator fed(EntropyMeasure measure, Window window, int alphabet, int... symbols) {
        EntropyOperator op = new EntropyOperator(new EntropyConfig(window, measure, InformationUnit.BITS, alphabet));
        for (int i = 0; i < symbols.length; i++) {
            op.update(i, symbols[i]);
        }
        return op;
    }

    private static int[] uniform(int m, int repeats) {
        int[] s = new int[m * repeats];
        for (int i = 0; i < s.length; i++) {
            s[i] = i % m;
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8, 16, 1000})
    void shouldGiveLog2MBitsForUniformOverMSymbols(int m) {
        EntropyOperator op = fed(EntropyMeasure.shannon(), Window.cumulative(), m, uniform(m, 3));
        assertThat(op.value()).isCloseTo(Math.log(m) / Math.log(2), within(1e-12));
        EntropyOperator normalized = fed(EntropyMeasure.normalized(m), Window.cumulative(), m, uniform(m, 3));
        assertThat(normalized.value()).isCloseTo(m == 1 ? 0.0 : 1.0, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 1.0, 2.0, 3.7, Double.POSITIVE_INFINITY})
    void shouldGiveLog2MForEveryRenyiOrderOnAUniformWindow(double alpha) {
        EntropyOperator op = fed(EntropyMeasure.renyi(alpha), Window.count(64), 16, uniform(16, 10));
        assertThat(op.value()).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void shouldRefuseANormalisedEntropyOverADeclaredAlphabetSmallerThanTheSymbols() {
        assertThatThrownBy(() -> new EntropyConfig(Window.count(10), EntropyMeasure.normalized(2), InformationUnit.BITS, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alphabet: 2 is smaller than the 4 symbols of the input, so the normalised entropy could exceed 1;"
                        + " give at least 4, or 0 for the support seen");
        // as large as the symbols, or 0 (the support seen): at most 1
        assertThat(fed(EntropyMeasure.normalized(4), Window.cumulative(), 4, 0, 1, 2, 3).value()).isEqualTo(1.0, within(1e-15));
        assertThat(fed(EntropyMeasure.normalized(0), Window.cumulative(), 4, 0, 1).value()).isEqualTo(1.0, within(1e-15));
    }

    @Test
    void shouldReportNormalisedEntropyWithoutAUnitAndTheOthersInTheirs() {
        assertThat(fed(EntropyMeasure.normalized(0), Window.cumulative(), 4, 0, 1, 2).snapshot().unit()).isEmpty();
        assertThat(fed(EntropyMeasure.shannon(), Window.cumulative(), 4, 0, 1, 2).snapshot().unit()).isEqualTo("bits");
        assertThat(fed(EntropyMeasure.tsallis(2), Window.cumulative(), 4, 0, 1, 2).snapshot().unit()).isEqualTo("nats");
    }

    @Test
    void shouldGiveZeroForAConstantStream() {
        for (EntropyMeasure m : new EntropyMeasure[] {EntropyMeasure.shannon(), EntropyMeasure.renyi(0), EntropyMeasure.renyi(2),
                EntropyMeasure.renyi(Double.POSITIVE_INFINITY), EntropyMeasure.tsallis(2), EntropyMeasure.giniSimpson(),
                EntropyMeasure.normalized(0)}) {
            assertThat(fed(m, Window.count(10), 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3).value()).as(m.toString()).isEqualTo(0.0);
        }
    }

    @Test
    void shouldGiveLogOfSupportSizeForRenyiOrderZero() {
        EntropyOperator op = fed(EntropyMeasure.renyi(0), Window.cumulative(), 10, 0, 0, 0, 0, 0, 0, 1, 2, 2, 7);
        assertThat(op.value()).isCloseTo(2.0, within(1e-12)); // support {0,1,2,7}: log2 4
    }

    @Test
    void shouldGiveMinusLogOfTheLargestProbabilityForRenyiOrderInfinity() {
        EntropyOperator op = fed(EntropyMeasure.renyi(Double.POSITIVE_INFINITY), Window.count(4), 10, 9, 9, 9, 1, 1, 2, 1);
        // window [1, 1, 2, 1]: max p = 3/4
        assertThat(op.value()).isCloseTo(-Math.log(0.75) / Math.log(2), within(1e-12));
    }

    @Test
    void shouldMatchTsallisAndGiniSimpsonClosedFormsOnUniform() {
        int m = 5;
        double q = 3;
        assertThat(fed(EntropyMeasure.tsallis(q), Window.cumulative(), m, uniform(m, 4)).value())
                .isCloseTo((1 - Math.pow(m, 1 - q)) / (q - 1), within(1e-12));
        assertThat(fed(EntropyMeasure.giniSimpson(), Window.cumulative(), m, uniform(m, 4)).value())
                .isCloseTo(1 - 1.0 / m, within(1e-12));
        assertThat(fed(EntropyMeasure.tsallis(0), Window.cumulative(), m, uniform(m, 4)).value())
                .isCloseTo(m - 1, within(1e-12));
    }

    @Test
    void shouldAddTheMillerMadowCorrectionInNats() {
        int[] symbols = {0, 1, 1, 2, 2, 2, 3, 3, 3, 3};
        double plugIn = fed(EntropyMeasure.shannon(), Window.cumulative(), 4, symbols).value();
        double corrected = fed(EntropyMeasure.millerMadow(), Window.cumulative(), 4, symbols).value();
        assertThat(corrected - plugIn).isCloseTo((4 - 1) / (2.0 * 10) / Math.log(2), within(1e-12));
    }

    @Test
    void shouldForgetEventsThatLeaveACountWindow() {
        EntropyOperator op = fed(EntropyMeasure.shannon(), Window.count(4), 8, 0, 1, 2, 3, 4, 4, 4, 4);
        assertThat(op.value()).isEqualTo(0.0);
        assertThat(op.snapshot().events()).isEqualTo(4);
    }

    @Test
    void shouldHalveTheWeightOfAnEventEveryHalfLife() {
        // half-life 1 event: after symbols 0 then 1, weights are 1/2 and 1: p = (1/3, 2/3)
        EntropyOperator op = fed(EntropyMeasure.shannon(), Window.decayEvents(1), 2, 0, 1);
        double expected = -(1 / 3.0) * Math.log(1 / 3.0) - (2 / 3.0) * Math.log(2 / 3.0);
        assertThat(op.value()).isCloseTo(expected / Math.log(2), within(1e-12));
    }

    @Test
    void shouldStayExactOverManyDecayRescalings() {
        EntropyOperator op = new EntropyOperator(new EntropyConfig(Window.decayEvents(2), EntropyMeasure.shannon(), InformationUnit.NATS, 2));
        for (int i = 0; i < 100_000; i++) {
            op.update(i, i % 2);
        }
        // steady state of alternating symbols with half-life 2: weights ratio 2^(-1/2)
        double r = Math.pow(2, -0.5);
        double p = 1 / (1 + r);
        assertThat(op.value()).isCloseTo(-p * Math.log(p) - (1 - p) * Math.log(1 - p), within(1e-12));
    }

    @Test
    void shouldPlaceEventsWithinLatenessAndDropOnesOutsideTheTimeWindow() {
        EntropyOperator op = new EntropyOperator(new EntropyConfig(Window.time(Duration.ofMillis(100), Duration.ofMillis(50)),
                EntropyMeasure.shannon(), InformationUnit.BITS, 4));
        op.update(1000, 0);
        op.update(1050, 1);
        op.update(1020, 2); // 30 ms late: placed
        assertThat(op.snapshot().events()).isEqualTo(3);
        op.update(1130, 3); // window (1030, 1130]: keeps 1050 and 1130
        assertThat(op.snapshot().events()).isEqualTo(2);
        assertThat(op.value()).isCloseTo(1.0, within(1e-12));
    }
}
