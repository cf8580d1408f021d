package io.entroflow.operators.ordinal;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.entropy.HistogramStats;
import io.entroflow.operators.internal.concurrent.SeqLock;
import io.entroflow.operators.internal.histogram.DenseHistogram;
import io.entroflow.operators.internal.histogram.Histogram;
import io.entroflow.operators.internal.histogram.HistogramCopy;
import io.entroflow.operators.internal.ordinal.OrdinalPatternEncoder;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.internal.window.CountWindow;
import io.entroflow.operators.internal.window.CumulativeWindow;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.internal.window.WindowListener;
import io.entroflow.operators.window.Window;

/**
 * The state both ordinal operators share: the incremental pattern encoder, the window of
 * patterns, the per-pattern weights with their running sums, and the seqlock readers go through.
 *
 * <p>Design notes.
 * <ol>
 *   <li>Unweighted weights live in a {@link DenseHistogram} over the d! patterns, whose exact
 *       &Sigma; w ln w gives S[P] = ln W &minus; &Sigma; w ln w / W in O(1).</li>
 *   <li>The Jensen-Shannon term needs T = &Sigma;<sub>all N patterns</sub> h(N w<sub>i</sub> + W),
 *       h(x) = x ln x, since S[(P+P<sub>e</sub>)/2] = ln(2NW) &minus; T/(2NW): kept exactly by
 *       {@link JensenShannonTerms}, one fixed-point addition per count change while the window
 *       total stays at its reference W (a full count window), rebuilt in O(d!) on the next
 *       complexity query otherwise. Live and rebuilt T agree bit for bit.</li>
 *   <li>A query needs ln W, 1/W and 1/(2NW); they are kept for the last W queried, so a full count
 *       window's query is two fixed-point-to-double conversions, multiplications and no division or
 *       logarithm. They are functions of W alone, so a live and a rebuilt state give the same bits.</li>
 *   <li>Weighted mode packs the pattern's variance into the window payload (the low 13 bits
 *       hold the index, d! &le; 5040; the variance keeps 39 significant bits, relative error
 *       &le; 2<sup>&minus;39</sup>), so evicted patterns take back exactly the weight they brought,
 *       whatever the window kind. Variances have no fixed scale, so the sums are compensated
 *       doubles ({@link CompensatedWeights}) rather than fixed point, queried in O(d!).</li>
 *   <li>Patterns are formed in arrival order; the window places each by the event's time. A
 *       late event is refused before the encoder sees it, so a refusal changes nothing.</li>
 *   <li>An unweighted count window is slid by this class ({@link CountWindow#slide}, then the two
 *       count changes), not through the {@link WindowListener}: the listener call site inside the
 *       window is shared by every operator's listener (megamorphic in a monitor running several
 *       kinds), and each link of the longer chain was sometimes left as a call by the JIT,
 *       depending on compilation order (docs/performance.md, "JIT bimodality"). The changes and
 *       their order are those of the listener, so the state is the same bit for bit.</li>
 * </ol>
 */
final class OrdinalWindowState {
    private static final long INDEX_MASK = 0x1FFF;

    private final OrdinalConfig config;
    private final int patternCount;
    private final double logPatterns;
    private final double inverseLogPatterns;
    private final double logTwoPatterns;
    private final double normalisation;
    private final OrdinalPatternEncoder encoder;
    private final EventWindow window;
    private final CountWindow countWindow; // unweighted count windows: slid without the listener (design note 6)
    private final CumulativeWindow cumulativeWindow; // unweighted all-history windows: pushed without the listener
    private final long latenessMillis;
    private final DenseHistogram counts;
    private final CompensatedWeights weighted;
    private final SeqLock seqLock = new SeqLock();
    private final WindowListener listener = new PatternListener();

    private final boolean trackMix;
    private final JensenShannonTerms mix;

    private double queryTotal = Double.NaN; // W the three constants below are for
    private double queryLogTotal;           // ln W
    private double queryInverseTotal;       // 1 / W
    private double queryMixScale;           // 1 / (2 N W)

    /**
     * @param trackMix keep the Jensen-Shannon sum up to date per event (complexity operators);
     *                 without it, {@link #point()} rebuilds it on every call
     */
    OrdinalWindowState(OrdinalConfig config, boolean trackMix) {
        this.config = config;
        this.patternCount = config.patternCount();
        this.logPatterns = Math.log(patternCount);
        this.inverseLogPatterns = 1.0 / logPatterns;
        this.logTwoPatterns = Math.log(2.0 * patternCount);
        this.normalisation = ComplexityEntropyPlane.normalisation(patternCount);
        this.encoder = new OrdinalPatternEncoder(config.dimension(), config.delay());
        this.window = EventWindow.of(config.window());
        this.latenessMillis = config.window() instanceof Window.Time t ? t.latenessMillis() : -1;
        this.counts = new DenseHistogram(patternCount, Double.NaN, false);
        this.weighted = config.weighted() ? new CompensatedWeights(patternCount) : null;
        this.countWindow = weighted == null ? window.asCountWindow() : null;
        this.cumulativeWindow = weighted == null ? window.asCumulativeWindow() : null;
        this.trackMix = trackMix && weighted == null;
        this.mix = new JensenShannonTerms(patternCount);
    }

    /**
     * Admits a value; returns the completed pattern's index, or {@link OrdinalPatternEncoder#NO_PATTERN}.
     *
     * @throws RejectedEventException for a non-finite value or an event too late for a time window
     */
    int offer(long timeMillis, double value) {
        RejectedEventException.requireFinite("value", value);
        if (latenessMillis >= 0) {
            checkLateness(timeMillis);
        }
        int index = encoder.next(value);
        if (index == OrdinalPatternEncoder.NO_PATTERN) {
            return index;
        }
        seqLock.beginWrite();
        try {
            if (countWindow != null) {
                slide(timeMillis, index);
            } else if (cumulativeWindow != null) {
                cumulativeWindow.push(timeMillis);
                count(index, 1.0);
            } else {
                window.offer(timeMillis, payload(index), listener);
            }
        } finally {
            seqLock.endWrite();
        }
        mix.keepIfTotalIs(counts.totalWeight());
        return index;
    }

    /** Refuses an event a time window cannot place, before the encoder sees it. */
    private void checkLateness(long timeMillis) {
        long now = window.streamTime();
        if (now != Long.MIN_VALUE && timeMillis < now - latenessMillis) {
            throw new RejectedEventException(RejectedEventException.Reason.LATE,
                    "time: event time " + timeMillis + " is " + (now - timeMillis) + " ms behind stream time "
                            + now + ", more than the allowed lateness of " + latenessMillis + " ms");
        }
    }

    /** The window payload of a pattern: its index, and when weighted the variance above it (design note 4). */
    private long payload(int index) {
        if (weighted == null) {
            return index;
        }
        return (Double.doubleToRawLongBits(encoder.lastVariance()) & ~INDEX_MASK) | index;
    }

    /** An unweighted count window's step: the same changes the listener makes, one call deep. */
    private void slide(long timeMillis, int index) {
        long leaving = countWindow.slide(timeMillis, index);
        if (leaving != CountWindow.NOTHING_LEFT) {
            uncount((int) leaving, 1.0);
        }
        count(index, 1.0);
    }

    /** Adds {@code weight} to a pattern's count and, when tracked, moves its Jensen-Shannon term. */
    private void count(int index, double weight) {
        double before = counts.weight(index);
        double after = counts.add(index, weight);
        if (trackMix) {
            mix.replace(before, after);
        }
    }

    /** Takes {@code weight} from a pattern's count and, when tracked, moves its term; returns the count left. */
    private double uncount(int index, double weight) {
        double before = counts.weight(index);
        double left = counts.remove(index, weight);
        if (trackMix) {
            mix.replace(before, left);
        }
        return left;
    }

    /** &minus;ln p(pattern) / ln N for the pattern just admitted, p over the updated window; NaN if it carries no weight. */
    double localNormalized(int index) {
        double w = weighted != null ? weighted.weight(index) : counts.weight(index);
        double total = weighted != null ? weighted.total() : counts.totalWeight();
        if (!(w > 0) || !(total > 0)) {
            return Double.NaN;
        }
        return Math.max(0, (Histogram.ln(total) - Histogram.ln(w)) * inverseLogPatterns);
    }

    /** S[P] in nats over the window; NaN when it holds no weight. Writer thread; O(1) unweighted, O(d!) weighted. */
    double entropyNats() {
        if (weighted != null) {
            double h = ComplexityEntropyPlane.normalizedEntropy(weighted.values());
            return h * logPatterns;
        }
        double total = counts.totalWeight();
        if (!(total > 0)) {
            return Double.NaN;
        }
        prepareQuery(total);
        double h = shannonNats();
        return h < 0 ? 0.0 : h; // as HistogramStats.shannonNats()
    }

    /** H<sub>S</sub> = S[P] / ln d!, NaN when the window holds no weight. Writer thread; O(1) unweighted, O(d!) weighted. */
    double normalizedEntropy() {
        if (weighted != null) {
            return ComplexityEntropyPlane.normalizedEntropy(weighted.values());
        }
        return entropyNats() * inverseLogPatterns;
    }

    /** (H<sub>S</sub>, C); writer thread. O(1) for an unweighted full count window, O(d!) otherwise. */
    PlanePoint point() {
        if (weighted != null) {
            return ComplexityEntropyPlane.point(weighted.values());
        }
        double total = counts.totalWeight();
        if (!(total > 0)) {
            return new PlanePoint(Double.NaN, Double.NaN);
        }
        prepareQuery(total);
        double s = shannonNats();
        double h = normalizedEntropy(s);
        return new PlanePoint(h, complexity(s, h, mixEntropy(total)));
    }

    /**
     * C alone, as {@code point().complexity()} bit for bit but without building the point; writer
     * thread, same cost.
     */
    double complexity() {
        if (weighted != null) {
            return ComplexityEntropyPlane.point(weighted.values()).complexity();
        }
        double total = counts.totalWeight();
        if (!(total > 0)) {
            return Double.NaN;
        }
        prepareQuery(total);
        double s = shannonNats();
        return complexity(s, normalizedEntropy(s), mixEntropy(total));
    }

    /** Keeps ln W, 1/W and 1/(2NW) for {@code total} = W &gt; 0. */
    private void prepareQuery(double total) {
        if (total != queryTotal) {
            queryTotal = total;
            queryLogTotal = Histogram.ln(total);
            queryInverseTotal = 1.0 / total;
            queryMixScale = 1.0 / (2.0 * patternCount * total);
        }
    }

    /** S[P] = ln W &minus; &Sigma; w ln w / W in nats (unclamped), after {@link #prepareQuery}. */
    private double shannonNats() {
        return queryLogTotal - counts.sumWLnW() * queryInverseTotal;
    }

    /** H<sub>S</sub> clamped to 0..1. */
    private double normalizedEntropy(double s) {
        return Math.max(0, Math.min(1, s * inverseLogPatterns));
    }

    /** C from S[P], H<sub>S</sub> and S[(P+P<sub>e</sub>)/2]. */
    private double complexity(double s, double h, double sMix) {
        return ComplexityEntropyPlane.complexity(s, h, sMix, logPatterns, normalisation);
    }

    /** S[(P+P<sub>e</sub>)/2] in nats for an unweighted window of total {@code total} &gt; 0, after {@link #prepareQuery}. */
    private double mixEntropy(double total) {
        if (!trackMix || !mix.isLiveFor(total)) {
            mix.rebuild(counts, total); // without tracking, every query rebuilds
        }
        return logTwoPatterns + queryLogTotal - mix.value() * queryMixScale;
    }

    /** Patterns with no weight in the window. Writer thread, O(1). */
    int forbiddenCount() {
        return patternCount - counts.support();
    }

    /** A consistent copy for another thread. */
    Reading read() {
        return seqLock.read(() -> new Reading(counts.copy(), weighted == null ? null : weighted.copy(),
                new HistogramStats(counts.totalWeight(), counts.support(), counts.sumWLnW(), counts.maxWeight(),
                        counts.powerSum(), counts.powerExponent()),
                window.size(), window.startTime(), window.endTime(), window.eventsSeen(), window.unitWeight()));
    }

    /**
     * The exact state (encoder ring, window bookkeeping, pattern counts, weighted sums) for a decay
     * or cumulative window. The Jensen&ndash;Shannon sum is not written: a restored state rebuilds it
     * on the next query, which gives the same bits as the incremental sum (design note 2). Writer
     * thread; O(d! + (d&minus;1)&tau;).
     *
     * @throws IllegalStateException for a count or time window
     */
    byte[] checkpoint() {
        StateWriter out = new StateWriter();
        window.writeState(out);
        encoder.writeState(out);
        counts.writeState(out);
        out.putBoolean(weighted != null);
        if (weighted != null) {
            weighted.writeState(out);
        }
        return out.toByteArray();
    }

    /**
     * Replaces the state with a {@link #checkpoint} of a state of the same configuration.
     *
     * @throws IllegalStateException    for a count or time window
     * @throws IllegalArgumentException for a state of another configuration or a corrupt state
     */
    void restore(byte[] state) {
        StateReader in = new StateReader(state);
        seqLock.beginWrite();
        try {
            window.readState(in);
            encoder.readState(in);
            counts.readState(in);
            if (in.getBoolean() != (weighted != null)) {
                throw new IllegalArgumentException("state: weighted and unweighted ordinal states do not mix");
            }
            if (weighted != null) {
                weighted.readState(in);
            }
            in.expectEnd();
            mix.invalidate(); // rebuilt on the next query
        } finally {
            seqLock.endWrite();
        }
    }

    OrdinalConfig config() {
        return config;
    }

    int patternCount() {
        return patternCount;
    }

    /** Patterns in the window (every pattern seen, for decay and cumulative windows). Writer thread. */
    long size() {
        return window.size();
    }

    private static double variance(long payload) {
        return Double.longBitsToDouble(payload & ~INDEX_MASK);
    }

    /** What a reader copies under the seqlock. */
    record Reading(HistogramCopy counts, double[] weighted, HistogramStats stats, long patterns, long start,
                   long end, long eventsSeen, double unitWeight) {
    }

    private final class PatternListener implements WindowListener {
        @Override
        public void enter(long payload, double weight) {
            int index = (int) (payload & INDEX_MASK);
            count(index, weight);
            if (weighted != null) {
                double v = variance(payload) * weight;
                weighted.add(index, v);
            }
        }

        @Override
        public void leave(long payload, double weight) {
            int index = (int) (payload & INDEX_MASK);
            double left = uncount(index, weight);
            if (weighted != null) {
                double v = variance(payload) * weight;
                weighted.add(index, -v);
                if (left <= 0) {
                    weighted.clear(index);
                }
                if (counts.support() == 0) {
                    weighted.clearTotal();
                }
            }
        }

        @Override
        public void rescale(double factor) {
            counts.rescale(factor);
            if (weighted != null) {
                weighted.rescale(factor);
            }
            mix.invalidate();
        }
    }
}
