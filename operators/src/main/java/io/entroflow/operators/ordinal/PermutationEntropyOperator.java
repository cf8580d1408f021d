package io.entroflow.operators.ordinal;

import io.entroflow.operators.internal.histogram.HistogramCopy;
import io.entroflow.operators.state.Checkpointable;

import java.util.Objects;

/**
 * Permutation entropy (Bandt &amp; Pompe, PRL 88, 174102, 2002; doi:10.1103/PhysRevLett.88.174102)
 * of a numeric signal over a window, updated per value.
 *
 * <p>Each value completes the ordinal pattern of its embedding vector of dimension d and delay
 * &tau; ({@link io.entroflow.operators.symbol.OrdinalPatterns}; ties by order of arrival). Over the window's patterns
 * with weights w<sub>&pi;</sub> (counts, or decayed counts) and total W:
 * S = &minus;&Sigma; p<sub>&pi;</sub> log p<sub>&pi;</sub>, p<sub>&pi;</sub> = w<sub>&pi;</sub>/W, in bits or
 * nats; the normalised {@link #value()} is H<sub>S</sub> = S / log(d!) in 0..1: 0 for a monotone
 * signal, close to 1 for white noise.
 *
 * <p><b>Weighted</b> ({@link OrdinalConfig#weighted()}; Fadlallah et al., PRE 87, 022911, 2013;
 * doi:10.1103/PhysRevE.87.022911): a pattern weighs the population variance of its embedding
 * vector, so patterns formed by noise around a flat level count little.
 *
 * <p><b>Cost.</b> {@link #update}: O(d) for the pattern plus O(1) amortised for the window (see
 * {@link io.entroflow.operators.internal.window.EventWindow}), independent of the window length.
 * {@link #value()}: O(1); O(d!) when weighted. The first (d&minus;1)&tau; values complete no pattern.
 * Unweighted values equal a batch recomputation to rounding of the final formula (&Sigma; w ln w is exact).
 *
 * <p>Threads: one writer calls {@link #update} and {@link #value()}; any thread may call
 * {@link #snapshot()} without locks ({@link io.entroflow.operators.internal.concurrent.SeqLock}).
 */
public final class PermutationEntropyOperator implements Checkpointable {
    private final OrdinalWindowState state;

    public PermutationEntropyOperator(OrdinalConfig config) {
        this.state = new OrdinalWindowState(Objects.requireNonNull(config, "config"), false);
    }

    /**
     * Admits {@code value} at event time {@code timeMillis}. Returns the local normalised value
     * &minus;log p(&pi;)/log(d!) of the pattern &pi; it completes (p over the updated window; its
     * window average is {@link #value()}), or NaN while no pattern is complete.
     *
     * @throws io.entroflow.operators.RejectedEventException for NaN or an infinity ({@code not_finite}) or an
     *         event a time window cannot place ({@code late}); the operator is then unchanged
     */
    public double update(long timeMillis, double value) {
        int index = state.offer(timeMillis, value);
        return index < 0 ? Double.NaN : state.localNormalized(index);
    }

    /**
     * Normalised permutation entropy H<sub>S</sub> over the window, 0..1; NaN before the first pattern
     * (and, when weighted, while every embedding vector in the window is flat). Writer thread.
     */
    public double value() {
        return state.normalizedEntropy();
    }

    /** The unnormalised permutation entropy S in the configured unit. Writer thread. */
    public double entropy() {
        return state.config().unit().fromNats(state.entropyNats());
    }

    /** A consistent snapshot, from any thread. O(d!). */
    public PermutationEntropySnapshot snapshot() {
        OrdinalWindowState.Reading r = state.read();
        int n = state.patternCount();
        double nats;
        if (r.weighted() != null) {
            nats = ComplexityEntropyPlane.normalizedEntropy(r.weighted()) * Math.log(n);
        } else {
            nats = r.stats().isEmpty() ? Double.NaN : r.stats().shannonNats();
        }
        OrdinalConfig c = state.config();
        HistogramCopy counts = r.counts();
        return new PermutationEntropySnapshot(nats / Math.log(n), c.unit().fromNats(nats), c.unit().label(),
                c.dimension(), c.delay(), c.weighted(), r.patterns(), counts.size(), r.start(), r.end(),
                r.eventsSeen());
    }

    /**
     * The exact state for a decay or cumulative window, from which {@link #restore} continues
     * bit-identically. Writer thread.
     *
     * @throws IllegalStateException for a count or time window
     */
    @Override
    public byte[] checkpoint() {
        return state.checkpoint();
    }

    /**
     * Replaces the state with a {@link #checkpoint} of an operator of the same configuration.
     *
     * @throws IllegalStateException    for a count or time window
     * @throws IllegalArgumentException for a state of another configuration or a corrupt state
     */
    @Override
    public void restore(byte[] bytes) {
        state.restore(bytes);
    }

    /** The configuration. */
    public OrdinalConfig config() {
        return state.config();
    }

    /** Patterns in the window. Writer thread. */
    public long windowSize() {
        return state.size();
    }
}
