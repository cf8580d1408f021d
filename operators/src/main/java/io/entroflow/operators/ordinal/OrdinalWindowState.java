package io.entroflow.operators.ordinal;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.concurrent.SeqLock;
import io.entroflow.operators.histogram.DenseHistogram;
import io.entroflow.operators.histogram.ExactSum;
import io.entroflow.operators.histogram.Histogram;
import io.entroflow.operators.histogram.HistogramCopy;
import io.entroflow.operators.histogram.HistogramStats;
import io.entroflow.operators.state.StateReader;
import io.entroflow.operators.state.StateWriter;
import io.entroflow.operators.window.EventWindow;
import io.entroflow.operators.window.Window;
import io.entroflow.operators.window.WindowListener;

import java.util.Arrays;

/**
 * The state both ordinal operators share: the incremental pattern encoder, the window of
 * patterns, the per-pattern weights with their running sums, and the seqlock readers go through.
 *
 * <p>Design notes.
 * <ol>
 *   <li>Unweighted weights live in a {@link DenseHistogram} over the d! patterns, whose exact
 *       &Sigma; w ln w gives S[P] = ln W &minus; &Sigma; w ln w / W in O(1).</li>
 *   <li>The Jensen-Shannon term needs T = &Sigma;<sub>all N patterns</sub> h(N w<sub>i</sub> + W),
 *       h(x) = x ln x, since S[(P+P<sub>e</sub>)/2] = ln(2NW) &minus; T/(2NW). T depends on W in
 *       every term, so it is kept exactly ({@link ExactSum}) for one reference W: while W is whole
 *       and every count is whole, the terms h(N k + W) for counts k = 0, 1, ... are tabulated
 *       once per reference W, pre-split into ExactSum's fixed-point parts, and each change of a
 *       pattern's count replaces its term at once (two table loads, no logarithm, no conversion).
 *       Fixed-point addition is exact and order-independent, so intermediate totals within an
 *       event do not matter: if W is back at the reference after the event (a full count window:
 *       one pattern leaves, one enters), T is right, O(1); any other change (W moved, a
 *       fractional weight, a rescale) marks T stale and the next complexity query rebuilds it,
 *       O(d!). Incremental and rebuilt T agree bit for bit (the same table parts, and
 *       {@link ExactSum#add} of h is the same bits), and h is {@link Histogram#xLnX}, built with
 *       {@link StrictMath#log}, so a state rebuilt on another JVM has the same bits.</li>
 *   <li>Weighted mode packs the pattern's variance into the window payload (the low 13 bits
 *       hold the index, d! &le; 5040; the variance keeps 39 significant bits, relative error
 *       &le; 2<sup>&minus;39</sup>), so evicted patterns take back exactly the weight they brought,
 *       whatever the window kind. Variances have no fixed scale, so the sums are compensated
 *       doubles ({@link CompensatedWeights}) rather than fixed point, queried in O(d!).</li>
 *   <li>Patterns are formed in arrival order; the window places each by the event's time. A
 *       late event is refused before the encoder sees it, so a refusal changes nothing.</li>
 * </ol>
 */
final class OrdinalWindowState {
    private static final long INDEX_MASK = 0x1FFF;
    /** Counts below this have their Jensen-Shannon terms tabulated (3 arrays of at most this length). */
    private static final int MIX_TABLE_LIMIT = 1 << 16;

    private final OrdinalConfig config;
    private final int patternCount;
    private final double logPatterns;
    private final double logTwoPatterns;
    private final double normalisation;
    private final OrdinalPatternEncoder encoder;
    private final EventWindow window;
    private final long latenessMillis;
    private final DenseHistogram counts;
    private final CompensatedWeights weighted;
    private final SeqLock seqLock = new SeqLock();
    private final WindowListener listener = new PatternListener();

    private final boolean trackMix;
    private final ExactSum mixTerms = new ExactSum();
    private double mixReference = Double.NaN; // W the terms in mixTerms are for; NaN: stale, rebuild on query
    private double mixTableTotal = Double.NaN; // W the mix tables below are for
    private long mixStamp = 1;                 // entry k of the tables is for mixTableTotal iff mixStamps[k] == mixStamp
    private long[] mixStamps = new long[0];
    private long[] mixInteger = new long[0];   // per whole count k: integer part of h(N k + mixTableTotal)
    private long[] mixFraction = new long[0];  // per whole count k: its fraction bits

    /**
     * @param trackMix keep the Jensen-Shannon sum up to date per event (complexity operators);
     *                 without it, {@link #point()} rebuilds it on every call
     */
    OrdinalWindowState(OrdinalConfig config, boolean trackMix) {
        this.config = config;
        this.patternCount = config.patternCount();
        this.logPatterns = Math.log(patternCount);
        this.logTwoPatterns = Math.log(2.0 * patternCount);
        this.normalisation = ComplexityEntropyPlane.normalisation(patternCount);
        this.encoder = new OrdinalPatternEncoder(config.dimension(), config.delay());
        this.window = EventWindow.of(config.window());
        this.latenessMillis = config.window() instanceof Window.Time t ? t.latenessMillis() : -1;
        this.counts = new DenseHistogram(patternCount, Double.NaN, false);
        this.weighted = config.weighted() ? new CompensatedWeights(patternCount) : null;
        this.trackMix = trackMix && weighted == null;
    }

    /**
     * Admits a value; returns the completed pattern's index, or {@link OrdinalPatternEncoder#NO_PATTERN}.
     *
     * @throws RejectedEventException for a non-finite value or an event too late for a time window
     */
    int offer(long timeMillis, double value) {
        RejectedEventException.requireFinite("value", value);
        long now = window.streamTime();
        if (latenessMillis >= 0 && now != Long.MIN_VALUE && timeMillis < now - latenessMillis) {
            throw new RejectedEventException(RejectedEventException.Reason.LATE,
                    "time: event time " + timeMillis + " is " + (now - timeMillis) + " ms behind stream time "
                            + now + ", more than the allowed lateness of " + latenessMillis + " ms");
        }
        int index = encoder.next(value);
        if (index == OrdinalPatternEncoder.NO_PATTERN) {
            return index;
        }
        long payload = index;
        if (weighted != null) {
            payload = (Double.doubleToRawLongBits(encoder.lastVariance()) & ~INDEX_MASK) | index;
        }
        seqLock.beginWrite();
        try {
            window.offer(timeMillis, payload, listener);
        } finally {
            seqLock.endWrite();
        }
        if (mixReference != counts.totalWeight()) { // also true for NaN: stays stale
            mixReference = Double.NaN;
        }
        return index;
    }

    /** &minus;ln p(pattern) / ln N for the pattern just admitted, p over the updated window; NaN if it carries no weight. */
    double localNormalized(int index) {
        double w = weighted != null ? weighted.weight(index) : counts.weight(index);
        double total = weighted != null ? weighted.total() : counts.totalWeight();
        if (!(w > 0) || !(total > 0)) {
            return Double.NaN;
        }
        return Math.max(0, (Histogram.ln(total) - Histogram.ln(w)) / logPatterns);
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
        double h = Histogram.ln(total) - counts.sumWLnW() / total;
        return h < 0 ? 0.0 : h; // as HistogramStats.shannonNats()
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
        double logTotal = Histogram.ln(total);
        double s = logTotal - counts.sumWLnW() / total;
        return ComplexityEntropyPlane.fromSums(s, mixEntropy(total, logTotal), logPatterns, normalisation);
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
        double logTotal = Histogram.ln(total);
        double s = logTotal - counts.sumWLnW() / total;
        return ComplexityEntropyPlane.complexityFromSums(s, mixEntropy(total, logTotal), logPatterns, normalisation);
    }

    /** S[(P+P<sub>e</sub>)/2] in nats for an unweighted window of total {@code total} &gt; 0. */
    private double mixEntropy(double total, double logTotal) {
        double terms;
        if (!trackMix) {
            ExactSum sum = new ExactSum();
            for (int i = 0; i < patternCount; i++) {
                sum.add(h(patternCount * counts.weight(i) + total));
            }
            terms = sum.value();
        } else {
            if (mixReference != total) { // also true for NaN
                rebuildMixTerms(total);
            }
            terms = mixTerms.value();
        }
        return logTwoPatterns + logTotal - terms / (2.0 * patternCount * total);
    }

    /** Patterns with no weight in the window. Writer thread, O(1). */
    int forbiddenCount() {
        return patternCount - counts.support();
    }

    /** A consistent copy for another thread. */
    Reading read() {
        return seqLock.read(() -> new Reading(counts.copy(), weighted == null ? null : weighted.copy(),
                counts.stats(), window.size(), window.startTime(), window.endTime(), window.eventsSeen(),
                window.unitWeight()));
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
            mixReference = Double.NaN; // rebuilt on the next query
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

    /**
     * Recomputes T = &Sigma; h(N w<sub>i</sub> + W) from the counts, O(d!). With a whole W and whole
     * counts T becomes live (replaced per event while W stays); otherwise it stays stale, so the
     * next query recomputes it.
     */
    private void rebuildMixTerms(double total) {
        mixTerms.clear();
        boolean whole = total == Math.rint(total);
        for (int i = 0; i < patternCount; i++) {
            double w = counts.weight(i);
            whole &= w == Math.rint(w);
            mixTerms.add(h(patternCount * w + total)); // the same bits as the table parts below
        }
        mixReference = whole ? total : Double.NaN;
        if (whole && mixTableTotal != total) {
            mixTableTotal = total;
            mixStamp++; // forget the entries of the previous W without clearing the tables
        }
    }

    /** Replaces the term of a pattern whose count went from {@code before} to {@code after}, if T is live. */
    private void replaceMixTerm(double before, double after) {
        if (Double.isNaN(mixReference)) {
            return;
        }
        int b = (int) before;
        int a = (int) after;
        if (b != before || a != after) {
            mixReference = Double.NaN; // a fractional count: T goes stale
            return;
        }
        if (Math.max(a, b) >= MIX_TABLE_LIMIT) {
            mixTerms.subtract(mixTerm(b));
            mixTerms.add(mixTerm(a));
            return;
        }
        fillMixEntry(b);
        fillMixEntry(a);
        mixTerms.subtractFixed(mixInteger[b], mixFraction[b]);
        mixTerms.addFixed(mixInteger[a], mixFraction[a]);
    }

    /** h(N k + W) for the reference W. */
    private double mixTerm(int k) {
        return h(patternCount * (double) k + mixTableTotal);
    }

    /** Makes the table entry of count {@code k} (&lt; {@link #MIX_TABLE_LIMIT}) hold the parts of h(N k + W) for the reference W. */
    private void fillMixEntry(int k) {
        if (k >= mixStamps.length) {
            int size = Math.min(MIX_TABLE_LIMIT, Math.max(k + 1, Math.max(64, 2 * mixStamps.length)));
            mixStamps = Arrays.copyOf(mixStamps, size);
            mixInteger = Arrays.copyOf(mixInteger, size);
            mixFraction = Arrays.copyOf(mixFraction, size);
        }
        if (mixStamps[k] != mixStamp) {
            double term = mixTerm(k);
            long integer = ExactSum.integerPart(term); // ExactSum.add(term) adds exactly these parts
            mixInteger[k] = integer;
            mixFraction[k] = ExactSum.fractionBits(term, integer);
            mixStamps[k] = mixStamp;
        }
    }

    private static double h(double x) {
        return Histogram.xLnX(x); // whole x: a table load or StrictMath, the same bits on every JVM, so replays agree
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
            double before = counts.weight(index);
            double after = counts.add(index, weight);
            replaceMixTerm(before, after);
            if (weighted != null) {
                double v = variance(payload) * weight;
                weighted.add(index, v);
            }
        }

        @Override
        public void leave(long payload, double weight) {
            int index = (int) (payload & INDEX_MASK);
            double before = counts.weight(index);
            double left = counts.remove(index, weight);
            replaceMixTerm(before, left);
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
            mixReference = Double.NaN;
        }
    }
}
