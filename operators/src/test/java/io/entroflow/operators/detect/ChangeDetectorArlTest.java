package io.entroflow.operators.detect;

import io.entroflow.operators.conformal.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ARL0 (mean values to a false alarm on N(0, 1) values, known baseline) measured by simulation
 * against the configured target, and the delay after a 1-sd shift. 1,000 runs give a relative
 * standard error of about 3% (run lengths are close to geometric); the tolerances (docs/alerts.md)
 * add the error of each approximation: &plusmn;15% for CUSUM (Siegmund) and Shiryaev-Roberts
 * (Pollak), +30%/&minus;15% for Page-Hinkley (the CUSUM formula; its running mean lengthens ARL0).
 * The Bayesian detector has no formula: its measured ARL0 for one configuration is pinned to
 * the documented value &plusmn;25%.
 */
class ChangeDetectorArlTest {
    private static final Baseline KNOWN = Baseline.known(0, 1);
    private static final double TARGET = 500;

    @Test
    void cusumArl0ShouldMatchSiegmundsApproximation() {
        CusumDetector.Config c = CusumDetector.Config.forArl0(KNOWN, Side.TWO_SIDED, TARGET);
        double arl0 = Detectors.meanRunLength(() -> new CusumDetector(c), 1_000, 1, 0, 1);
        System.out.printf("CUSUM two-sided k = 0.5, h = %.3f: ARL0 %.1f (target %.0f)%n", c.h(), arl0, TARGET);
        assertThat(arl0).isCloseTo(TARGET, within(0.15 * TARGET));
    }

    @Test
    void pageHinkleyArl0ShouldBeNearTheCusumApproximation() {
        PageHinkleyDetector.Config c = PageHinkleyDetector.Config.forArl0(KNOWN, Side.TWO_SIDED, TARGET);
        double arl0 = Detectors.meanRunLength(() -> new PageHinkleyDetector(c), 1_000, 2, 0, 1);
        System.out.printf("Page-Hinkley two-sided delta = 0.5, lambda = %.3f: ARL0 %.1f (target %.0f)%n", c.lambda(), arl0, TARGET);
        assertThat(arl0).isBetween(0.85 * TARGET, 1.3 * TARGET);
    }

    @Test
    void shiryaevRobertsArl0ShouldMatchPollaksApproximation() {
        ShiryaevRobertsDetector.Config c = ShiryaevRobertsDetector.Config.forArl0(KNOWN, Side.TWO_SIDED, TARGET);
        double arl0 = Detectors.meanRunLength(() -> new ShiryaevRobertsDetector(c), 1_000, 3, 0, 1);
        System.out.printf("Shiryaev-Roberts two-sided mu = 1, A = %.1f: ARL0 %.1f (target %.0f)%n", c.threshold(), arl0, TARGET);
        assertThat(arl0).isCloseTo(TARGET, within(0.15 * TARGET));
    }

    @Test
    void bayesianArl0ShouldStayAtItsDocumentedValue() {
        BayesianChangePointDetector.Config c = BayesianChangePointDetector.Config.of(KNOWN, 1000, 250, 100, 0.5);
        double arl0 = Detectors.meanRunLength(() -> new BayesianChangePointDetector(c), 200, 4, 0, 1);
        System.out.printf("BOCPD lambda = 1000, cap 250, k = 100, p* = 0.5: ARL0 %.1f (documented 356)%n", arl0);
        assertThat(arl0).isCloseTo(356, within(0.25 * 356));
    }

    @Test
    void cusumDelayAfterAOneSdShiftShouldMatchSiegmund() {
        CusumDetector.Config c = CusumDetector.Config.forArl0(KNOWN, Side.TWO_SIDED, TARGET);
        double delay = Detectors.meanRunLength(() -> new CusumDetector(c), 2_000, 5, 1, 1);
        double expected = ArlApproximations.cusumDelay(0.5, c.h(), 1, Side.TWO_SIDED);
        System.out.printf("CUSUM two-sided h = %.3f: zero-state delay after +1 sd %.2f (Siegmund %.2f)%n", c.h(), delay, expected);
        assertThat(delay).isCloseTo(expected, within(0.1 * expected));
    }
}
