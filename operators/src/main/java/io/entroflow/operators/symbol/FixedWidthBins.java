package io.entroflow.operators.symbol;

import io.entroflow.operators.RejectedEventException;

/**
 * Equal-width bins over [min, max): bin i holds values in [min + i&middot;w, min + (i+1)&middot;w),
 * w = (max &minus; min)/bins. Values below min go to bin 0 and values at or above max to the last
 * bin; both are counted ({@link #belowRange()}, {@link #aboveRange()}), so a range that is too
 * narrow shows. O(1) per value.
 */
public final class FixedWidthBins implements NumericSymbolizer {
    private final double min;
    private final double max;
    private final int bins;
    private final double scale;
    private long below;
    private long above;

    /**
     * @param min  lower edge, finite
     * @param max  upper edge, finite and &gt; min
     * @param bins number of bins, &ge; 1
     */
    public FixedWidthBins(double min, double max, int bins) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("range: expected finite min < max, got [" + min + ", " + max + ")");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins: expected >= 1, got " + bins);
        }
        this.min = min;
        this.max = max;
        this.bins = bins;
        this.scale = bins / (max - min);
    }

    @Override
    public int symbolize(double value) {
        RejectedEventException.requireFinite("value", value);
        if (value < min) {
            below++;
            return 0;
        }
        if (value >= max) {
            above++;
            return bins - 1;
        }
        int bin = (int) ((value - min) * scale);
        return Math.min(bin, bins - 1);
    }

    @Override
    public int alphabetSize() {
        return bins;
    }

    /** Values that fell below the range (placed in bin 0). */
    public long belowRange() {
        return below;
    }

    /** Values at or above the range's upper edge (placed in the last bin). */
    public long aboveRange() {
        return above;
    }
}
