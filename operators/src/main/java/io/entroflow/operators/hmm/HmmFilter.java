package io.entroflow.operators.hmm;

import io.entroflow.operators.internal.concurrent.SeqLock;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.state.Checkpointable;

import java.util.Objects;

/**
 * The online HMM filter: for every event, the posterior over hidden states given all events so
 * far, how surprising the event was, and confirmed regime changes.
 *
 * <p>Normalised (scaled) forward recursion, one O(K<sup>2</sup>) step per event:
 * <pre>
 *   prior<sub>t</sub>(j)     = &pi;(j) for t = 1, else &Sigma;<sub>i</sub> post<sub>t&minus;1</sub>(i) A<sub>ij</sub>
 *   c<sub>t</sub>            = &Sigma;<sub>j</sub> prior<sub>t</sub>(j) p<sub>j</sub>(x<sub>t</sub> | x<sub>t&minus;1</sub>)       = p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>)
 *   post<sub>t</sub>(j)      = prior<sub>t</sub>(j) p<sub>j</sub>(x<sub>t</sub> | x<sub>t&minus;1</sub>) / c<sub>t</sub>
 *   surprise<sub>t</sub>     = &minus;ln c<sub>t</sub>,   log-likelihood<sub>t</sub> = &Sigma;<sub>s&le;t</sub> ln c<sub>s</sub>
 * </pre>
 * All values are in nats (natural logarithm). The emission densities are evaluated in log space
 * and rescaled so the largest is 1 before the step; the scale is added back to ln c<sub>t</sub>,
 * so neither the posterior nor the likelihood underflows over any number of events, and the
 * posterior is renormalised every event (it sums to 1 within a few ulps, never drifting).
 *
 * <p>An event with probability 0 under every state the prior allows (possible with categorical
 * emissions) is not an error: the step reports {@link HmmStep#impossible()}, surprise
 * +&infin;, leaves the log-likelihood unchanged (counted in {@link HmmSnapshot#impossibleEvents()}),
 * and the filter restarts from the prior (the posterior becomes the predicted distribution).
 *
 * <p>Cost: O(K<sup>2</sup>) per event and no allocation except when a regime change is
 * confirmed; the lazily computed extras of {@link HmmStep} (posterior entropy, predictive
 * entropy) cost more and only when asked for.
 *
 * <p>Threads: one writer calls {@link #update}; the returned {@link HmmStep} is a reusable view
 * for that thread, valid until the next update. Any thread may call {@link #snapshot()}, which
 * copies a consistent state without locks (see {@link SeqLock}).
 */
public final class HmmFilter implements Checkpointable {
    private final HmmModel model;
    private final Emission emission;
    private final double[] transition;
    private final int k;
    private final SeqLock seqLock = new SeqLock();
    private final RegimeChangeDetector regimes;
    private final HmmStep step = new HmmStep(new StepSource());

    /** The model's initial distribution &pi; (the predicted distribution before the first event). */
    private final double[] initial;
    private double[] prior;
    private double[] posterior;
    private double[] predicted;
    private final double[] densities;
    private double previous;
    private double previousBefore;
    private long events;
    private long time;
    private double logLikelihood;
    private double surprise;
    private boolean impossible;
    private long impossibleEvents;
    private int state;
    private RegimeChange change;

    /** A filter with {@link RegimeChangeRule#IMMEDIATE}. */
    public HmmFilter(HmmModel model) {
        this(model, RegimeChangeRule.IMMEDIATE);
    }

    public HmmFilter(HmmModel model, RegimeChangeRule rule) {
        this.model = Objects.requireNonNull(model, "model");
        this.emission = model.emission();
        this.transition = model.transitionFlat();
        this.k = model.states();
        this.regimes = new RegimeChangeDetector(rule);
        this.prior = new double[k];
        this.posterior = new double[k];
        this.initial = model.initial();
        this.predicted = initial.clone();
        this.densities = new double[k];
        this.state = -1;
        this.surprise = Double.NaN;
    }

    /**
     * Admits observation {@code x} (a symbol 0..M&minus;1 for categorical emissions) at event
     * time {@code timeMillis} and returns this event's results.
     *
     * @throws io.entroflow.operators.RejectedEventException for a non-finite value or a
     *         categorical value that is not a symbol; the filter is then unchanged
     */
    public HmmStep update(long timeMillis, double x) {
        emission.checkObservation(x);
        seqLock.beginWrite();
        try {
            step(timeMillis, x);
        } finally {
            seqLock.endWrite();
        }
        return step;
    }

    /**
     * A step whose scaled emission densities were computed before: {@code scaled[offset..offset+K)}
     * and {@code scale} must be what {@link Emission#scaledDensities} gives for {@code x} after this
     * filter's previous observation (0 before the first), so the step is bit-identical to
     * {@link #update}. For {@link SlidingWindowHmm}, which reruns a filter over stored observations.
     */
    HmmStep update(long timeMillis, double x, double[] scaled, int offset, double scale) {
        seqLock.beginWrite();
        try {
            step(timeMillis, x, scaled, offset, scale);
        } finally {
            seqLock.endWrite();
        }
        return step;
    }

    /** Back to the state of a new filter of the same model and rule, without allocating. O(K). */
    void reset() {
        seqLock.beginWrite();
        try {
            java.util.Arrays.fill(prior, 0);
            java.util.Arrays.fill(posterior, 0);
            System.arraycopy(initial, 0, predicted, 0, k);
            previous = 0;
            previousBefore = 0;
            events = 0;
            time = 0;
            logLikelihood = 0;
            surprise = Double.NaN;
            impossible = false;
            impossibleEvents = 0;
            state = -1;
            change = null;
            regimes.reset();
        } finally {
            seqLock.endWrite();
        }
    }

    /**
     * A new filter's state (as {@link #reset}) except that the next step starts from the predicted
     * distribution {@code predictedDistribution} (K entries summing to 1), with {@code logLikelihoodSoFar}
     * already accumulated and {@code previousObservation} as the observation before it. For
     * {@link SlidingWindowHmm}, which computes the prediction for its window's last step as a product.
     */
    void startFrom(double[] predictedDistribution, double logLikelihoodSoFar, double previousObservation) {
        reset();
        seqLock.beginWrite();
        try {
            System.arraycopy(predictedDistribution, 0, predicted, 0, k);
            logLikelihood = logLikelihoodSoFar;
            previous = previousObservation;
        } finally {
            seqLock.endWrite();
        }
    }

    private void step(long timeMillis, double x) {
        double scale = emission.scaledDensities(x, previous, densities);
        step(timeMillis, x, densities, 0, scale);
    }

    private void step(long timeMillis, double x, double[] scaled, int offset, double scale) {
        double[] swap = prior;
        prior = predicted;
        predicted = swap;
        double c = 0;
        for (int j = 0; j < k; j++) {
            double u = prior[j] * scaled[offset + j];
            posterior[j] = u;
            c += u;
        }
        if (c > 0) {
            double inv = 1 / c;
            for (int j = 0; j < k; j++) {
                posterior[j] *= inv;
            }
            double logP = Math.log(c) + scale;
            logLikelihood += logP;
            surprise = -logP;
            impossible = false;
        } else {
            System.arraycopy(prior, 0, posterior, 0, k);
            surprise = Double.POSITIVE_INFINITY;
            impossible = true;
            impossibleEvents++;
        }
        java.util.Arrays.fill(predicted, 0);
        int best = 0;
        double bestP = -1;
        for (int i = 0; i < k; i++) {
            double p = posterior[i];
            if (p > bestP) {
                bestP = p;
                best = i;
            }
            if (p != 0) {
                int row = i * k;
                for (int j = 0; j < k; j++) {
                    predicted[j] += p * transition[row + j];
                }
            }
        }
        state = best;
        previousBefore = previous;
        previous = x;
        time = timeMillis;
        change = regimes.observe(events, timeMillis, best, bestP);
        events++;
    }

    /** A consistent copy of the filter's state, from any thread. O(K). */
    public HmmSnapshot snapshot() {
        return seqLock.read(() -> {
            double[] post = posterior.clone();
            double[] next = predicted.clone();
            int s = state;
            double p = s >= 0 && s < post.length ? post[s] : Double.NaN;
            return new HmmSnapshot(events, time, post, s, p, HmmStep.entropy(post), next, logLikelihood,
                    surprise, impossibleEvents, regimes.regime(), regimes.changes());
        });
    }

    private static final int STATE_TAG = 0x484D4D46; // "HMMF"

    /**
     * The exact state of the recursion (prior, posterior and predicted distributions, previous
     * observation, log-likelihood and surprise bookkeeping, regime detector), from which
     * {@link #restore} continues bit-identically: every later step, snapshot and regime change
     * equals that of a filter never interrupted. O(K). Writer thread.
     */
    @Override
    public byte[] checkpoint() {
        StateWriter out = new StateWriter();
        out.putInt(STATE_TAG).putInt(1).putInt(k);
        out.putDoubles(prior).putDoubles(posterior).putDoubles(predicted);
        out.putDouble(previous).putDouble(previousBefore).putLong(events).putLong(time);
        out.putDouble(logLikelihood).putDouble(surprise).putBoolean(impossible).putLong(impossibleEvents).putInt(state);
        out.putBoolean(change != null);
        if (change != null) {
            out.putInt(change.from()).putInt(change.to()).putLong(change.startIndex()).putLong(change.startTime())
                    .putLong(change.confirmedIndex()).putLong(change.confirmedTime());
        }
        regimes.writeState(out);
        return out.toByteArray();
    }

    /**
     * Replaces the state with a {@link #checkpoint} of a filter of the same model and rule.
     * Writer thread.
     *
     * @throws IllegalArgumentException for a state of another number of states or a corrupt state
     */
    @Override
    public void restore(byte[] bytes) {
        StateReader in = new StateReader(bytes);
        in.expect(STATE_TAG, 1, "HMM filter");
        int states = in.getInt();
        double[] pr = in.getDoubles();
        double[] post = in.getDoubles();
        double[] pred = in.getDoubles();
        if (states != k || pr.length != k || post.length != k || pred.length != k) {
            throw new IllegalArgumentException("state: HMM filter of " + states + " states restored into one of " + k);
        }
        seqLock.beginWrite();
        try {
            prior = pr;
            posterior = post;
            predicted = pred;
            previous = in.getDouble();
            previousBefore = in.getDouble();
            events = in.getLong();
            time = in.getLong();
            logLikelihood = in.getDouble();
            surprise = in.getDouble();
            impossible = in.getBoolean();
            impossibleEvents = in.getLong();
            state = in.getInt();
            change = in.getBoolean() ? new RegimeChange(in.getInt(), in.getInt(), in.getLong(), in.getLong(),
                    in.getLong(), in.getLong()) : null;
            regimes.readState(in);
            in.expectEnd();
        } finally {
            seqLock.endWrite();
        }
    }

    /** The model. */
    public HmmModel model() {
        return model;
    }

    /** Events admitted so far. Writer thread. */
    public long events() {
        return events;
    }

    /** Running log-likelihood &Sigma; ln p(x<sub>t</sub> | x<sub>1..t&minus;1</sub>), nats. Writer thread. */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** Confirmed regime changes so far. Writer thread. */
    public long regimeChanges() {
        return regimes.changes();
    }

    /** The current regime, &minus;1 before the first is established. Writer thread. */
    public int regime() {
        return regimes.regime();
    }

    /** What {@link HmmStep} reads: this filter's last event. */
    private final class StepSource implements HmmStep.Source {
        @Override
        public long index() {
            return events - 1;
        }

        @Override
        public long time() {
            return time;
        }

        @Override
        public double[] posterior() {
            return posterior;
        }

        @Override
        public double[] prior() {
            return prior;
        }

        @Override
        public double[] predicted() {
            return predicted;
        }

        @Override
        public int state() {
            return state;
        }

        @Override
        public double surprise() {
            return surprise;
        }

        @Override
        public double logLikelihood() {
            return logLikelihood;
        }

        @Override
        public double previousBefore() {
            return previousBefore;
        }

        @Override
        public Emission emission() {
            return emission;
        }

        @Override
        public boolean impossible() {
            return impossible;
        }

        @Override
        public RegimeChange regimeChange() {
            return change;
        }

        @Override
        public int regime() {
            return regimes.regime();
        }
    }
}
