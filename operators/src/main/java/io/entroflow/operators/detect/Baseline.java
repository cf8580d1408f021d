package io.entroflow.operators.detect;

/**
 * How a change detector standardises its values: z = (x &minus; mean) / sd.
 *
 * <p>{@link #estimated(int)}: mean and sd of the first B values after the start and after every
 * alarm (sample sd, n &minus; 1), then <i>frozen</i> until the next alarm. Frozen rather than trailing:
 * a trailing baseline absorbs a slow shift and hides it, and a frozen one makes the detector's
 * statistic a function of the values since the restart only, as the ARL approximations assume.
 * An estimated baseline adds noise to z, which shortens the run to a false alarm; B in the
 * hundreds keeps that small (docs/alerts.md measures it). An sd below 1e&minus;9&middot;max(1, |mean|)
 * (a constant baseline) is raised to that floor.
 *
 * <p>{@link #known(double, double)}: a fixed mean and sd (from a model or an offline study); no
 * warm-up.
 *
 * @param length B, values in the baseline (0 for a known baseline)
 * @param mean   the known mean (NaN when estimated)
 * @param sd     the known sd (NaN when estimated)
 */
public record Baseline(int length, double mean, double sd) {

    public Baseline {
        if (length == 0) {
            if (!Double.isFinite(mean) || !(sd > 0 && Double.isFinite(sd))) {
                throw new IllegalArgumentException("baseline: a known baseline needs a finite mean and sd > 0, got mean = "
                        + mean + ", sd = " + sd);
            }
        } else if (length < 2 || length > (1 << 24)) {
            throw new IllegalArgumentException("baseline.length: must be between 2 and 2^24, got " + length);
        } else if (!Double.isNaN(mean) || !Double.isNaN(sd)) {
            throw new IllegalArgumentException("baseline: an estimated baseline takes no mean or sd, got mean = "
                    + mean + ", sd = " + sd);
        }
    }

    /** Mean and sd of the first {@code length} values after each (re)start, frozen until the next alarm. */
    public static Baseline estimated(int length) {
        return new Baseline(length, Double.NaN, Double.NaN);
    }

    /** A fixed mean and sd. */
    public static Baseline known(double mean, double sd) {
        return new Baseline(0, mean, sd);
    }

    /** True for an estimated baseline. */
    public boolean isEstimated() {
        return length > 0;
    }
}
