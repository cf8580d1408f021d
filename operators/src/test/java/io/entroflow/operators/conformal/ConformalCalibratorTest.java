package io.entroflow.operators.conformal;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.signal.Ar1Process;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConformalCalibratorTest {

    /** The 99.9% two-sided binomial acceptance interval [lo, hi] of alarms among n trials at rate alpha. */
    static int[] binomialBounds(int n, double alpha) {
        BinomialDistribution b = BinomialDistribution.of(n, alpha);
        return new int[] {b.inverseCumulativeProbability(0.0005), b.inverseCumulativeProbability(0.9995)};
    }

    @Test
    void shouldRefuseAnAlphaNoValueCanReachNamingTheParameters() {
        assertThatThrownBy(() -> ConformalConfig.of(99, 10, Side.HIGH, 0.005, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conformal.alpha: 0.005 is below 1/(calibrationSize+1) = 0.01 for calibrationSize = 99"
                        + " and side = HIGH; no value could alarm without a tie");
        assertThatThrownBy(() -> ConformalConfig.of(99, 10, Side.TWO_SIDED, 0.015, 1))
                .hasMessageStartingWith("conformal.alpha: 0.015 is below 2/(calibrationSize+1) = 0.02");
        assertThat(ConformalConfig.of(99, 10, Side.HIGH, 0.01, 1).alpha()).isEqualTo(0.01);
        assertThatThrownBy(() -> ConformalConfig.of(0, 10, Side.HIGH, 0.5, 1))
                .hasMessage("conformal.calibrationSize: must be between 1 and 1,000,000, got 0");
        assertThatThrownBy(() -> ConformalConfig.of(10, 0, Side.HIGH, 0.5, 1))
                .hasMessage("conformal.stride: must be between 1 and 2^30, got 0");
        assertThatThrownBy(() -> ConformalConfig.of(10, 1, Side.HIGH, 1.0, 1))
                .hasMessage("conformal.alpha: must be in (0, 1), got 1.0");
    }

    @Test
    void shouldWarmUpUntilNCalibrationValuesExist() {
        ConformalCalibrator c = new ConformalCalibrator(ConformalConfig.of(3, 2, Side.HIGH, 0.25, 7));
        for (int i = 1; i <= 6; i++) {
            ConformalPValue p = c.update(i);
            assertThat(p.warmingUp()).as("value %d", i).isTrue();
            assertThat(p.pValue()).isNaN();
            assertThat(p.alarm()).isFalse();
            assertThat(p.calibration()).as("value %d", i).isEqualTo(i % 2 == 0);
        }
        assertThat(c.calibrationSnapshot()).containsExactly(2, 4, 6);
        assertThat(c.warmingUp()).isFalse();
        assertThat(c.update(100).pValue()).isBetween(0.0, 0.25);
    }

    @Test
    void shouldGiveTheClassicalPValueWithoutRandomisation() {
        ConformalCalibrator high = new ConformalCalibrator(new ConformalConfig(4, 1, Side.HIGH, 0.2, false, 1));
        ConformalCalibrator low = new ConformalCalibrator(new ConformalConfig(4, 1, Side.LOW, 0.2, false, 1));
        ConformalCalibrator two = new ConformalCalibrator(new ConformalConfig(4, 1, Side.TWO_SIDED, 0.4, false, 1));
        for (double v : new double[] {1, 2, 2, 3}) {
            high.calibrate(v);
            low.calibrate(v);
            two.calibrate(v);
        }
        // (1 + #{at least as extreme}) / (N + 1)
        assertThat(high.score(2).pValue()).isEqualTo(4 / 5.0);
        assertThat(high.score(5).pValue()).isEqualTo(1 / 5.0);
        assertThat(high.score(5).alarm()).isTrue();
        assertThat(low.score(2).pValue()).isEqualTo(4 / 5.0);
        assertThat(low.score(0).pValue()).isEqualTo(1 / 5.0);
        assertThat(two.score(0).pValue()).isEqualTo(2 / 5.0);
        assertThat(two.score(2).pValue()).isEqualTo(1.0);
    }

    @Test
    void shouldRankTheValueAndItsTiesWithTheSeededVariate() {
        ConformalConfig config = new ConformalConfig(4, 1, Side.HIGH, 0.2, true, 42);
        ConformalCalibrator c = new ConformalCalibrator(config);
        for (double v : new double[] {1, 2, 2, 3}) {
            c.calibrate(v);
        }
        double u = TieNoise.uniform(42, 0);
        // one above (3), two ties, the value itself: (1 + u*3)/5
        assertThat(c.score(2).pValue()).isEqualTo((1 + u * 3) / 5);
        assertThat(TieNoise.uniform(42, 0)).isEqualTo(u).isStrictlyBetween(0.0, 1.0);
        assertThat(TieNoise.uniform(42, 1)).isNotEqualTo(u);
    }

    @Test
    void shouldRejectANonFiniteValueAndStayUnchanged() {
        ConformalCalibrator c = new ConformalCalibrator(ConformalConfig.of(3, 1, Side.HIGH, 0.25, 7));
        c.update(1);
        byte[] before = c.checkpoint();
        assertThatThrownBy(() -> c.update(Double.NaN)).isInstanceOf(RejectedEventException.class)
                .hasMessage("conformal.value: expected a finite number, got NaN");
        assertThat(c.checkpoint()).isEqualTo(before);
    }

    @Test
    void shouldRefuseTheStateOfAnotherConfiguration() {
        ConformalCalibrator a = new ConformalCalibrator(ConformalConfig.of(3, 1, Side.HIGH, 0.25, 7));
        ConformalCalibrator b = new ConformalCalibrator(ConformalConfig.of(3, 1, Side.HIGH, 0.25, 8));
        assertThatThrownBy(() -> b.restore(a.checkpoint())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("state: conformal calibrator of another configuration");
    }

    /**
     * Exchangeable values, one p-value per independent replicate (N calibration values then the
     * test value): the alarm count is Binomial(R, alpha) exactly, with ties (values on 5 levels)
     * and without, for every side.
     */
    @ParameterizedTest
    @EnumSource(Side.class)
    void shouldAlarmAtRateAlphaOnExchangeableValuesEvenWithTies(Side side) {
        int replicates = 20_000;
        double alpha = 0.1;
        for (boolean ties : new boolean[] {false, true}) {
            Random r = new Random(11 + side.ordinal());
            int alarms = 0;
            for (int i = 0; i < replicates; i++) {
                ConformalCalibrator c = new ConformalCalibrator(ConformalConfig.of(19, 1, side, alpha, r.nextLong()));
                for (int j = 0; j < 19; j++) {
                    c.calibrate(ties ? r.nextInt(5) : r.nextGaussian());
                }
                if (c.score(ties ? r.nextInt(5) : r.nextGaussian()).alarm()) {
                    alarms++;
                }
            }
            int[] bounds = binomialBounds(replicates, alpha);
            assertThat(alarms).as("alarms of %d replicates, side %s, ties %s", replicates, side, ties)
                    .isBetween(bounds[0], bounds[1]);
        }
    }

    /**
     * One long AR(1) stream (phi = 0.9, strongly dependent from value to value), every value fed to
     * {@code update} with stride S = 50: at the calibration points (one per 50 values, correlation
     * 0.9^50 = 0.005 between them) the alarm rate is alpha within the 99.9% binomial interval.
     */
    @ParameterizedTest
    @EnumSource(Side.class)
    void shouldKeepTheRatePerStrideOnADependentStream(Side side) {
        int stride = 50;
        int windows = 6_000;
        double alpha = 0.05;
        ConformalCalibrator c = new ConformalCalibrator(ConformalConfig.of(99, stride, side, alpha, 3));
        Ar1Process ar = new Ar1Process(0.9, 1, 17 + side.ordinal());
        int counted = 0;
        int alarms = 0;
        for (long i = 0; i < (long) stride * (windows + 99); i++) {
            ConformalPValue p = c.update(ar.nextValue());
            if (p.calibration() && !p.warmingUp()) {
                counted++;
                alarms += p.alarm() ? 1 : 0;
            }
        }
        assertThat(counted).isEqualTo(windows);
        int[] bounds = binomialBounds(windows, alpha);
        assertThat(alarms).as("alarms per stride point, side %s", side).isBetween(bounds[0], bounds[1]);
    }
}
