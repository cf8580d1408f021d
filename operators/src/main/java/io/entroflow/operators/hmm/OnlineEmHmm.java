package io.entroflow.operators.hmm;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.concurrent.SeqLock;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Online EM for HMMs (Capp&eacute;, "Online EM algorithm for hidden Markov models", J. Comput.
 * Graph. Stat. 20(3), 2011, doi:10.1198/jcgs.2011.09109): the parameters are re-estimated after
 * every event, so a long-running monitor follows slowly drifting transitions and emissions.
 *
 * <p>Design. Sufficient statistics of the complete data are s(s<sub>t&minus;1</sub>,
 * s<sub>t</sub>, x<sub>t</sub>): transition indicators 1{s<sub>t&minus;1</sub>=i, s<sub>t</sub>=j}
 * and the emission statistics of {@link EmissionStatistics} for 1{s<sub>t</sub>=i}. For each
 * statistic the algorithm keeps &rho;<sub>n</sub>(k), its running average conditioned on the
 * current state k, next to the filter &phi;<sub>n</sub>:
 * <pre>
 *   r<sub>n+1</sub>(j | k) = &phi;<sub>n</sub>(j) A<sub>jk</sub> / &Sigma;<sub>j'</sub> &phi;<sub>n</sub>(j') A<sub>j'k</sub>
 *   &rho;<sub>n+1</sub>(k)   = &Sigma;<sub>j</sub> [&gamma;<sub>n+1</sub> s(j, k, x<sub>n+1</sub>) + (1 &minus; &gamma;<sub>n+1</sub>) &rho;<sub>n</sub>(j)] r<sub>n+1</sub>(j | k)
 *   &phi;<sub>n+1</sub>(k)   &prop; &Sigma;<sub>j</sub> &phi;<sub>n</sub>(j) A<sub>jk</sub> p<sub>k</sub>(x<sub>n+1</sub>)
 *   S&#x302;<sub>n+1</sub>       = &Sigma;<sub>k</sub> &rho;<sub>n+1</sub>(k) &phi;<sub>n+1</sub>(k),  then the M-step &theta; = &theta;&#x304;(S&#x302;)
 * </pre>
 * with step sizes &gamma;<sub>n</sub> = max(minStep, (n+1)<sup>&minus;&alpha;</sup>). The initial
 * distribution is kept. The first model is built from quantiles of a warm-up window (the first
 * {@code warmUp} events; see {@link InitialModels}), which is then replayed through the
 * recursion.
 *
 * <p>Cost per event: O(K<sup>4</sup>) for the transition statistics plus
 * O(K<sup>3</sup>&middot;D) for the emission statistics (D = 3 Gaussian, 6 AR(1), M
 * categorical); memory O(K<sup>3</sup> + K<sup>2</sup>D). Meant for small K; the plain
 * {@link HmmFilter} is the O(K<sup>2</sup>) path. Log values in nats.
 *
 * <p>Per event, {@link #update(long, double)} returns the event's local value, its surprise under
 * the parameters in force (NaN while the warm-up is buffered), and
 * {@link #update(long, double, java.util.function.Consumer)} reports every filtered step of the
 * adapting filter ({@link HmmStep}: posterior, surprise, prequential log-likelihood, predictive
 * entropy), each computed with the parameters in force at that event.
 *
 * <p>Threads: one writer calls {@link #update} (and the writer-thread reads); any thread may call
 * {@link #snapshot()} without locks and without blocking the writer ({@link SeqLock}).
 * {@link #model()} returns an immutable model that can be handed to other threads.
 */
public final class OnlineEmHmm {
    /** A state is re-estimated only with at least this many events' worth of weight in the statistics. */
    static final double MIN_EVENTS = 5;
    private final OnlineEmConfig config;
    private final int k;
    private final double[] buffer;
    private final long[] bufferTimes;
    private int buffered;
    private final SeqLock seqLock = new SeqLock();
    private EmissionStatistics statistics;
    private int d;

    private double[] initial;
    private double[] a;           // [j*K + k]
    private Emission emission;
    private double[] phi;
    private double[] prior;       // the predicted distribution this event was filtered from
    private double[] densities;
    private double[] r;           // r(j|k) at [k*K + j]
    private double[] rhoQ;        // [((i*K)+j)*K + k]
    private double[] rhoG;        // [((i*D)+d)*K + k]
    private double[] scratchQ;
    private double[] scratchG;
    private double[] s;
    private double[] statsQ;
    private double[] statsG;
    private double previous;
    private double previousBefore;
    private long n;
    private double logLikelihood;
    private double surprise = Double.NaN;
    private long impossibleEvents;
    private long stepIndex;
    private long stepTime;
    private boolean stepImpossible;
    private final HmmStep view = new HmmStep(new StepSource());
    private Consumer<HmmStep> listener;

    public OnlineEmHmm(OnlineEmConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.k = config.states();
        this.buffer = new double[config.warmUp()];
        this.bufferTimes = new long[config.warmUp()];
    }

    /**
     * Online EM starting from {@code start} instead of a warm-up window ({@code config.warmUp()}
     * is then unused; the variance floor is 10<sup>&minus;6</sup> of the smallest starting
     * variance).
     *
     * @throws IllegalArgumentException when the model's size or emission family differs from the configuration's
     */
    public static OnlineEmHmm startingFrom(HmmModel start, OnlineEmConfig config) {
        Objects.requireNonNull(start, "start");
        if (start.states() != config.states() || start.emission().type() != config.emission()) {
            throw new IllegalArgumentException("start: expected " + config.states() + " states with " + config.emission().label()
                    + " emissions, got " + start.states() + " with " + start.emission().type().label());
        }
        if (start.emission() instanceof CategoricalEmission c && c.alphabetSize() != config.alphabetSize()) {
            throw new IllegalArgumentException("start: expected " + config.alphabetSize() + " symbols, got " + c.alphabetSize());
        }
        OnlineEmHmm em = new OnlineEmHmm(config);
        em.initialise(start, 1e-6 * smallestVariance(start.emission()));
        return em;
    }

    private static double smallestVariance(Emission e) {
        double[] v = e instanceof GaussianEmission g ? g.variances() : e instanceof Ar1GaussianEmission a ? a.variances() : new double[] {1};
        double min = Double.POSITIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
        }
        return min;
    }

    /**
     * Admits observation {@code x} at event time {@code timeMillis} and returns its local value,
     * the surprise &minus;ln p(x | past) under the parameters before it (nats; +&infin; for an
     * impossible event), or NaN while the warm-up is buffered. The event that fills the warm-up
     * window builds the first model, replays the window and returns the surprise of its own step.
     *
     * @throws RejectedEventException for a non-finite value or a categorical value outside
     *         0..M&minus;1; the state is then unchanged
     */
    public double update(long timeMillis, double x) {
        return update(timeMillis, x, null);
    }

    /**
     * Admits one observation like {@link #update(long, double)} and tells {@code listener} (may be
     * null) about every event that passes through the recursion during this call: none while the
     * warm-up is buffered, the whole warm-up window (in order) on the call that fills it, else
     * this event. Each {@link HmmStep} holds the filtered quantities computed with the parameters
     * in force at that event, before the M-step that follows it; the view is valid only inside
     * the callback, which must not call {@link #snapshot()} (the writer is mid-change).
     *
     * @throws RejectedEventException for a non-finite value or a categorical value outside
     *         0..M&minus;1; the state is then unchanged
     */
    public double update(long timeMillis, double x, Consumer<HmmStep> listener) {
        check(x);
        this.listener = listener;
        seqLock.beginWrite();
        try {
            if (emission == null) {
                buffer[buffered] = x;
                bufferTimes[buffered] = timeMillis;
                buffered++;
                if (buffered < buffer.length) {
                    return Double.NaN;
                }
                start();
            } else {
                step(timeMillis, x);
            }
            return surprise;
        } finally {
            seqLock.endWrite();
            this.listener = null;
        }
    }

    /**
     * A consistent copy of the state after the last event, from any thread: the filtered
     * posterior, the prequential log-likelihood and the current parameters. O(K&sup2;).
     */
    public OnlineEmSnapshot snapshot() {
        Reading r = seqLock.read(() -> new Reading(n, stepTime, buffered, phi == null ? null : phi.clone(),
                surprise, logLikelihood, impossibleEvents, initial, a == null ? null : a.clone(), emission));
        double[] posterior = r.phi;
        if (posterior == null) {
            posterior = new double[k];
            Arrays.fill(posterior, Double.NaN);
        }
        int state = -1;
        double probability = Double.NaN;
        if (r.phi != null) {
            state = argmax(r.phi);
            probability = r.phi[state];
        }
        HmmModel model = r.emission == null ? null : new HmmModel(r.initial, rows(r.a), r.emission);
        return new OnlineEmSnapshot(r.events, r.time, r.buffered, posterior, state, probability,
                r.phi == null ? Double.NaN : HmmStep.entropy(r.phi), r.logLikelihood, r.surprise, r.impossibleEvents,
                model);
    }

    private record Reading(long events, long time, int buffered, double[] phi, double surprise, double logLikelihood,
                           long impossibleEvents, double[] initial, double[] a, Emission emission) {
    }

    private void told(boolean impossibleEvent) {
        stepImpossible = impossibleEvent;
        stepIndex = n;
        if (listener != null) {
            listener.accept(view);
        }
    }

    /** Whether the warm-up is over and a model exists. */
    public boolean ready() {
        return emission != null;
    }

    /** Events admitted through the recursion (warm-up events count once replayed). */
    public long events() {
        return n;
    }

    /** The current parameters. @throws IllegalStateException during the warm-up */
    public HmmModel model() {
        if (emission == null) {
            throw new IllegalStateException("model: not ready, " + buffered + " of " + buffer.length + " warm-up events seen");
        }
        return new HmmModel(initial, rows(a), emission);
    }

    private double[][] rows(double[] flat) {
        double[][] rows = new double[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(flat, i * k, rows[i], 0, k);
        }
        return rows;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }

    /** The filtered posterior over states (a copy); all NaN during the warm-up. */
    public double[] posterior() {
        if (phi == null) {
            double[] nan = new double[k];
            Arrays.fill(nan, Double.NaN);
            return nan;
        }
        return phi.clone();
    }

    /** The last event's surprise &minus;ln p(x<sub>n</sub> | x<sub>1..n&minus;1</sub>) under the parameters before it, nats; NaN during the warm-up. */
    public double surprise() {
        return surprise;
    }

    /** &Sigma; ln p(x<sub>n</sub> | past) with the parameters of the time, nats (a prequential likelihood). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** Events with probability 0 under every state (excluded from the likelihood). */
    public long impossibleEvents() {
        return impossibleEvents;
    }

    /** S&#x302;<sub>n</sub> for transitions, [i*K + j]: &Sigma;<sub>k</sub> &rho;(i, j, k) &phi;(k). For tests. */
    double[] expectedTransitionStatistics() {
        double[] out = new double[k * k];
        for (int row = 0; row < k * k; row++) {
            for (int kk = 0; kk < k; kk++) {
                out[row] += rhoQ[row * k + kk] * phi[kk];
            }
        }
        return out;
    }

    /** S&#x302;<sub>n</sub> for emissions, [i*D + d]. For tests. */
    double[] expectedEmissionStatistics() {
        double[] out = new double[k * d];
        for (int row = 0; row < k * d; row++) {
            for (int kk = 0; kk < k; kk++) {
                out[row] += rhoG[row * k + kk] * phi[kk];
            }
        }
        return out;
    }

    private void check(double x) {
        RejectedEventException.requireFinite("value", x);
        if (config.emission() == EmissionType.CATEGORICAL && (x != Math.rint(x) || x < 0 || x >= config.alphabetSize())) {
            throw new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                    "value: expected a symbol 0.." + (config.alphabetSize() - 1) + ", got " + x);
        }
    }

    private void start() {
        HmmModel model = InitialModels.fromSample(buffer, k, config.emission(), config.alphabetSize(),
                new SplittableRandom(config.seed()), true);
        initialise(model, InitialModels.varianceFloor(buffer));
        for (int i = 0; i < buffer.length; i++) {
            step(bufferTimes[i], buffer[i]);
        }
    }

    private void initialise(HmmModel model, double varianceFloor) {
        statistics = new EmissionStatistics(config.emission(), k, config.alphabetSize(), varianceFloor);
        d = statistics.dimension();
        initial = model.initial();
        a = model.transitionFlat().clone();
        emission = model.emission();
        densities = new double[k];
        prior = new double[k];
        r = new double[k * k];
        rhoQ = new double[k * k * k];
        rhoG = new double[k * d * k];
        scratchQ = new double[k * k * k];
        scratchG = new double[k * d * k];
        s = new double[d];
        statsQ = new double[k * k];
        statsG = new double[k * d];
    }

    /**
     * One event through the recursion (design note in the class comment): the first event
     * filters from the initial distribution; every later one computes the backward kernel and the
     * new filter, then (unless the event is impossible) moves the statistics and runs the M-step.
     */
    private void step(long timeMillis, double x) {
        double scale = emission.scaledDensities(x, previous, densities);
        statistics.fill(x, previous, s);
        previousBefore = previous;
        stepTime = timeMillis;
        boolean learned = false;
        double gamma = Double.NaN;
        if (phi == null) {
            firstStep(scale);
        } else {
            gamma = Math.max(config.minStep(), Math.pow(n + 1, -config.stepExponent()));
            double c = predictAndFilter();
            if (c > 0) {
                updateTransitionStatistics(gamma);
                updateEmissionStatistics(gamma);
                swapStatistics();
                normaliseFilter(c);
                account(c, scale);
                told(false);
                learned = true;
            } else {
                System.arraycopy(prior, 0, phi, 0, k); // impossible: restart from the predicted distribution
                impossible();
                told(true);
            }
        }
        previous = x;
        n++;
        if (learned && n > config.mStepDelay()) {
            maximise(MIN_EVENTS * gamma);
        }
    }

    /**
     * The first event: &phi;<sub>1</sub> &prop; &pi;(j) p<sub>j</sub>(x<sub>1</sub>), and the
     * emission statistics &rho;<sub>1</sub> start at s(x<sub>1</sub>) on the diagonal.
     */
    private void firstStep(double scale) {
        phi = new double[k];
        System.arraycopy(initial, 0, prior, 0, k);
        double c = 0;
        for (int j = 0; j < k; j++) {
            phi[j] = initial[j] * densities[j];
            c += phi[j];
        }
        boolean impossibleEvent = !(c > 0);
        if (impossibleEvent) {
            System.arraycopy(initial, 0, phi, 0, k);
            impossible();
        } else {
            for (int j = 0; j < k; j++) {
                phi[j] /= c;
            }
            account(c, scale);
            for (int i = 0; i < k; i++) {
                for (int dd = 0; dd < d; dd++) {
                    rhoG[(i * d + dd) * k + i] = s[dd];
                }
            }
        }
        told(impossibleEvent);
    }

    /**
     * The backward kernel r(j | k) = &phi;(j) A<sub>jk</sub> / prior(k), the predicted distribution
     * prior(k) = &Sigma;<sub>j</sub> &phi;(j) A<sub>jk</sub>, and the unnormalised new filter
     * prior(k) p<sub>k</sub>(x) (into {@code statsQ}, reused as scratch); returns its sum c.
     */
    private double predictAndFilter() {
        double c = 0;
        double[] next = statsQ;
        for (int kk = 0; kk < k; kk++) {
            double pred = 0;
            for (int j = 0; j < k; j++) {
                double v = phi[j] * a[j * k + kk];
                r[kk * k + j] = v;
                pred += v;
            }
            prior[kk] = pred;
            if (pred > 0) {
                for (int j = 0; j < k; j++) {
                    r[kk * k + j] /= pred;
                }
            }
            next[kk] = pred * densities[kk];
            c += next[kk];
        }
        return c;
    }

    /** &rho;(i, j&prime;, k) &larr; (1 &minus; &gamma;) &Sigma;<sub>j</sub> &rho;(i, j&prime;, j) r(j | k) + &gamma; 1{k = j&prime;} r(i | k), into the scratch array. */
    private void updateTransitionStatistics(double gamma) {
        double keep = 1 - gamma;
        for (int i = 0; i < k; i++) {
            for (int j2 = 0; j2 < k; j2++) {
                int row = (i * k + j2) * k;
                for (int kk = 0; kk < k; kk++) {
                    double sum = 0;
                    int rk = kk * k;
                    for (int j = 0; j < k; j++) {
                        sum += rhoQ[row + j] * r[rk + j];
                    }
                    scratchQ[row + kk] = keep * sum + (kk == j2 ? gamma * r[rk + i] : 0);
                }
            }
        }
    }

    /** &rho;(i, d, k) &larr; (1 &minus; &gamma;) &Sigma;<sub>j</sub> &rho;(i, d, j) r(j | k) + &gamma; 1{k = i} s<sub>d</sub>(x), into the scratch array. */
    private void updateEmissionStatistics(double gamma) {
        double keep = 1 - gamma;
        for (int i = 0; i < k; i++) {
            for (int dd = 0; dd < d; dd++) {
                int row = (i * d + dd) * k;
                for (int kk = 0; kk < k; kk++) {
                    double sum = 0;
                    int rk = kk * k;
                    for (int j = 0; j < k; j++) {
                        sum += rhoG[row + j] * r[rk + j];
                    }
                    scratchG[row + kk] = keep * sum + (kk == i ? gamma * s[dd] : 0);
                }
            }
        }
    }

    /** The scratch arrays just written become the statistics. */
    private void swapStatistics() {
        double[] swap = rhoQ;
        rhoQ = scratchQ;
        scratchQ = swap;
        swap = rhoG;
        rhoG = scratchG;
        scratchG = swap;
    }

    /** &phi; = the unnormalised filter left in {@code statsQ} by {@link #predictAndFilter}, over c. */
    private void normaliseFilter(double c) {
        double[] next = statsQ;
        for (int kk = 0; kk < k; kk++) {
            phi[kk] = next[kk] / c;
        }
    }

    /**
     * The M-step. A state (or transition row) whose occupancy in the statistics is below
     * {@code minWeight}, i.e. fewer than about {@link #MIN_EVENTS} events' worth of weight at the
     * current step size, keeps its parameters: early on, when the statistics remember only the
     * last few dozen events, a state absent from them would otherwise collapse onto a handful of
     * points (variance at the floor) and never come back.
     */
    private void maximise(double minWeight) {
        for (int i = 0; i < k; i++) {
            double rowSum = 0;
            for (int j2 = 0; j2 < k; j2++) {
                double v = 0;
                int row = (i * k + j2) * k;
                for (int kk = 0; kk < k; kk++) {
                    v += rhoQ[row + kk] * phi[kk];
                }
                statsQ[i * k + j2] = Math.max(0, v);
                rowSum += statsQ[i * k + j2];
            }
            if (rowSum >= minWeight && rowSum > 1e-300) {
                for (int j2 = 0; j2 < k; j2++) {
                    a[i * k + j2] = statsQ[i * k + j2] / rowSum;
                }
            }
        }
        for (int i = 0; i < k; i++) {
            for (int dd = 0; dd < d; dd++) {
                double v = 0;
                int row = (i * d + dd) * k;
                for (int kk = 0; kk < k; kk++) {
                    v += rhoG[row + kk] * phi[kk];
                }
                statsG[i * d + dd] = v;
            }
        }
        emission = statistics.estimate(statsG, emission, minWeight);
    }

    private void account(double c, double scale) {
        double logP = Math.log(c) + scale;
        logLikelihood += logP;
        surprise = -logP;
    }

    private void impossible() {
        impossibleEvents++;
        surprise = Double.POSITIVE_INFINITY;
    }

    /** What {@link HmmStep} reads: the event being passed through the recursion. */
    private final class StepSource implements HmmStep.Source {
        @Override
        public long index() {
            return stepIndex;
        }

        @Override
        public long time() {
            return stepTime;
        }

        @Override
        public double[] posterior() {
            return phi;
        }

        @Override
        public double[] prior() {
            return prior;
        }

        @Override
        public double[] predicted() {
            double[] next = new double[k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    next[j] += phi[i] * a[i * k + j];
                }
            }
            return next;
        }

        @Override
        public int state() {
            return argmax(phi);
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
            return stepImpossible;
        }

        @Override
        public RegimeChange regimeChange() {
            return null;
        }

        @Override
        public int regime() {
            return -1;
        }
    }
}
