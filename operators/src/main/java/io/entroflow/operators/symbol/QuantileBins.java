package io.entroflow.operators.symbol;

import io.entroflow.operators.RejectedEventException;

import java.util.Arrays;

/**
 * Equal-frequency bins from an online quantile estimate: the P&sup2; histogram algorithm keeps
 * b+1 markers at the 0, 1/b, &hellip;, 1 quantiles of everything seen, moved by piecewise-parabolic
 * interpolation, in O(b) time and space per value and no stored history. A value's symbol is the
 * cell between markers it falls into, 0..b&minus;1, taken before the value moves the markers.
 * Over a stationary stream each symbol is therefore close to equally likely.
 *
 * <p>Until b+1 values have been seen the markers are the sorted values themselves and a value's
 * symbol is its rank among them scaled to 0..b&minus;1.
 *
 * <p>Design note: Jain &amp; Chlamtac, "The P&sup2; algorithm for dynamic calculation of quantiles and
 * histograms without storing observations", CACM 28(10), 1985, section "histograms".
 */
public final class QuantileBins implements NumericSymbolizer {
    private final int bins;
    private final double[] heights;   // marker heights q_0..q_b
    private final double[] positions; // marker positions n_0..n_b (0-based)
    private long count;

    /** @param bins number of equal-frequency bins, 2 .. 1024 */
    public QuantileBins(int bins) {
        if (bins < 2 || bins > 1024) {
            throw new IllegalArgumentException("bins: expected 2..1024, got " + bins);
        }
        this.bins = bins;
        this.heights = new double[bins + 1];
        this.positions = new double[bins + 1];
    }

    @Override
    public int symbolize(double value) {
        RejectedEventException.requireFinite("value", value);
        if (count < bins + 1) {
            return warmUp(value);
        }
        int cell = cellOf(value);
        count++;
        for (int i = cell + 1; i <= bins; i++) {
            positions[i]++;
        }
        adjustMarkers();
        return cell;
    }

    @Override
    public int alphabetSize() {
        return bins;
    }

    /** Current estimate of the boundaries between bins (b&minus;1 interior markers), a copy. */
    public double[] boundaries() {
        int m = (int) Math.min(count, bins + 1);
        if (m < bins + 1) {
            return new double[0];
        }
        return Arrays.copyOfRange(heights, 1, bins);
    }

    private int warmUp(double value) {
        int m = (int) count;
        int rank = 0;
        while (rank < m && heights[rank] <= value) {
            rank++;
        }
        int symbol = (int) Math.min(bins - 1, ((long) rank * bins) / (m + 1));
        System.arraycopy(heights, rank, heights, rank + 1, m - rank);
        heights[rank] = value;
        count++;
        if (count == bins + 1) {
            for (int i = 0; i <= bins; i++) {
                positions[i] = i;
            }
        }
        return symbol;
    }

    private int cellOf(double x) {
        if (x < heights[0]) {
            heights[0] = x;
            return 0;
        }
        if (x >= heights[bins]) {
            heights[bins] = x;
            return bins - 1;
        }
        int lo = 0;
        int hi = bins; // invariant: heights[lo] <= x < heights[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (heights[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void adjustMarkers() {
        double last = count - 1;
        for (int i = 1; i < bins; i++) {
            double desired = i * last / bins;
            double d = desired - positions[i];
            if ((d >= 1 && positions[i + 1] - positions[i] > 1) || (d <= -1 && positions[i - 1] - positions[i] < -1)) {
                int step = d > 0 ? 1 : -1;
                double candidate = parabolic(i, step);
                if (heights[i - 1] < candidate && candidate < heights[i + 1]) {
                    heights[i] = candidate;
                } else {
                    heights[i] = heights[i] + step * (heights[i + step] - heights[i]) / (positions[i + step] - positions[i]);
                }
                positions[i] += step;
            }
        }
    }

    private double parabolic(int i, int d) {
        double nPrev = positions[i - 1];
        double n = positions[i];
        double nNext = positions[i + 1];
        return heights[i] + d / (nNext - nPrev) * ((n - nPrev + d) * (heights[i + 1] - heights[i]) / (nNext - n)
                + (nNext - n - d) * (heights[i] - heights[i - 1]) / (n - nPrev));
    }
}
