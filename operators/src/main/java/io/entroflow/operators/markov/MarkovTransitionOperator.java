package io.entroflow.operators.markov;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.concurrent.SeqLock;
import io.entroflow.operators.internal.histogram.DenseHistogram;
import io.entroflow.operators.internal.histogram.Histogram;
import io.entroflow.operators.internal.histogram.HistogramCopy;
import io.entroflow.operators.internal.histogram.SparseHistogram;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.internal.window.WindowListener;
import io.entroflow.operators.window.Window;

import java.util.Objects;

/**
 * Transition counts n<sub>ij</sub> (s<sub>t&minus;1</sub> = i &rarr; s<sub>t</sub> = j) of one symbol
 * stream over a window, from which {@link #estimate(double)} builds the {@link MarkovChainEstimate}
 * (transition matrix, stationary distribution, entropy rate, entropy production).
 *
 * <p>Each event after the first is one transition, counted with the window's weight in a sparse
 * table keyed by i&middot;K + j, next to the row totals n<sub>i&middot;</sub>. {@link #update}
 * returns the transition's local value &minus;ln p&#x302;(j | i) = ln n<sub>i&middot;</sub> &minus;
 * ln n<sub>ij</sub> over the updated window (nats): the local entropy rate of a first-order chain.
 * O(1) per event, memory O(distinct transitions + K). {@link #snapshot()} and {@link #estimate}
 * copy the table into a K&times;K matrix (O(K&sup2;)); the estimate then runs its power iteration:
 * meant for periodic reads, not per event.
 *
 * <p>Threads: one writer calls {@link #update}; {@link #snapshot()}, {@link #estimate} and
 * {@link #counts()} from any thread, lock-free ({@link SeqLock}).
 */
public final class MarkovTransitionOperator {
    private final int states;
    private final EventWindow window;
    private final SparseHistogram transitions;
    private final DenseHistogram rows;
    private final SeqLock seqLock = new SeqLock();
    private final WindowListener listener = new Listener();
    private int previous = -1;

    /**
     * @param window which transitions count
     * @param states symbols are 0..states&minus;1, 1..4096 (an estimate holds a states&times;states matrix)
     */
    public MarkovTransitionOperator(Window window, int states) {
        Objects.requireNonNull(window, "window");
        if (states < 1 || states > 4096) {
            throw new IllegalArgumentException("states: must be 1..4096, got " + states);
        }
        this.states = states;
        this.window = EventWindow.of(window);
        this.transitions = new SparseHistogram(Double.NaN, false);
        this.rows = new DenseHistogram(states, Double.NaN, false);
    }

    /**
     * Admits {@code symbol}; counts the transition from the previous symbol (none for the first
     * event) and returns its local value &minus;ln p&#x302;(symbol | previous) over the updated window,
     * nats; NaN for the first event (no transition) and for a transition already outside its time
     * window.
     *
     * @throws RejectedEventException for a symbol outside 0..states&minus;1 or a late event; the operator is then unchanged
     */
    public double update(long timeMillis, int symbol) {
        if (symbol < 0 || symbol >= states) {
            throw new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                    "symbol: expected 0.." + (states - 1) + ", got " + symbol);
        }
        int from = previous;
        long code = (long) from * states + symbol;
        seqLock.beginWrite();
        try {
            if (from >= 0) {
                window.offer(timeMillis, code, listener);
            }
            previous = symbol;
        } finally {
            seqLock.endWrite();
        }
        if (from < 0) {
            return Double.NaN;
        }
        double w = transitions.weight(code);
        return w > 0 ? Histogram.ln(rows.weight(from)) - Histogram.ln(w) : Double.NaN;
    }

    /** A consistent snapshot of the window's transition counts, from any thread. O(K&sup2;). */
    public MarkovTransitionSnapshot snapshot() {
        Reading r = seqLock.read(() -> new Reading(transitions.copy(), window.size(), window.startTime(),
                window.endTime(), window.eventsSeen()));
        return new MarkovTransitionSnapshot(dense(r.copy), r.transitions, r.start, r.end, r.eventsSeen);
    }

    /** A consistent copy of the weighted transition counts, counts[i][j] for i &rarr; j. From any thread. */
    public double[][] counts() {
        return dense(seqLock.read(transitions::copy));
    }

    /** The chain estimated from the current counts with add-{@code pseudoCount} smoothing. From any thread. */
    public MarkovChainEstimate estimate(double pseudoCount) {
        return MarkovChainEstimate.fromCounts(counts(), pseudoCount);
    }

    /** Transitions in the window. Writer thread. */
    public long windowSize() {
        return window.size();
    }

    private double[][] dense(HistogramCopy copy) {
        double[][] counts = new double[states][states];
        for (int c = 0; c < copy.size(); c++) {
            long key = copy.keys()[c];
            counts[(int) (key / states)][(int) (key % states)] = copy.weights()[c];
        }
        return counts;
    }

    /** Keeps the transition table and its row totals equal to the window's transitions. */
    private final class Listener implements WindowListener {
        @Override
        public void enter(long code, double weight) {
            transitions.add(code, weight);
            rows.add(code / states, weight);
        }

        @Override
        public void leave(long code, double weight) {
            transitions.remove(code, weight);
            rows.remove(code / states, weight);
        }

        @Override
        public void rescale(double factor) {
            transitions.rescale(factor);
            rows.rescale(factor);
        }
    }

    private record Reading(HistogramCopy copy, long transitions, long start, long end, long eventsSeen) {
    }
}
