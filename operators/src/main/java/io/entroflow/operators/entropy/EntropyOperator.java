package io.entroflow.operators.entropy;

import io.entroflow.operators.internal.concurrent.SeqLock;
import io.entroflow.operators.internal.histogram.DenseHistogram;
import io.entroflow.operators.internal.histogram.Histogram;
import io.entroflow.operators.internal.histogram.HistogramCopy;
import io.entroflow.operators.internal.histogram.HistogramWindowListener;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.internal.window.CountWindow;
import io.entroflow.operators.internal.window.CumulativeWindow;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.internal.window.WindowListener;
import io.entroflow.operators.state.Checkpointable;
import io.entroflow.operators.window.Window;

import java.util.Objects;

/**
 * One entropy-family measure of a categorical signal over a window, updated per event.
 *
 * <p>{@link #update} admits one symbol: the window evicts what falls out, the histogram replaces
 * the changed symbols' terms in its running sums, and the event's local value
 * &minus;log p(symbol) under the updated window is returned. {@link #value()} evaluates the
 * measure from the running sums. Both are O(1), independent of window length and alphabet size
 * (amortised; see {@link EventWindow} and {@link io.entroflow.operators.internal.histogram.Histogram}).
 * The value equals a from-scratch computation over the same window to within floating-point
 * rounding of the final formula: &Sigma; w ln w is kept exactly.
 *
 * <p>Threads: one writer calls {@link #update} (and {@link #value()}, {@link #merge}); any
 * thread may call {@link #snapshot()} and {@link #weights()} at any time, without locks and
 * without blocking the writer (see {@link SeqLock}).
 */
public final class EntropyOperator implements Checkpointable {
    private final EntropyConfig config;
    private final EventWindow window;
    private final CountWindow countWindow; // the window if it counts events: slid without the listener
    private final CumulativeWindow cumulativeWindow; // the window if it keeps all history: pushed without the listener
    private final DenseHistogram histogram;
    private final SeqLock seqLock = new SeqLock();
    private final WindowListener listener;
    private double lnTotalOf = Double.NaN; // the total lnTotal is for (writer thread)
    private double lnTotal;

    public EntropyOperator(EntropyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.window = EventWindow.of(config.window());
        this.countWindow = window.asCountWindow();
        this.cumulativeWindow = window.asCumulativeWindow();
        this.histogram = new DenseHistogram(config.alphabetSize(), config.measure().powerExponent(),
                config.measure().needsMax());
        this.listener = new HistogramWindowListener(histogram);
    }

    /**
     * Admits {@code symbol} at event time {@code timeMillis} and returns its local value
     * &minus;log p(symbol) in the configured unit, p taken over the updated window.
     *
     * @throws io.entroflow.operators.RejectedEventException for a symbol outside 0..alphabetSize&minus;1
     *         ({@code out_of_range}) or an event a time window cannot place ({@code late});
     *         the operator is then unchanged
     */
    public double update(long timeMillis, int symbol) {
        if (symbol < 0 || symbol >= config.alphabetSize()) {
            throw outOfRange(symbol);
        }
        seqLock.beginWrite();
        try {
            if (countWindow != null) {
                slide(timeMillis, symbol);
            } else if (cumulativeWindow != null) {
                cumulativeWindow.push(timeMillis);
                histogram.add(symbol, 1.0);
            } else {
                window.offer(timeMillis, symbol, listener);
            }
        } finally {
            seqLock.endWrite();
        }
        double w = histogram.weight(symbol);
        if (w <= 0) {
            return Double.NaN; // an accepted event that was already outside its time window
        }
        return config.unit().fromNats(lnTotal() - Histogram.ln(w));
    }

    /** {@link Histogram#ln} of the total weight, computed once per total (past the term table it is a logarithm). */
    private double lnTotal() {
        double total = histogram.totalWeight();
        if (total != lnTotalOf) {
            lnTotal = Histogram.ln(total);
            lnTotalOf = total;
        }
        return lnTotal;
    }

    /**
     * A count window's step applied to the histogram directly (the oldest symbol leaves if the
     * window was full, this one enters): the listener's changes in the listener's order, without the
     * call through {@link WindowListener} that every operator's window shares.
     */
    private void slide(long timeMillis, int symbol) {
        long leaving = countWindow.slide(timeMillis, symbol);
        if (leaving != CountWindow.NOTHING_LEFT) {
            histogram.remove(leaving, 1.0);
        }
        histogram.add(symbol, 1.0);
    }

    private io.entroflow.operators.RejectedEventException outOfRange(int symbol) {
        return new io.entroflow.operators.RejectedEventException(
                io.entroflow.operators.RejectedEventException.Reason.OUT_OF_RANGE,
                "symbol: expected 0.." + (config.alphabetSize() - 1) + ", got " + symbol);
    }

    /** The measure over the current window. Writer thread. */
    public double value() {
        return config.measure().evaluate(stats(histogram), sampleSize(histogram.totalWeight()), config.unit());
    }

    /** A consistent snapshot, from any thread. */
    public EntropySnapshot snapshot() {
        Reading r = seqLock.read(() -> new Reading(stats(histogram), window.size(), window.startTime(),
                window.endTime(), window.eventsSeen(), window.unitWeight()));
        EntropyMeasure m = config.measure();
        double value = m.evaluate(r.stats, r.stats.totalWeight() / r.unitWeight, config.unit());
        return new EntropySnapshot(m.name(), value, m.unitLabel(config.unit()),
                r.events, r.stats.totalWeight(), r.stats.support(), r.start, r.end, r.eventsSeen);
    }

    /**
     * A consistent copy of the window's weight per symbol (index = symbol, length = alphabet
     * size), from any thread. O(alphabet).
     */
    public double[] weights() {
        HistogramCopy copy = seqLock.read(histogram::copy);
        double[] weights = new double[config.alphabetSize()];
        for (int i = 0; i < copy.size(); i++) {
            weights[(int) copy.keys()[i]] = copy.weights()[i];
        }
        return weights;
    }

    /**
     * Adds the state of {@code other} (same configuration, disjoint data) to this one, so this
     * operator then holds the state of the union. Cumulative windows only.
     *
     * @throws IllegalStateException for other window kinds or a different configuration
     */
    public void merge(EntropyOperator other) {
        if (!(config.window() instanceof Window.Cumulative) || !config.equals(other.config)) {
            throw new IllegalStateException("merge: needs two cumulative operators of one configuration, got "
                    + config + " and " + other.config);
        }
        HistogramCopy theirs = other.seqLock.read(other.histogram::copy);
        seqLock.beginWrite();
        try {
            for (int i = 0; i < theirs.size(); i++) {
                histogram.add(theirs.keys()[i], theirs.weights()[i]);
            }
            window.absorb(other.window);
        } finally {
            seqLock.endWrite();
        }
    }

    /**
     * The exact state (window bookkeeping and histogram), from which {@link #restore} continues
     * bit-identically. Decay and cumulative windows only: a count or time window is rebuilt by
     * replaying its events. O(alphabet). Writer thread.
     *
     * @throws IllegalStateException for a count or time window
     */
    @Override
    public byte[] checkpoint() {
        StateWriter out = new StateWriter();
        window.writeState(out);
        histogram.writeState(out);
        return out.toByteArray();
    }

    /**
     * Replaces this operator's state with a {@link #checkpoint} of an operator of the same
     * configuration. Writer thread.
     *
     * @throws IllegalStateException    for a count or time window
     * @throws IllegalArgumentException for a state of another configuration or a corrupt state
     */
    @Override
    public void restore(byte[] state) {
        StateReader.restoreUnder(seqLock, state, in -> {
            window.readState(in);
            histogram.readState(in);
        });
    }

    /** The configuration. */
    public EntropyConfig config() {
        return config;
    }

    /** Events in the window. Writer thread. */
    public long windowSize() {
        return window.size();
    }

    /** The histogram's sums as the measures take them (a seqlock reader may call it). */
    private static HistogramStats stats(Histogram h) {
        return new HistogramStats(h.totalWeight(), h.support(), h.sumWLnW(), h.maxWeight(), h.powerSum(),
                h.powerExponent());
    }

    private double sampleSize(double totalWeight) {
        return totalWeight / window.unitWeight();
    }

    private record Reading(HistogramStats stats, long events, long start, long end, long eventsSeen, double unitWeight) {
    }
}
