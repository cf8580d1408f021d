package io.entroflow.operators.hmm;

import java.util.Random;

/** Random and fixed models for tests. */
final class Models {
    private Models() {
    }

    static double[] randomDistribution(Random r, int n) {
        double[] p = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            p[i] = 0.05 + r.nextDouble();
            s += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= s;
        }
        return p;
    }

    static HmmModel random(Random r, int k, EmissionType type, int alphabet) {
        double[][] a = new double[k][];
        for (int i = 0; i < k; i++) {
            a[i] = randomDistribution(r, k);
        }
        return new HmmModel(randomDistribution(r, k), a, randomEmission(r, k, type, alphabet));
    }

    static Emission randomEmission(Random r, int k, EmissionType type, int alphabet) {
        switch (type) {
            case CATEGORICAL: {
                double[][] b = new double[k][];
                for (int i = 0; i < k; i++) {
                    b[i] = randomDistribution(r, alphabet);
                }
                return new CategoricalEmission(b);
            }
            case GAUSSIAN: {
                double[] m = new double[k];
                double[] v = new double[k];
                for (int i = 0; i < k; i++) {
                    m[i] = 4 * r.nextGaussian();
                    v[i] = 0.2 + 3 * r.nextDouble();
                }
                return new GaussianEmission(m, v);
            }
            default: {
                double[] c = new double[k];
                double[] phi = new double[k];
                double[] v = new double[k];
                for (int i = 0; i < k; i++) {
                    c[i] = 2 * r.nextGaussian();
                    phi[i] = 1.8 * r.nextDouble() - 0.9;
                    v[i] = 0.2 + 2 * r.nextDouble();
                }
                return new Ar1GaussianEmission(c, phi, v);
            }
        }
    }

    /** Two or three well-separated Gaussian states with sticky transitions. */
    static HmmModel gaussian(double[] means, double[] variances, double stay) {
        int k = means.length;
        double[][] a = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a[i][j] = i == j ? stay : (1 - stay) / (k - 1);
            }
        }
        double[] pi = new double[k];
        java.util.Arrays.fill(pi, 1.0 / k);
        return new HmmModel(pi, a, new GaussianEmission(means, variances));
    }

    /** hmmlearn's umbrella world: state 0 rain, 1 no rain; symbol 0 umbrella, 1 none. */
    static HmmModel umbrella() {
        return new HmmModel(new double[] {0.5, 0.5}, new double[][] {{0.7, 0.3}, {0.3, 0.7}},
                new CategoricalEmission(new double[][] {{0.9, 0.1}, {0.2, 0.8}}));
    }
}
