package io.entroflow.operators.entropy;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.concurrent.SeqLock;
import io.entroflow.operators.internal.histogram.DenseHistogram;
import io.entroflow.operators.internal.histogram.ExactSum;
import io.entroflow.operators.internal.histogram.Histogram;
import io.entroflow.operators.internal.histogram.HistogramCopy;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.internal.window.WindowListener;
import io.entroflow.operators.state.Checkpointable;
import io.entroflow.operators.window.Window;

import java.util.Objects;

/**
 * Divergence of the current window's distribution P from a fixed {@link ReferenceDistribution}
 * Q: the drift of a categorical signal.
 *
 * <p>Kullback-Leibler, O(1) per event: D = (&Sigma; w ln w)/W &minus; ln W &minus; T/W with
 * T = &Sigma; w<sub>s</sub> ln q<sub>s</sub> kept exactly beside the histogram's sums; +&infin; while
 * the window holds a symbol with q<sub>s</sub> = 0. Jensen-Shannon is computed on demand from the
 * window's support, O(m). {@link #update} returns the event's local divergence
 * ln(p<sub>s</sub>/q<sub>s</sub>).
 *
 * <p>Threads: one writer; {@link #snapshot()} from any thread (see {@link SeqLock}).
 */
public final class DivergenceOperator implements Checkpointable {
    private final Window windowSpec;
    private final Divergence divergence;
    private final InformationUnit unit;
    private final ReferenceDistribution reference;
    private final EventWindow window;
    private final DenseHistogram histogram;
    private final ExactSum sumWLnQ = new ExactSum();
    private double uncoveredWeight; // weight on symbols with q = 0
    private final SeqLock seqLock = new SeqLock();
    private final WindowListener listener = new Listener();

    public DivergenceOperator(Window window, Divergence divergence, ReferenceDistribution reference, InformationUnit unit) {
        this.windowSpec = Objects.requireNonNull(window, "window");
        this.divergence = Objects.requireNonNull(divergence, "divergence");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.window = EventWindow.of(window);
        this.histogram = new DenseHistogram(reference.alphabetSize(), Double.NaN, false);
    }

    /**
     * Admits {@code symbol} and returns its local divergence ln(p<sub>s</sub>/q<sub>s</sub>) in the
     * configured unit (+&infin; if q<sub>s</sub> = 0).
     */
    public double update(long timeMillis, int symbol) {
        if (symbol < 0 || symbol >= reference.alphabetSize()) {
            throw new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                    "symbol: expected 0.." + (reference.alphabetSize() - 1) + ", got " + symbol);
        }
        seqLock.beginWrite();
        try {
            window.offer(timeMillis, symbol, listener);
        } finally {
            seqLock.endWrite();
        }
        double w = histogram.weight(symbol);
        if (w <= 0) {
            return Double.NaN;
        }
        return unit.fromNats(Histogram.ln(w) - Histogram.ln(histogram.totalWeight()) - reference.logProbability(symbol));
    }

    /** The divergence over the current window. Writer thread. */
    public double value() {
        return divergence == Divergence.KULLBACK_LEIBLER
                ? unit.fromNats(klNats(histogram.totalWeight(), histogram.sumWLnW(), sumWLnQ.value(), uncoveredWeight))
                : jensenShannon(histogram.copy());
    }

    /** A consistent snapshot, from any thread. O(1) for KL, O(m) for JS. */
    public DivergenceSnapshot snapshot() {
        Reading r = seqLock.read(() -> new Reading(histogram.totalWeight(), histogram.sumWLnW(), sumWLnQ.value(),
                uncoveredWeight, window.size(), window.startTime(), window.endTime(),
                divergence == Divergence.JENSEN_SHANNON ? histogram.copy() : null));
        double value = divergence == Divergence.KULLBACK_LEIBLER
                ? unit.fromNats(klNats(r.total, r.sumWLnW, r.sumWLnQ, r.uncovered))
                : jensenShannon(r.copy);
        return new DivergenceSnapshot(divergence.label(), value, unit.label(), r.events, r.start, r.end);
    }

    /** The window specification. */
    public Window window() {
        return windowSpec;
    }

    /**
     * The exact state (window, histogram, &Sigma; w ln q and the uncovered weight); see
     * {@link io.entroflow.operators.entropy.EntropyOperator#checkpoint}. Decay and cumulative windows only.
     *
     * @throws IllegalStateException for a count or time window
     */
    @Override
    public byte[] checkpoint() {
        StateWriter out = new StateWriter();
        window.writeState(out);
        histogram.writeState(out);
        sumWLnQ.writeState(out);
        out.putDouble(uncoveredWeight);
        return out.toByteArray();
    }

    /**
     * Replaces the state with a {@link #checkpoint} of an operator of the same configuration.
     *
     * @throws IllegalStateException    for a count or time window
     * @throws IllegalArgumentException for a state of another configuration or a corrupt state
     */
    @Override
    public void restore(byte[] state) {
        StateReader.restoreUnder(seqLock, state, in -> {
            window.readState(in);
            histogram.readState(in);
            sumWLnQ.readState(in);
            uncoveredWeight = in.getDouble();
        });
    }

    private static double klNats(double total, double sumWLnW, double sumWLnQ, double uncovered) {
        if (total <= 0) {
            return 0.0;
        }
        if (uncovered > 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0.0, sumWLnW / total - Math.log(total) - sumWLnQ / total);
    }

    private double jensenShannon(HistogramCopy p) {
        double total = p.totalWeight();
        if (total <= 0) {
            return 0.0;
        }
        double[] pd = new double[reference.alphabetSize()];
        for (int i = 0; i < p.size(); i++) {
            pd[(int) p.keys()[i]] = p.weights()[i] / total;
        }
        double hp = 0;
        double hm = 0;
        for (int s = 0; s < pd.length; s++) {
            double ps = pd[s];
            double ms = 0.5 * (ps + reference.probability(s));
            if (ps > 0) {
                hp -= ps * Math.log(ps);
            }
            if (ms > 0) {
                hm -= ms * Math.log(ms);
            }
        }
        return unit.fromNats(Math.max(0.0, hm - 0.5 * (hp + reference.entropyNats())));
    }

    private record Reading(double total, double sumWLnW, double sumWLnQ, double uncovered,
                           long events, long start, long end, HistogramCopy copy) {
    }

    private final class Listener implements WindowListener {
        @Override
        public void enter(long payload, double weight) {
            histogram.add(payload, weight);
            account((int) payload, weight);
        }

        @Override
        public void leave(long payload, double weight) {
            histogram.remove(payload, weight);
            account((int) payload, -weight);
        }

        @Override
        public void rescale(double factor) {
            histogram.rescale(factor);
            sumWLnQ.clear();
            uncoveredWeight = 0;
            histogram.forEach((key, w) -> account((int) key, w));
        }

        private void account(int symbol, double weight) {
            double lnQ = reference.logProbability(symbol);
            if (lnQ == Double.NEGATIVE_INFINITY) {
                uncoveredWeight += weight;
                if (Math.abs(uncoveredWeight) < 1e-9) {
                    uncoveredWeight = 0;
                }
            } else {
                sumWLnQ.add(weight * lnQ);
            }
        }
    }
}
