package io.entroflow.operators.conformal;

import java.util.Objects;

/**
 * Configuration of a {@link ConformalCalibrator}.
 *
 * @param calibrationSize N, how many calibration values a p-value is ranked among: 1 to 1,000,000
 *                        (the p-value's resolution is 1/(N+1); a calibration value costs O(N)
 *                        element moves, see {@link ConformalCalibrator})
 * @param stride          S, every S-th value {@link ConformalCalibrator#update} receives becomes a
 *                        calibration value (1 to 2<sup>30</sup>). Values that are windowed aggregates
 *                        should use S = the window length, so calibration windows do not overlap
 * @param side            which tail is extreme
 * @param alpha           the alarm level: a value alarms when its p-value is &le; alpha. In (0, 1),
 *                        and at least the smallest p-value a value without ties can get,
 *                        1/(N+1) one-sided and 2/(N+1) two-sided
 * @param randomisedTies  true: ties and the value's own rank are randomised, so p is exactly
 *                        uniform under exchangeability; false: the conservative p-value (every tie
 *                        counts as more extreme), P(p &le; a) &le; a
 * @param seed            seed of the tie randomisation (SplitMix64): the variate of the n-th value
 *                        is a function of (seed, n) only
 */
public record ConformalConfig(int calibrationSize, int stride, Side side, double alpha, boolean randomisedTies,
                              long seed) {

    public ConformalConfig {
        Objects.requireNonNull(side, "conformal.side");
        if (calibrationSize < 1 || calibrationSize > 1_000_000) {
            throw new IllegalArgumentException("conformal.calibrationSize: must be between 1 and 1,000,000, got "
                    + calibrationSize);
        }
        if (stride < 1 || stride > (1 << 30)) {
            throw new IllegalArgumentException("conformal.stride: must be between 1 and 2^30, got " + stride);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("conformal.alpha: must be in (0, 1), got " + alpha);
        }
        double smallest = (side == Side.TWO_SIDED ? 2.0 : 1.0) / (calibrationSize + 1.0);
        if (alpha < smallest) {
            throw new IllegalArgumentException("conformal.alpha: " + alpha + " is below "
                    + (side == Side.TWO_SIDED ? "2" : "1") + "/(calibrationSize+1) = " + smallest
                    + " for calibrationSize = " + calibrationSize + " and side = " + side
                    + "; no value could alarm without a tie");
        }
    }

    /**
     * The usual configuration: randomised ties, stride = {@code windowLength} (non-overlapping
     * calibration windows).
     */
    public static ConformalConfig of(int calibrationSize, int windowLength, Side side, double alpha, long seed) {
        return new ConformalConfig(calibrationSize, windowLength, side, alpha, true, seed);
    }
}
