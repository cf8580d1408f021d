package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.internal.window.WindowListener;

import java.util.Objects;

/**
 * Keeps a {@link Histogram} equal to a window's contents: an entering event adds its weight to
 * its payload's key, a leaving one removes it, a decay rescale rescales every weight. The
 * adapter for operators whose window payload is the histogram key itself.
 */
public final class HistogramWindowListener implements WindowListener {
    private final Histogram histogram;

    public HistogramWindowListener(Histogram histogram) {
        this.histogram = Objects.requireNonNull(histogram, "histogram");
    }

    @Override
    public void enter(long payload, double weight) {
        histogram.add(payload, weight);
    }

    @Override
    public void leave(long payload, double weight) {
        histogram.remove(payload, weight);
    }

    @Override
    public void rescale(double factor) {
        histogram.rescale(factor);
    }
}
