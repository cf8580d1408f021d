package io.entroflow.operators.ordinal;

import io.entroflow.operators.internal.histogram.HistogramCopy;
import io.entroflow.operators.state.Checkpointable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Jensen-Shannon statistical complexity of a numeric signal's ordinal patterns over a window
 * (Rosso et al., PRL 99, 154102, 2007), with its place on the complexity-entropy plane, a
 * regular / complex / stochastic classification and the forbidden patterns.
 *
 * <p>C = Q<sub>J</sub>[P, P<sub>e</sub>]&middot;H<sub>S</sub>[P] over the window's pattern distribution P
 * (formulas, normalisation constant, curves and region boundaries in {@link ComplexityEntropyPlane});
 * dimensionless, 0 for a single pattern and for the uniform distribution. Patterns as in
 * {@link PermutationEntropyOperator} (same {@link OrdinalConfig}, optionally weighted).
 *
 * <p><b>Forbidden patterns</b> are those with no weight in the window; {@link #snapshot()} lists them
 * beside the number white noise would miss by chance in as many patterns ({@link ForbiddenPatterns}).
 * In a cumulative window forbidden means never seen. Nothing leaves a decay window either: a
 * pattern is forbidden until first seen, and again only when its decayed weight underflows to
 * zero, about a thousand half-lives after it was last seen.
 *
 * <p><b>Cost.</b> {@link #update}: O(d), independent of the window length. {@link #value()}: O(1) for an
 * unweighted count window once full (the Jensen-Shannon sum is maintained while the window total
 * stays fixed), O(d!) otherwise (at most 5040 terms). {@link #snapshot()}: O(d!) plus two bisections
 * for the curves.
 *
 * <p>Threads: one writer calls {@link #update}, {@link #value()} and {@link #entropy()}; any thread may
 * call {@link #snapshot()} without locks ({@link io.entroflow.operators.internal.concurrent.SeqLock}).
 */
public final class StatisticalComplexityOperator implements Checkpointable {
    private final OrdinalWindowState state;

    public StatisticalComplexityOperator(OrdinalConfig config) {
        this.state = new OrdinalWindowState(Objects.requireNonNull(config, "config"), true);
    }

    /**
     * Admits {@code value} at event time {@code timeMillis} and returns its local value: the
     * normalised surprisal &minus;log p(&pi;)/log(d!) of the pattern &pi; it completes (p over the
     * updated window; its window average is {@link #entropy()}, the H<sub>S</sub> coordinate of the
     * plane, as in {@link PermutationEntropyOperator#update}), or NaN while no pattern is complete.
     * Complexity itself has no per-event decomposition; read it with {@link #value()}.
     *
     * @throws io.entroflow.operators.RejectedEventException for NaN or an infinity ({@code not_finite}) or an
     *         event a time window cannot place ({@code late}); the operator is then unchanged
     */
    public double update(long timeMillis, double value) {
        int index = state.offer(timeMillis, value);
        return index < 0 ? Double.NaN : state.localNormalized(index);
    }

    /** Statistical complexity C over the window; NaN before the first pattern. Writer thread. */
    public double value() {
        return state.complexity();
    }

    /** Normalised permutation entropy H<sub>S</sub> over the window. Writer thread. */
    public double entropy() {
        return state.point().entropy();
    }

    /** (H<sub>S</sub>, C). Writer thread. */
    public PlanePoint point() {
        return state.point();
    }

    /** Number of patterns with no weight in the window. Writer thread, O(1). */
    public int forbiddenCount() {
        return state.forbiddenCount();
    }

    /**
     * The complexity and window of {@link #snapshot}, with the same bits, without what the snapshot
     * adds to them: C<sub>min</sub> and C<sub>max</sub> at the window's entropy (two bisections of up
     * to 100 steps each), the region and the forbidden patterns. O(d!), from any thread.
     */
    public ComplexityReading reading() {
        OrdinalWindowState.Reading r = state.read();
        PlanePoint p = point(r, dense(r.counts(), state.patternCount()));
        return new ComplexityReading(p.complexity(), r.patterns(), r.start(), r.end());
    }

    /** A consistent snapshot with region and forbidden patterns, from any thread. */
    public ComplexitySnapshot snapshot() {
        OrdinalWindowState.Reading r = state.read();
        OrdinalConfig c = state.config();
        int n = state.patternCount();
        double[] counts = dense(r.counts(), n);
        PlanePoint p = point(r, counts);
        List<Integer> forbidden = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!(counts[i] > 0)) {
                forbidden.add(i);
                labels.add(OrdinalPatternLabels.format(i, c.dimension()));
            }
        }
        boolean empty = Double.isNaN(p.entropy());
        double low = empty ? Double.NaN : ComplexityEntropyPlane.minimumComplexity(p.entropy(), n);
        double high = empty ? Double.NaN : ComplexityEntropyPlane.maximumComplexity(p.entropy(), n);
        OrdinalRegion region = empty ? null : ComplexityEntropyPlane.classify(p.entropy(), p.complexity(), n, low, high);
        return new ComplexitySnapshot(p.entropy(), p.complexity(), low, high, region, forbidden, labels,
                ForbiddenPatterns.expectedMissingInWhiteNoise(n, r.patterns()), c.dimension(), c.delay(), c.weighted(),
                r.patterns(), r.start(), r.end(), r.eventsSeen());
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

    /** The reading's point on the plane: over its weighted patterns if it has them, else over {@code counts}. */
    private static PlanePoint point(OrdinalWindowState.Reading r, double[] counts) {
        return ComplexityEntropyPlane.point(r.weighted() != null ? r.weighted() : counts);
    }

    private static double[] dense(HistogramCopy copy, int n) {
        double[] d = new double[n];
        for (int i = 0; i < copy.size(); i++) {
            d[(int) copy.keys()[i]] = copy.weights()[i];
        }
        return d;
    }
}
