package io.entroflow.operators.detect;

import io.entroflow.operators.conformal.Side;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Closed-form approximations of ARL0 (mean values to a false alarm on an unchanged N(0, 1) stream)
 * and of the delay after a shift, and the thresholds that give a target ARL0. They assume a known
 * baseline; an estimated one shortens ARL0 (docs/alerts.md measures by how much).
 *
 * <p><b>CUSUM</b> (Siegmund's corrected diffusion approximation [1], ch. X): a one-sided CUSUM
 * with reference k and threshold h on values whose mean is &mu; has, with &Delta; = &mu; &minus; k and
 * b = h + 1.166,
 * <pre>ARL(&Delta;) = (exp(&minus;2&Delta;b) + 2&Delta;b &minus; 1) / (2&Delta;&sup2;)   (b&sup2; when &Delta; = 0)</pre>
 * ARL0 = ARL(&minus;k); the two sides of a two-sided CUSUM alarm independently enough that
 * 1/ARL = 1/ARL+ + 1/ARL&minus;. Within a few percent for k = 0.5, h &ge; 2 (336 exact against 338
 * for h = 4 one-sided).
 *
 * <p><b>Page-Hinkley</b>: the CUSUM formula with k = &delta;. The running-mean centring makes the
 * real ARL0 longer; the approximation errs on the side of fewer false alarms than configured.
 *
 * <p><b>Shiryaev-Roberts</b> (Pollak [2]): ARL0 &asymp; A / &nu;(&mu;) one-sided, half that two-sided,
 * with the overshoot constant &nu;(&mu;) = (2/&mu;&sup2;) exp(&minus;2 &Sigma;_{n&ge;1} n<sup>&minus;1</sup> &Phi;(&minus;&mu;&radic;n / 2))
 * (&nu;(1) = 0.5603); ARL0 &ge; A holds exactly (one-sided).
 *
 * <p>[1] Siegmund, <i>Sequential Analysis</i>, Springer 1985, doi:10.1007/978-1-4757-1862-1.
 * [2] Pollak, Ann. Statist. 15(2) 1987, doi:10.1214/aos/1176350364.
 */
public final class ArlApproximations {
    private static final double SIEGMUND_SHIFT = 1.166;
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private ArlApproximations() {
    }

    /** One-sided CUSUM run length on values whose mean exceeds the reference by {@code drift} (= &mu; &minus; k). */
    static double oneSidedRunLength(double drift, double h) {
        double b = h + SIEGMUND_SHIFT;
        if (Math.abs(drift) < 1e-9) {
            return b * b;
        }
        return (Math.exp(-2 * drift * b) + 2 * drift * b - 1) / (2 * drift * drift);
    }

    /** Siegmund's ARL0 of a CUSUM with reference k and threshold h. */
    public static double cusumArl0(double k, double h, Side side) {
        double one = oneSidedRunLength(-k, h);
        return side == Side.TWO_SIDED ? one / 2 : one;
    }

    /** Siegmund's mean delay of a CUSUM (from its start) after a shift of {@code shift} sd in the watched direction. */
    public static double cusumDelay(double k, double h, double shift, Side side) {
        double toward = oneSidedRunLength(shift - k, h);
        if (side != Side.TWO_SIDED) {
            return toward;
        }
        double away = oneSidedRunLength(-shift - k, h);
        return 1 / (1 / toward + 1 / away);
    }

    /**
     * The CUSUM threshold h whose Siegmund ARL0 is {@code targetArl0} (bisection, to 1e&minus;9).
     *
     * @throws IllegalArgumentException for k outside (0, 10] or a target outside [2, 1e12]
     */
    public static double cusumThreshold(double k, double targetArl0, Side side) {
        if (!(k > 0 && k <= 10)) {
            throw new IllegalArgumentException("cusum.k: must be in (0, 10] for the ARL0 approximation, got " + k);
        }
        checkTarget(targetArl0);
        double lo = 0;
        double hi = 1;
        while (cusumArl0(k, hi, side) < targetArl0) {
            hi *= 2;
        }
        if (cusumArl0(k, lo, side) >= targetArl0) {
            throw new IllegalArgumentException("cusum: target ARL0 " + targetArl0 + " is below the ARL0 of h = 0 ("
                    + cusumArl0(k, 0, side) + ") for k = " + k);
        }
        for (int i = 0; i < 200 && hi - lo > 1e-9; i++) {
            double mid = (lo + hi) / 2;
            if (cusumArl0(k, mid, side) < targetArl0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** The Page-Hinkley threshold &lambda; for a target ARL0: the CUSUM one with k = &delta;. */
    public static double pageHinkleyThreshold(double delta, double targetArl0, Side side) {
        return cusumThreshold(delta, targetArl0, side);
    }

    /** Pollak's overshoot constant &nu;(&mu;) for a Gaussian mean shift of &mu; sd. */
    public static double overshootConstant(double shift) {
        if (!(shift > 0 && shift <= 10)) {
            throw new IllegalArgumentException("shiryaevRoberts.shift: must be in (0, 10], got " + shift);
        }
        double sum = 0;
        for (int n = 1; n <= 1_000_000; n++) {
            double term = STANDARD.cumulativeProbability(-shift * Math.sqrt(n) / 2) / n;
            sum += term;
            if (term < 1e-17) {
                break;
            }
        }
        return 2 / (shift * shift) * Math.exp(-2 * sum);
    }

    /** ARL0 &asymp; A/&nu;(&mu;) (one-sided), half that two-sided. */
    public static double shiryaevRobertsArl0(double shift, double threshold, Side side) {
        double one = threshold / overshootConstant(shift);
        return side == Side.TWO_SIDED ? one / 2 : one;
    }

    /** The Shiryaev-Roberts threshold A for a target ARL0: target&middot;&nu;(&mu;), twice that two-sided. */
    public static double shiryaevRobertsThreshold(double shift, double targetArl0, Side side) {
        checkTarget(targetArl0);
        double a = targetArl0 * overshootConstant(shift) * (side == Side.TWO_SIDED ? 2 : 1);
        return Math.max(a, 1 + 1e-9);
    }

    private static void checkTarget(double targetArl0) {
        if (!(targetArl0 >= 2 && targetArl0 <= 1e12)) {
            throw new IllegalArgumentException("targetArl0: must be in [2, 1e12], got " + targetArl0);
        }
    }
}
