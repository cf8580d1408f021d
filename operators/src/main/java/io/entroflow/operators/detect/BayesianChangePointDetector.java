package io.entroflow.operators.detect;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bayesian online change-point detection (Adams &amp; MacKay [1]) on standardised values
 * z = (x &minus; mean) / sd ({@link Baseline}): a posterior over the run length r (how many of the
 * latest values belong to the current segment), each segment Gaussian with unknown mean and
 * variance under a Normal-Gamma prior NG(&mu;0, &kappa;0, &alpha;0, &beta;0), a change before each value with
 * constant hazard H = 1/&lambda;:
 * <pre>
 * w'(1)     &prop; H &middot; p(z | prior)                          a new segment starts with z
 * w'(r + 1) &prop; (1 &minus; H) &middot; w(r) &middot; p(z | segment of r)       the segment goes on
 * p(z | &middot;) = Student-t(2&alpha;_r; &mu;_r, &beta;_r(&kappa;_r + 1)/(&alpha;_r &kappa;_r)),  &kappa;_r = &kappa;0 + r, &alpha;_r = &alpha;0 + r/2
 * &mu;_{r+1} = (&kappa;_r &mu;_r + z)/(&kappa;_r + 1),  &beta;_{r+1} = &beta;_r + &kappa;_r (z &minus; &mu;_r)&sup2; / (2(&kappa;_r + 1))
 * </pre>
 * The run length is capped: the mass that would reach r = cap + 1 is dropped and the rest
 * renormalised, so a step costs O(cap) (two {@code Math.log} and one {@code Math.exp} per run
 * length, about 28 ns; log weights, no underflow). A new segment's z is scored under the prior predictive, so the change posterior
 * responds to the data (in the formulation where the change mass is scored under the old run's
 * predictive, P(r = 0) equals H at every step).
 *
 * <p><b>Alarm statistic</b>: P(r &le; k | z_1..n), the posterior probability that the current
 * segment started within the last k values. Alarm when it reaches the threshold p*, once more
 * than 2k values have been seen since the (re)start (before that the posterior mass sits on short
 * runs because the data are short, not because something changed). After an alarm the posterior
 * restarts empty and an estimated baseline is collected again. Two-sided by nature: a change of
 * mean or variance in either direction. No closed-form ARL0: docs/alerts.md measures it.
 *
 * <p>[1] Adams &amp; MacKay, "Bayesian online changepoint detection", arXiv:0710.3742 (2007).
 * [2] Murphy, "Conjugate Bayesian analysis of the Gaussian distribution" (2007), for the
 * Normal-Gamma updates and predictive.
 */
public final class BayesianChangePointDetector extends DetectorBase implements ChangeDetector {
    private static final int STATE_TAG = 0x424F4350; // "BOCP"
    private static final double LOG_PI = StrictMath.log(Math.PI);

    /**
     * @param baseline     how values are standardised
     * @param hazardLength &lambda;, the prior mean segment length (H = 1/&lambda;), &gt; 1
     * @param cap          the largest run length kept, 2k + 1 .. 100,000
     * @param window       k, the alarm statistic is P(r &le; k), &ge; 1
     * @param threshold    p*, in (0, 1)
     * @param priorMean    &mu;0 (in sd of the baseline)
     * @param priorKappa   &kappa;0 &gt; 0, pseudo-observations behind &mu;0
     * @param priorAlpha   &alpha;0 &gt; 0
     * @param priorBeta    &beta;0 &gt; 0 (&beta;0/&alpha;0 is the prior guess of the variance)
     */
    public record Config(Baseline baseline, double hazardLength, int cap, int window, double threshold,
                         double priorMean, double priorKappa, double priorAlpha, double priorBeta) {
        public Config {
            Objects.requireNonNull(baseline, "bocpd.baseline");
            if (!(hazardLength > 1 && hazardLength < 1e12)) {
                throw new IllegalArgumentException("bocpd.hazardLength: must be in (1, 1e12), got " + hazardLength);
            }
            if (window < 1 || window > 10_000) {
                throw new IllegalArgumentException("bocpd.window: must be between 1 and 10,000, got " + window);
            }
            if (cap < 2 * window + 1 || cap > 100_000) {
                throw new IllegalArgumentException("bocpd.cap: must be between 2*window+1 = " + (2 * window + 1)
                        + " and 100,000, got " + cap);
            }
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("bocpd.threshold: must be in (0, 1), got " + threshold);
            }
            if (!Double.isFinite(priorMean)) {
                throw new IllegalArgumentException("bocpd.priorMean: must be finite, got " + priorMean);
            }
            if (!(priorKappa > 0 && priorKappa < 1e9) || !(priorAlpha > 0 && priorAlpha < 1e9)
                    || !(priorBeta > 0 && priorBeta < 1e9)) {
                throw new IllegalArgumentException("bocpd.prior: kappa, alpha and beta must be in (0, 1e9), got kappa = "
                        + priorKappa + ", alpha = " + priorAlpha + ", beta = " + priorBeta);
            }
        }

        /** The standard prior for standardised data (&mu;0 = 0, &kappa;0 = 1, &alpha;0 = 1, &beta;0 = 1). */
        public static Config of(Baseline baseline, double hazardLength, int cap, int window, double threshold) {
            return new Config(baseline, hazardLength, cap, window, threshold, 0, 1, 1, 1);
        }
    }

    private final Config config;
    private final double logHazard;
    private final double logStay;
    /** Per run length r = 0..cap: lnΓ(α_r + 1/2) − lnΓ(α_r) − ln(2α_r π)/2, the Student-t constant. */
    private final double[] tConstant;

    // posterior over r = 1..active at index r - 1 (normalised log weights) and each run's mu and beta
    private double[] logWeight;
    private double[] mean;
    private double[] beta;
    private double[] nextLogWeight;
    private double[] nextMean;
    private double[] nextBeta;
    private int active;
    private long sinceRestart;

    public BayesianChangePointDetector(Config config) {
        super(STATE_TAG, "Bayesian change-point detector", "bocpd.value", Objects.requireNonNull(config, "config"),
                config.baseline());
        this.config = config;
        this.logHazard = -StrictMath.log(config.hazardLength());
        this.logStay = StrictMath.log1p(-1 / config.hazardLength());
        int cap = config.cap();
        tConstant = new double[cap + 1];
        for (int r = 0; r <= cap; r++) {
            double a = config.priorAlpha() + r / 2.0;
            tConstant[r] = LogGamma.of(a + 0.5) - LogGamma.of(a) - 0.5 * (StrictMath.log(2 * a) + LOG_PI);
        }
        logWeight = new double[cap];
        mean = new double[cap];
        beta = new double[cap];
        nextLogWeight = new double[cap];
        nextMean = new double[cap];
        nextBeta = new double[cap];
    }

    /** ln p(z | run of r values with mean m and beta b): Student-t with 2&alpha;_r degrees of freedom. */
    private double logPredictive(int r, double m, double b, double z) {
        double kappa = config.priorKappa() + r;
        double a = config.priorAlpha() + r / 2.0;
        double scale2 = b * (kappa + 1) / (a * kappa);
        double d = z - m;
        return tConstant[r] - 0.5 * Math.log(scale2) - (a + 0.5) * Math.log(1 + d * d / (2 * a * scale2));
    }

    @Override
    public boolean update(double value) {
        double z = standardise(value);
        if (Double.isNaN(z)) {
            return false;
        }
        int cap = config.cap();
        double mu0 = config.priorMean();
        double k0 = config.priorKappa();
        double b0 = config.priorBeta();
        // a new segment starting with z
        nextLogWeight[0] = logHazard + logPredictive(0, mu0, b0, z);
        nextMean[0] = (k0 * mu0 + z) / (k0 + 1);
        nextBeta[0] = b0 + k0 * (z - mu0) * (z - mu0) / (2 * (k0 + 1));
        double max = nextLogWeight[0];
        int grown = Math.min(active, cap - 1); // the run at r = cap is dropped
        for (int i = 0; i < grown; i++) {
            int r = i + 1;
            double m = mean[i];
            double b = beta[i];
            double lw = logStay + logWeight[i] + logPredictive(r, m, b, z);
            nextLogWeight[i + 1] = lw;
            double kappa = k0 + r;
            double d = z - m;
            nextMean[i + 1] = (kappa * m + z) / (kappa + 1);
            nextBeta[i + 1] = b + kappa * d * d / (2 * (kappa + 1));
            if (lw > max) {
                max = lw;
            }
        }
        active = grown + 1;
        int k = config.window();
        double total = 0;
        double recent = 0;
        for (int i = 0; i < active; i++) {
            double e = Math.exp(nextLogWeight[i] - max);
            total += e;
            if (i < k) {
                recent += e;
            }
        }
        double logTotal = max + Math.log(total);
        for (int i = 0; i < active; i++) {
            nextLogWeight[i] -= logTotal;
        }
        double[] t = logWeight;
        logWeight = nextLogWeight;
        nextLogWeight = t;
        t = mean;
        mean = nextMean;
        nextMean = t;
        t = beta;
        beta = nextBeta;
        nextBeta = t;
        sinceRestart++;
        double statistic = recent / total;
        if (settle(statistic, sinceRestart > 2L * k && statistic >= config.threshold())) {
            restart();
            return true;
        }
        return false;
    }

    @Override
    public void restart() {
        active = 0;
        sinceRestart = 0;
        restartBaseline();
    }

    /** The most probable run length after the last value (0 before any). O(cap). */
    public int mapRunLength() {
        int best = -1;
        for (int i = 0; i < active; i++) {
            if (best < 0 || logWeight[i] > logWeight[best]) {
                best = i;
            }
        }
        return best + 1;
    }

    /** The run-length posterior P(r = 1..active) (a copy). O(cap). */
    public double[] runLengthPosterior() {
        double[] p = new double[active];
        for (int i = 0; i < active; i++) {
            p[i] = StrictMath.exp(logWeight[i]);
        }
        return p;
    }

    @Override
    public double threshold() {
        return config.threshold();
    }

    @Override
    public boolean warmingUp() {
        return super.warmingUp() || sinceRestart <= 2L * config.window();
    }

    public Config config() {
        return config;
    }

    @Override
    void writeParameters(StateWriter out) {
        out.putDouble(config.hazardLength()).putInt(config.cap()).putInt(config.window()).putDouble(config.threshold())
                .putDouble(config.priorMean()).putDouble(config.priorKappa()).putDouble(config.priorAlpha())
                .putDouble(config.priorBeta());
    }

    /** The active part of the posterior and the values since the restart. O(active). */
    @Override
    void writeState(StateWriter out) {
        out.putDoubles(Arrays.copyOf(logWeight, active)).putDoubles(Arrays.copyOf(mean, active))
                .putDoubles(Arrays.copyOf(beta, active));
        out.putLong(sinceRestart);
    }

    @Override
    void readState(StateReader in) {
        double[] w = in.getDoubles();
        double[] m = in.getDoubles();
        double[] b = in.getDoubles();
        if (w.length != m.length || w.length != b.length || w.length > config.cap()) {
            throw new IllegalArgumentException("state: Bayesian change-point posterior of " + w.length
                    + " run lengths, cap " + config.cap());
        }
        sinceRestart = in.getLong();
        active = w.length;
        System.arraycopy(w, 0, logWeight, 0, active);
        System.arraycopy(m, 0, mean, 0, active);
        System.arraycopy(b, 0, beta, 0, active);
    }
}
