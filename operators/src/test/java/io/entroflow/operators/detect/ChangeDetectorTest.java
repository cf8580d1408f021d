package io.entroflow.operators.detect;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.conformal.Side;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ChangeDetectorTest {

    @Test
    void shouldRefuseBadParametersInOneLineNamingThem() {
        assertThatThrownBy(() -> new CusumDetector.Config(Baseline.estimated(100), Side.HIGH, 0.5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cusum.h: must be in (0, 1e6), got 0.0");
        assertThatThrownBy(() -> Baseline.estimated(1)).hasMessage("baseline.length: must be between 2 and 2^24, got 1");
        assertThatThrownBy(() -> Baseline.known(0, 0))
                .hasMessage("baseline: a known baseline needs a finite mean and sd > 0, got mean = 0.0, sd = 0.0");
        assertThatThrownBy(() -> new PageHinkleyDetector.Config(Baseline.known(0, 1), Side.LOW, -1, 5))
                .hasMessage("pageHinkley.delta: must be in [0, 100), got -1.0");
        assertThatThrownBy(() -> new ShiryaevRobertsDetector.Config(Baseline.known(0, 1), Side.LOW, 1, 0.5))
                .hasMessage("shiryaevRoberts.threshold: must be in (1, 1e300), got 0.5");
        assertThatThrownBy(() -> BayesianChangePointDetector.Config.of(Baseline.known(0, 1), 100, 20, 10, 0.5))
                .hasMessage("bocpd.cap: must be between 2*window+1 = 21 and 100,000, got 20");
        assertThatThrownBy(() -> ArlApproximations.cusumThreshold(0.5, 1, Side.HIGH))
                .hasMessage("targetArl0: must be in [2, 1e12], got 1.0");
    }

    @Test
    void shouldWarmUpOnAnEstimatedBaselineThenAlarmOnAShiftAndRestart() {
        CusumDetector d = new CusumDetector(new CusumDetector.Config(Baseline.estimated(200), Side.TWO_SIDED, 0.5, 6));
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            assertThat(d.warmingUp()).isTrue();
            assertThat(d.update(10 + r.nextGaussian())).isFalse();
            assertThat(d.statistic()).isNaN();
        }
        assertThat(d.warmingUp()).isFalse();
        for (int i = 0; i < 50; i++) {
            assertThat(d.update(10 + r.nextGaussian())).as("null value %d", i).isFalse();
        }
        int delay = 0;
        while (!d.update(6 + r.nextGaussian())) {
            delay++;
        }
        assertThat(delay).isLessThan(5);
        assertThat(d.alarms()).isEqualTo(1);
        assertThat(d.statistic()).isGreaterThan(6);
        assertThat(d.lower()).isZero();
        assertThat(d.warmingUp()).as("a new baseline is collected after the alarm").isTrue();
    }

    /** Page-Hinkley centres by its own running mean, so the shift comes after 100 null values. */
    @Test
    void everyDetectorShouldFlagADownwardShiftOnlyWhenWatchingLow() {
        for (int kind = 0; kind < 3; kind++) {
            for (Side side : Side.values()) {
                ChangeDetector d = switch (kind) {
                    case 0 -> new CusumDetector(CusumDetector.Config.forArl0(Baseline.known(0, 1), side, 1000));
                    case 1 -> new PageHinkleyDetector(PageHinkleyDetector.Config.forArl0(Baseline.known(0, 1), side, 1000));
                    default -> new ShiryaevRobertsDetector(ShiryaevRobertsDetector.Config.forArl0(Baseline.known(0, 1), side, 1000));
                };
                Random r = new Random(kind);
                for (int i = 0; i < 100; i++) {
                    assertThat(d.update(r.nextGaussian())).isFalse();
                }
                boolean alarmed = false;
                for (int i = 0; i < 40 && !alarmed; i++) {
                    alarmed = d.update(-3);
                }
                assertThat(alarmed).as("detector %d, side %s", kind, side).isEqualTo(side != Side.HIGH);
            }
        }
    }

    @Test
    void bayesianDetectorShouldPutTheRunLengthAtTheChange() {
        BayesianChangePointDetector d = new BayesianChangePointDetector(
                BayesianChangePointDetector.Config.of(Baseline.known(0, 1), 1000, 250, 100, 0.99));
        Random r = new Random(3);
        for (int i = 0; i < 400; i++) {
            assertThat(d.update(r.nextGaussian())).isFalse();
        }
        assertThat(d.mapRunLength()).isGreaterThan(200);
        assertThat(d.statistic()).isLessThan(0.2);
        double[] posterior = d.runLengthPosterior();
        assertThat(java.util.Arrays.stream(posterior).sum()).isCloseTo(1.0, within(1e-12));
        int t = 0;
        while (!d.update(3 + r.nextGaussian())) {
            t++;
        }
        assertThat(t).isLessThan(10);
    }

    @Test
    void shouldRejectANonFiniteValueAndStayUnchanged() {
        ShiryaevRobertsDetector d = new ShiryaevRobertsDetector(
                ShiryaevRobertsDetector.Config.forArl0(Baseline.estimated(5), Side.HIGH, 500));
        d.update(1);
        byte[] before = d.checkpoint();
        assertThatThrownBy(() -> d.update(Double.POSITIVE_INFINITY)).isInstanceOf(RejectedEventException.class)
                .hasMessage("shiryaevRoberts.value: expected a finite number, got Infinity");
        assertThat(d.checkpoint()).isEqualTo(before);
    }

    @Test
    void shouldRefuseTheStateOfAnotherConfiguration() {
        CusumDetector a = new CusumDetector(new CusumDetector.Config(Baseline.known(0, 1), Side.HIGH, 0.5, 4));
        CusumDetector b = new CusumDetector(new CusumDetector.Config(Baseline.known(0, 1), Side.HIGH, 0.5, 5));
        assertThatThrownBy(() -> b.restore(a.checkpoint())).hasMessageStartingWith("state: CUSUM of another configuration");
        PageHinkleyDetector p = new PageHinkleyDetector(new PageHinkleyDetector.Config(Baseline.known(0, 1), Side.HIGH, 0.5, 4));
        assertThatThrownBy(() -> p.restore(a.checkpoint())).hasMessageStartingWith("state: expected Page-Hinkley version 1");
    }

    @Test
    void logGammaShouldMatchKnownValues() {
        assertThat(LogGamma.of(0.5)).isCloseTo(0.5723649429247001, within(1e-13));
        assertThat(LogGamma.of(1)).isCloseTo(0, within(1e-13));
        assertThat(LogGamma.of(1.5)).isCloseTo(-0.12078223763524522, within(1e-13));
        assertThat(LogGamma.of(10)).isCloseTo(12.801827480081469, within(1e-12));
        assertThat(LogGamma.of(100.5)).isCloseTo(361.4355404677776, within(1e-11));
        assertThat(LogGamma.of(3.7)).isCloseTo(1.4280723266653883, within(1e-13));
    }

    @Test
    void arlApproximationsShouldMatchPublishedValuesAndInvert() {
        // Siegmund: one-sided k = 0.5, h = 4: 338 (exact 336); delay for a 1-sd shift 8.34 (exact 8.38)
        assertThat(ArlApproximations.cusumArl0(0.5, 4, Side.HIGH)).isCloseTo(338.1, within(0.5));
        assertThat(ArlApproximations.cusumArl0(0.5, 4, Side.TWO_SIDED)).isCloseTo(169.0, within(0.3));
        assertThat(ArlApproximations.cusumDelay(0.5, 4, 1, Side.HIGH)).isCloseTo(8.34, within(0.01));
        assertThat(ArlApproximations.overshootConstant(1)).isCloseTo(0.5603, within(0.0005));
        for (double target : new double[] {50, 500, 10_000}) {
            double h = ArlApproximations.cusumThreshold(0.5, target, Side.TWO_SIDED);
            assertThat(ArlApproximations.cusumArl0(0.5, h, Side.TWO_SIDED)).isCloseTo(target, within(target * 1e-6));
            double a = ArlApproximations.shiryaevRobertsThreshold(1, target, Side.HIGH);
            assertThat(ArlApproximations.shiryaevRobertsArl0(1, a, Side.HIGH)).isCloseTo(target, within(target * 1e-9));
        }
    }
}
