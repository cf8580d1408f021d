package io.entroflow.operators.hmm;

import io.entroflow.operators.RejectedEventException;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Offline maximum-likelihood fitting of an HMM to one recorded sequence by Baum-Welch (EM with
 * the scaled forward-backward recursions; Rabiner 1989, doi:10.1109/5.18626), from several
 * seeded starting points, keeping the best.
 *
 * <p>Each iteration: E-step &gamma;<sub>t</sub>(i) = P(s<sub>t</sub> = i | x<sub>1..T</sub>),
 * &xi;<sub>t</sub>(i, j) = P(s<sub>t</sub> = i, s<sub>t+1</sub> = j | x<sub>1..T</sub>); M-step
 * &pi; = &gamma;<sub>1</sub>, A<sub>ij</sub> = &Sigma;<sub>t</sub> &xi;<sub>t</sub>(i,j) /
 * &Sigma;<sub>t&lt;T</sub> &gamma;<sub>t</sub>(i), emissions from the &gamma;-weighted sufficient
 * statistics (frequencies; mean and variance; AR(1) weighted least squares). The likelihood
 * never decreases from one iteration to the next (variances are floored at 10<sup>&minus;6</sup>
 * of the data's variance, which keeps that property). Iteration stops when the log-likelihood
 * gains less than {@code tolerance} or after {@code maxIterations}.
 *
 * <p>Restart 0 starts from warm-up quantiles of the whole sequence (see {@link OnlineEmHmm});
 * the others from random quantile cuts and random sticky transitions drawn from {@code seed}.
 *
 * <p>Cost: O(T&middot;K<sup>2</sup>) time per iteration (plus O(T&middot;K&middot;M) for
 * categorical emissions), O(T&middot;K) memory. Stateless; thread-safe.
 */
public final class BaumWelch {

    /**
     * @param restarts      starting points, &ge; 1
     * @param maxIterations EM iterations per start, &ge; 1
     * @param tolerance     stop when the log-likelihood gains less than this (nats), &ge; 0
     * @param seed          seed of the random starting points
     */
    public record Options(int restarts, int maxIterations, double tolerance, long seed) {
        /** 5 restarts, 500 iterations, tolerance 10<sup>&minus;6</sup> nats, seed 42. */
        public static final Options DEFAULT = new Options(5, 500, 1e-6, 42);

        public Options {
            if (restarts < 1) {
                throw new IllegalArgumentException("restarts: expected >= 1, got " + restarts);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations: expected >= 1, got " + maxIterations);
            }
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance: expected a finite number >= 0, got " + tolerance);
            }
        }
    }

    /**
     * A fitted model.
     *
     * @param model         the best model found
     * @param logLikelihood its log-likelihood of the sequence, nats
     * @param iterations    EM iterations of the winning start
     * @param history       log-likelihood before each M-step of the winning start (non-decreasing)
     * @param restart       index of the winning start
     */
    public record Fit(HmmModel model, double logLikelihood, int iterations, double[] history, int restart) {
    }

    private BaumWelch() {
    }

    /**
     * Fits a K-state model of the given emission family to {@code observations}.
     *
     * @param alphabetSize M for categorical emissions (observations 0..M&minus;1); ignored otherwise
     * @throws IllegalArgumentException for K outside 2..64, fewer observations than states, or
     *         an observation the family cannot score (naming its index and value)
     */
    public static Fit fit(double[] observations, int states, EmissionType type, int alphabetSize, Options options) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        if (states < HmmModel.MIN_STATES || states > HmmModel.MAX_STATES) {
            throw new IllegalArgumentException("states: expected " + HmmModel.MIN_STATES + ".." + HmmModel.MAX_STATES + ", got " + states);
        }
        if (type == EmissionType.CATEGORICAL && alphabetSize < 1) {
            throw new IllegalArgumentException("alphabetSize: expected >= 1 for categorical emissions, got " + alphabetSize);
        }
        checkObservations(observations, type, alphabetSize);
        SplittableRandom random = new SplittableRandom(options.seed());
        Fit best = null;
        for (int r = 0; r < options.restarts(); r++) {
            HmmModel start = InitialModels.fromSample(observations, states, type, alphabetSize, random.split(), r == 0);
            Fit fit = improve(start, observations, options.maxIterations(), options.tolerance(), r);
            if (best == null || fit.logLikelihood() > best.logLikelihood()) {
                best = fit;
            }
        }
        return best;
    }

    /** Runs EM from {@code start} (restart index reported as 0). */
    public static Fit improve(HmmModel start, double[] observations, int maxIterations, double tolerance) {
        checkObservations(observations, start.emission().type(),
                start.emission() instanceof CategoricalEmission c ? c.alphabetSize() : 0);
        return improve(start, observations, maxIterations, tolerance, 0);
    }

    private static Fit improve(HmmModel start, double[] x, int maxIterations, double tolerance, int restart) {
        int k = start.states();
        int n = x.length;
        EmissionType type = start.emission().type();
        int alphabet = start.emission() instanceof CategoricalEmission c ? c.alphabetSize() : 0;
        EmissionStatistics statistics = new EmissionStatistics(type, k, alphabet, InitialModels.varianceFloor(x));
        double[] b = new double[n * k];
        double[] scale = new double[n];
        double[] alpha = new double[n * k];
        double[] beta = new double[n * k];
        double[] c = new double[n];
        double[] column = new double[k];
        double[] history = new double[maxIterations + 1];
        HmmModel model = start;
        int iteration = 0;
        double logLik;
        while (true) {
            double[] a = model.transitionFlat();
            Emission emission = model.emission();
            logLik = 0;
            for (int t = 0; t < n; t++) {
                scale[t] = emission.scaledDensities(x[t], t == 0 ? 0 : x[t - 1], column);
                System.arraycopy(column, 0, b, t * k, k);
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    double prior;
                    if (t == 0) {
                        prior = model.initialRef()[j];
                    } else {
                        prior = 0;
                        for (int i = 0; i < k; i++) {
                            prior += alpha[(t - 1) * k + i] * a[i * k + j];
                        }
                    }
                    double u = prior * b[t * k + j];
                    alpha[t * k + j] = u;
                    sum += u;
                }
                if (!(sum > 0)) {
                    throw new IllegalArgumentException("observations[" + t + "]: probability 0 under every state, got " + x[t]);
                }
                c[t] = sum;
                for (int j = 0; j < k; j++) {
                    alpha[t * k + j] /= sum;
                }
                logLik += Math.log(sum) + scale[t];
            }
            history[iteration] = logLik;
            if (iteration == maxIterations || (iteration > 0 && logLik - history[iteration - 1] < tolerance)) {
                break;
            }
            // backward pass and expected statistics
            for (int j = 0; j < k; j++) {
                beta[(n - 1) * k + j] = 1;
            }
            double[] xi = new double[k * k];
            for (int t = n - 2; t >= 0; t--) {
                for (int j = 0; j < k; j++) {
                    column[j] = b[(t + 1) * k + j] * beta[(t + 1) * k + j] / c[t + 1];
                }
                for (int i = 0; i < k; i++) {
                    double s = 0;
                    double ai = alpha[t * k + i];
                    for (int j = 0; j < k; j++) {
                        double term = a[i * k + j] * column[j];
                        s += term;
                        xi[i * k + j] += ai * term;
                    }
                    beta[t * k + i] = s;
                }
            }
            double[] stats = new double[k * statistics.dimension()];
            double[] initial = new double[k];
            for (int t = 0; t < n; t++) {
                double norm = 0;
                for (int j = 0; j < k; j++) {
                    norm += alpha[t * k + j] * beta[t * k + j];
                }
                for (int j = 0; j < k; j++) {
                    double gamma = alpha[t * k + j] * beta[t * k + j] / norm;
                    if (t == 0) {
                        initial[j] = gamma;
                    }
                    if (gamma > 0) {
                        statistics.accumulate(stats, j, gamma, x[t], t == 0 ? 0 : x[t - 1]);
                    }
                }
            }
            model = new HmmModel(normalised(initial), transitions(xi, model), statistics.estimate(stats, emission));
            iteration++;
        }
        double[] trimmed = java.util.Arrays.copyOf(history, iteration + 1);
        return new Fit(model, logLik, iteration, trimmed, restart);
    }

    private static double[] normalised(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v;
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / s;
        }
        return out;
    }

    private static double[][] transitions(double[] xi, HmmModel old) {
        int k = old.states();
        double[][] a = new double[k][k];
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += xi[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                a[i][j] = s > 1e-300 ? xi[i * k + j] / s : old.transition(i, j);
            }
        }
        return a;
    }

    private static void checkObservations(double[] x, EmissionType type, int alphabetSize) {
        for (int t = 0; t < x.length; t++) {
            if (!Double.isFinite(x[t])) {
                throw new RejectedEventException(RejectedEventException.Reason.NOT_FINITE,
                        "observations[" + t + "]: expected a finite number, got " + x[t]);
            }
            if (type == EmissionType.CATEGORICAL && (x[t] != Math.rint(x[t]) || x[t] < 0 || x[t] >= alphabetSize)) {
                throw new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                        "observations[" + t + "]: expected a symbol 0.." + (alphabetSize - 1) + ", got " + x[t]);
            }
        }
    }
}
