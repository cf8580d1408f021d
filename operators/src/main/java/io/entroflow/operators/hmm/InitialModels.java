package io.entroflow.operators.hmm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Starting points for EM. Gaussian and AR(1) emissions come from quantiles of a warm-up sample:
 * the sorted sample is cut into K groups (at the quantiles i/K, or at random quantiles for a
 * random restart) and each state gets its group's mean and variance (AR(1): intercept = mean,
 * coefficient 0). Categorical rows are the sample's symbol frequencies, randomly perturbed per
 * state to break symmetry. Transitions are sticky (0.9 on the diagonal, or random).
 */
final class InitialModels {
    private InitialModels() {
    }

    /** The variance floor for a sample: 10<sup>&minus;6</sup> of its variance (10<sup>&minus;12</sup> if constant). */
    static double varianceFloor(double[] sample) {
        double v = variance(sample, 0, sample.length);
        return v > 0 ? 1e-6 * v : 1e-12;
    }

    static HmmModel fromSample(double[] sample, int k, EmissionType type, int alphabetSize,
                               SplittableRandom random, boolean evenQuantiles) {
        if (sample.length < k) {
            throw new IllegalArgumentException("observations: expected at least " + k + " (one per state), got " + sample.length);
        }
        double[] initial = new double[k];
        Arrays.fill(initial, 1.0 / k);
        double[][] a = new double[k][k];
        for (int i = 0; i < k; i++) {
            double stay = evenQuantiles ? 0.9 : 0.5 + 0.49 * random.nextDouble();
            double rest = 0;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    a[i][j] = evenQuantiles ? 1 : 0.1 + random.nextDouble();
                    rest += a[i][j];
                }
            }
            for (int j = 0; j < k; j++) {
                a[i][j] = j == i ? stay : (1 - stay) * a[i][j] / rest;
            }
        }
        return new HmmModel(initial, a, emission(sample, k, type, alphabetSize, random, evenQuantiles));
    }

    private static Emission emission(double[] sample, int k, EmissionType type, int alphabetSize,
                                     SplittableRandom random, boolean evenQuantiles) {
        if (type == EmissionType.CATEGORICAL) {
            double[] freq = new double[alphabetSize];
            for (double x : sample) {
                freq[(int) x] += 1;
            }
            double[][] p = new double[k][alphabetSize];
            for (int i = 0; i < k; i++) {
                double total = 0;
                for (int m = 0; m < alphabetSize; m++) {
                    p[i][m] = (freq[m] + 0.5) * (0.25 + 1.5 * random.nextDouble());
                    total += p[i][m];
                }
                for (int m = 0; m < alphabetSize; m++) {
                    p[i][m] /= total;
                }
            }
            return new CategoricalEmission(p);
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int[] cuts = new int[k + 1];
        cuts[k] = n;
        if (evenQuantiles) {
            for (int i = 1; i < k; i++) {
                cuts[i] = (int) ((long) i * n / k);
            }
        } else {
            double[] q = new double[k - 1];
            for (int i = 0; i < k - 1; i++) {
                q[i] = random.nextDouble();
            }
            Arrays.sort(q);
            for (int i = 1; i < k; i++) {
                cuts[i] = Math.max(cuts[i - 1] + 1, Math.min(n - (k - i), (int) (q[i - 1] * n)));
            }
        }
        double floor = Math.max(varianceFloor(sample), 1e-3 * variance(sorted, 0, n));
        double[] means = new double[k];
        double[] vars = new double[k];
        for (int i = 0; i < k; i++) {
            means[i] = mean(sorted, cuts[i], cuts[i + 1]);
            vars[i] = Math.max(floor, variance(sorted, cuts[i], cuts[i + 1]));
        }
        if (type == EmissionType.GAUSSIAN) {
            return new GaussianEmission(means, vars);
        }
        return new Ar1GaussianEmission(means, new double[k], vars);
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    private static double variance(double[] x, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        double m = mean(x, from, to);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (x[i] - m) * (x[i] - m);
        }
        return s / (to - from);
    }
}
