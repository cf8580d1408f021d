package io.entroflow.operators.hmm;

/**
 * Gauss&ndash;Hermite quadrature nodes and weights for &int; e<sup>&minus;z&sup2;</sup> f(z) dz,
 * computed once by Newton iteration on the orthonormal Hermite recurrence (Press et al.,
 * Numerical Recipes, 3rd ed., &sect;4.6, {@code gauher}).
 */
final class GaussHermite {
    /** Nodes used for predictive entropies. */
    static final int ORDER = 24;
    static final double[] NODES = new double[ORDER];
    static final double[] WEIGHTS = new double[ORDER];

    static {
        compute(ORDER, NODES, WEIGHTS);
    }

    private GaussHermite() {
    }

    static void compute(int n, double[] x, double[] w) {
        final double pim4 = Math.pow(Math.PI, -0.25);
        int m = (n + 1) / 2;
        double z = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0) {
                z = Math.sqrt(2.0 * n + 1) - 1.85575 * Math.pow(2.0 * n + 1, -0.16667);
            } else if (i == 1) {
                z -= 1.14 * Math.pow(n, 0.426) / z;
            } else if (i == 2) {
                z = 1.86 * z - 0.86 * x[0];
            } else if (i == 3) {
                z = 1.91 * z - 0.91 * x[1];
            } else {
                z = 2.0 * z - x[i - 2];
            }
            double pp = 0;
            for (int it = 0; it < 100; it++) {
                double p1 = pim4;
                double p2 = 0;
                for (int j = 0; j < n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / (j + 1)) * p2 - Math.sqrt((double) j / (j + 1)) * p3;
                }
                pp = Math.sqrt(2.0 * n) * p2;
                double z1 = z;
                z = z1 - p1 / pp;
                if (Math.abs(z - z1) <= 1e-14) {
                    break;
                }
            }
            x[i] = z;
            x[n - 1 - i] = -z;
            w[i] = 2.0 / (pp * pp);
            w[n - 1 - i] = w[i];
        }
    }
}
