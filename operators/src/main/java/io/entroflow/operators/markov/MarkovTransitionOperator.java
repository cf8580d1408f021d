package io.entroflow.operators.markov;

import io.entroflow.operators.internal.histogram.HistogramWindowListener;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.concurrent.SeqLock;
import io.entroflow.operators.internal.histogram.SparseHistogram;
import io.entroflow.operators.internal.histogram.HistogramCopy;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.window.Window;

import java.util.Objects;

/**
 * Transition counts n<sub>ij</sub> (s<sub>t&minus;1</sub> = i &rarr; s<sub>t</sub> = j) of one symbol
 * stream over a window, from which {@link #estimate(double)} builds the {@link MarkovChainEstimate}
 * (transition matrix, stationary distribution, entropy rate, entropy production).
 *
 * <p>Each event after the first is one transition, counted with the window's weight in a sparse
 * table keyed by i&middot;K + j: O(1) per event, memory O(distinct transitions). {@link #estimate}
 * copies the table into a K&times;K matrix (O(K&sup2;)) and runs
 * the estimate's power iteration: meant for periodic reads, not per event.
 *
 * <p>Threads: one writer calls {@link #update}; {@link #estimate} and {@link #counts()} from any
 * thread, lock-free ({@link SeqLock}).
 */
public final class MarkovTransitionOperator {
    private final int states;
    private final EventWindow window;
    private final SparseHistogram transitions;
    private final SeqLock seqLock = new SeqLock();
    private final HistogramWindowListener listener;
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
        this.listener = new HistogramWindowListener(transitions);
    }

    /**
     * Admits {@code symbol}; counts the transition from the previous symbol (none for the first event).
     *
     * @throws RejectedEventException for a symbol outside 0..states&minus;1 or a late event; the operator is then unchanged
     */
    public void update(long timeMillis, int symbol) {
        if (symbol < 0 || symbol >= states) {
            throw new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                    "symbol: expected 0.." + (states - 1) + ", got " + symbol);
        }
        seqLock.beginWrite();
        try {
            if (previous >= 0) {
                window.offer(timeMillis, (long) previous * states + symbol, listener);
            }
            previous = symbol;
        } finally {
            seqLock.endWrite();
        }
    }

    /** A consistent copy of the weighted transition counts, counts[i][j] for i &rarr; j. From any thread. */
    public double[][] counts() {
        HistogramCopy copy = seqLock.read(transitions::copy);
        double[][] counts = new double[states][states];
        for (int c = 0; c < copy.size(); c++) {
            long key = copy.keys()[c];
            counts[(int) (key / states)][(int) (key % states)] = copy.weights()[c];
        }
        return counts;
    }

    /** The chain estimated from the current counts with add-{@code pseudoCount} smoothing. From any thread. */
    public MarkovChainEstimate estimate(double pseudoCount) {
        return MarkovChainEstimate.fromCounts(counts(), pseudoCount);
    }

    /** Transitions in the window. Writer thread. */
    public long windowSize() {
        return window.size();
    }
}
