package io.entroflow.operators.transfer;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Published and analytic values of transfer entropy. */
class TransferEntropyReferenceTest {

    static double te(int[] target, int[] source, int k, int l, int delay, int alphabet) {
        TransferEntropyOperator op = new TransferEntropyOperator(TransferEntropyConfig.of(Window.cumulative(),
                InformationUnit.BITS, alphabet, alphabet, k, l, delay));
        for (int t = 0; t < target.length; t++) {
            op.update(t, target[t], source[t]);
        }
        return op.value();
    }

    @Test
    void shouldMatchInformsPublishedValuesWithHistoryTwo() {
        int[] xs = {0, 0, 1, 1, 1, 0, 0, 0, 0, 1};
        int[] ys = {1, 1, 0, 0, 0, 0, 0, 0, 1, 1};
        assertThat(te(xs, ys, 2, 1, 1, 2)).isCloseTo(0.5, within(1e-6));
        assertThat(te(ys, xs, 2, 1, 1, 2)).isCloseTo(0.106844, within(1e-6));
    }

    @Test
    void shouldMatchJidtsPeriodFourExample() {
        int n = 101;
        int[] dest = new int[n];
        int[] source = new int[n];
        for (int t = 0; t < n; t++) {
            dest[t] = t % 4 < 2 ? 1 : 0;
            source[t] = t % 2 == 0 ? 1 : 0;
        }
        assertThat(te(dest, source, 1, 1, 1, 2)).isCloseTo(1.0, within(1e-3));
        assertThat(te(dest, source, 2, 1, 1, 2)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldReturnOneBitWhenTargetCopiesSourceAndNothingTheOtherWay() {
        Random random = new Random(7);
        int n = 100_000;
        int[] y = new int[n];
        int[] x = new int[n];
        for (int t = 0; t < n; t++) {
            y[t] = random.nextInt(2);
            x[t] = t == 0 ? 0 : y[t - 1];
        }
        assertThat(te(x, y, 1, 1, 1, 2)).isCloseTo(1.0, within(1e-3));
        assertThat(te(y, x, 1, 1, 1, 2)).isCloseTo(0.0, within(1e-3));
    }

    @Test
    void shouldFindTheCouplingOnlyAtTheTrueDelay() {
        Random random = new Random(11);
        int n = 50_000;
        int[] y = new int[n];
        int[] x = new int[n];
        for (int t = 0; t < n; t++) {
            y[t] = random.nextInt(4);
            x[t] = t < 3 ? 0 : y[t - 3];
        }
        assertThat(te(x, y, 1, 1, 3, 4)).isCloseTo(2.0, within(1e-2));
        assertThat(te(x, y, 1, 1, 1, 4)).isCloseTo(0.0, within(1e-2));
    }

    @Test
    void shouldRemoveFlowExplainedByTheConditionWhenConditioned() {
        Random random = new Random(3);
        int n = 50_000;
        int[] z = new int[n];
        int[] x = new int[n];
        int[] y = new int[n];
        for (int t = 0; t < n; t++) {
            z[t] = random.nextInt(2);
            y[t] = z[t]; // y only mirrors the real driver z
            x[t] = t == 0 ? 0 : z[t - 1];
        }
        TransferEntropyConfig plain = TransferEntropyConfig.of(Window.cumulative(), InformationUnit.BITS, 2, 2, 1, 1, 1);
        TransferEntropyOperator unconditioned = new TransferEntropyOperator(plain);
        TransferEntropyOperator conditioned = new TransferEntropyOperator(plain.withCondition(2, 1, 1));
        for (int t = 0; t < n; t++) {
            unconditioned.update(t, x[t], y[t]);
            conditioned.update(t, x[t], y[t], z[t]);
        }
        assertThat(unconditioned.value()).isCloseTo(1.0, within(1e-2));
        assertThat(conditioned.value()).isCloseTo(0.0, within(1e-3));
    }

    @Test
    void shouldCountSamplesAfterTheWarmUpAndGiveASmallPValueForACoupledPair() {
        Random random = new Random(5);
        TransferEntropyOperator op = new TransferEntropyOperator(TransferEntropyConfig.of(Window.cumulative(),
                InformationUnit.NATS, 3, 3, 2, 1, 1));
        int n = 2000;
        int[] x = new int[n];
        int[] y = new int[n];
        for (int t = 0; t < n; t++) {
            y[t] = random.nextInt(3);
            x[t] = t > 0 && random.nextBoolean() ? y[t - 1] : random.nextInt(3);
        }
        assertThat(op.update(0, x[0], y[0])).isNaN();
        assertThat(op.update(1, x[1], y[1])).isNaN();
        for (int t = 2; t < n; t++) {
            assertThat(op.update(t, x[t], y[t])).isFinite();
        }
        TransferEntropySnapshot s = op.snapshot();
        assertThat(s.samples()).isEqualTo(n - 2);
        assertThat(s.value()).isEqualTo(op.value()).isGreaterThan(0.1);
        assertThat(s.degreesOfFreedom()).isEqualTo(2.0 * 2 * 9);
        assertThat(s.pValue()).isLessThan(1e-6);
    }

    @Test
    void shouldGiveSurrogatesTheSamplesAndObservedValueOfTheOperator() {
        Random random = new Random(8);
        int n = 3000;
        int[] x = new int[n];
        int[] y = new int[n];
        int[] z = new int[n];
        for (int t = 0; t < n; t++) {
            y[t] = random.nextInt(3);
            z[t] = random.nextInt(2);
            x[t] = t > 1 && random.nextInt(3) == 0 ? y[t - 2] : random.nextInt(3);
        }
        TransferEntropyConfig config = TransferEntropyConfig.of(Window.cumulative(), InformationUnit.NATS, 3, 3, 2, 2, 2)
                .withCondition(2, 1, 1);
        TransferEntropyOperator op = new TransferEntropyOperator(config);
        for (int t = 0; t < n; t++) {
            op.update(t, x[t], y[t], z[t]);
        }
        io.entroflow.operators.transfer.JointSamples samples = TransferEntropyOperator.samples(config, x, y, z);
        assertThat(samples.codes()).hasSize((int) op.windowSize()).hasSize(n - 3);
        io.entroflow.operators.significance.SurrogateTest.Result r = io.entroflow.operators.significance.SurrogateTest.run(
                samples.codes(), samples.maskA(), samples.maskB(), samples.maskC(), 50,
                io.entroflow.operators.significance.SurrogateTest.Shuffle.SOURCE, 1, 1);
        assertThat(r.observedNats()).isCloseTo(op.value(), within(1e-12));
        assertThat(r.pValue()).isEqualTo(1.0 / 51);
        // the bias of plug-in CMI under the null is about df / (2N) nats (Miller-Madow / G-test)
        double expectedBias = config.degreesOfFreedom() / (2.0 * samples.codes().length);
        assertThat(r.surrogateMeanNats()).isCloseTo(expectedBias, org.assertj.core.api.Assertions.withinPercentage(25));
    }

    @Test
    void shouldRejectAPackingThatDoesNotFitWithAMessageNamingTheHistory() {
        assertThatThrownBy(() -> TransferEntropyConfig.of(Window.cumulative(), InformationUnit.BITS, 256, 256, 8, 8, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k: 8 symbols of an alphabet of 256 do not fit");
        TransferEntropyConfig.of(Window.cumulative(), InformationUnit.BITS, 8, 8, 8, 8, 1); // 17 x 3 bits fit
        TransferEntropyConfig.of(Window.cumulative(), InformationUnit.BITS, 2, 2, 30, 31, 1);
    }

    @Test
    void shouldRejectSymbolsOutsideTheAlphabetAndLeaveTheOperatorUnchanged() {
        TransferEntropyOperator op = new TransferEntropyOperator(TransferEntropyConfig.of(Window.count(10),
                InformationUnit.BITS, 2, 3, 1, 1, 1));
        op.update(0, 1, 2);
        assertThatThrownBy(() -> op.update(1, 1, 3)).isInstanceOf(RejectedEventException.class)
                .hasMessage("source: expected 0..2, got 3");
        assertThatThrownBy(() -> op.update(1, 0, 1, 1)).isInstanceOf(IllegalStateException.class);
        assertThat(op.windowSize()).isZero();
        assertThatThrownBy(() -> TransferEntropyConfig.of(Window.cumulative(), InformationUnit.BITS, 2, 2, 1, 0, 1))
                .hasMessage("l: source history length must be 1..64, got 0");
    }
}
