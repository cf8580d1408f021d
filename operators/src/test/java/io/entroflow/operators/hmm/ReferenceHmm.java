package io.entroflow.operators.hmm;

/** Batch references for the filter: brute-force path enumeration and a log-space forward pass. */
final class ReferenceHmm {
    private ReferenceHmm() {
    }

    /** Filtered posteriors [t][state] and the log-likelihood of x[0..t] at each t, by enumerating all K^(t+1) paths. */
    static double[][] bruteForcePosteriors(HmmModel model, double[] x, double[] logLikelihoods) {
        int k = model.states();
        int n = x.length;
        double[][] posteriors = new double[n][k];
        for (int t = 0; t < n; t++) {
            int len = t + 1;
            long paths = (long) Math.pow(k, len);
            double[] joint = new double[k];
            double total = 0;
            int[] path = new int[len];
            for (long code = 0; code < paths; code++) {
                long c = code;
                for (int i = 0; i < len; i++) {
                    path[i] = (int) (c % k);
                    c /= k;
                }
                double p = model.initial(path[0]) * Math.exp(model.emission().logDensity(path[0], x[0], 0));
                for (int i = 1; i < len; i++) {
                    p *= model.transition(path[i - 1], path[i]) * Math.exp(model.emission().logDensity(path[i], x[i], x[i - 1]));
                }
                joint[path[len - 1]] += p;
                total += p;
            }
            for (int j = 0; j < k; j++) {
                posteriors[t][j] = joint[j] / total;
            }
            logLikelihoods[t] = Math.log(total);
        }
        return posteriors;
    }

    /** Log-likelihood of the whole sequence by a forward pass in log space (log-sum-exp, no scaling). */
    static double logSpaceForward(HmmModel model, double[] x) {
        int k = model.states();
        double[] logAlpha = new double[k];
        double[] next = new double[k];
        for (int j = 0; j < k; j++) {
            logAlpha[j] = Math.log(model.initial(j)) + model.emission().logDensity(j, x[0], 0);
        }
        for (int t = 1; t < x.length; t++) {
            for (int j = 0; j < k; j++) {
                double[] terms = new double[k];
                for (int i = 0; i < k; i++) {
                    terms[i] = logAlpha[i] + Math.log(model.transition(i, j));
                }
                next[j] = logSumExp(terms) + model.emission().logDensity(j, x[t], x[t - 1]);
            }
            System.arraycopy(next, 0, logAlpha, 0, k);
        }
        return logSumExp(logAlpha);
    }

    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            max = Math.max(max, d);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double d : v) {
            s += Math.exp(d - max);
        }
        return max + Math.log(s);
    }

    /**
     * Smoothed complete-data statistics by batch forward-backward (normalised per step):
     * transitions[i*K+j] = &Sigma;<sub>t&ge;1</sub> P(s<sub>t-1</sub>=i, s<sub>t</sub>=j | x) / T and
     * emissions[i*D+d] = &Sigma;<sub>t</sub> P(s<sub>t</sub>=i | x) s<sub>d</sub>(x<sub>t</sub>, x<sub>t-1</sub>) / T.
     */
    static double[][] smoothedStatistics(HmmModel model, double[] x, int alphabet) {
        int k = model.states();
        int n = x.length;
        double[][] alpha = new double[n][k];
        double[][] b = new double[n][k];
        double[] c = new double[n];
        for (int t = 0; t < n; t++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                b[t][j] = Math.exp(model.emission().logDensity(j, x[t], t == 0 ? 0 : x[t - 1]));
                double prior = 0;
                if (t == 0) {
                    prior = model.initial(j);
                } else {
                    for (int i = 0; i < k; i++) {
                        prior += alpha[t - 1][i] * model.transition(i, j);
                    }
                }
                alpha[t][j] = prior * b[t][j];
                sum += alpha[t][j];
            }
            c[t] = sum;
            for (int j = 0; j < k; j++) {
                alpha[t][j] /= sum;
            }
        }
        double[][] beta = new double[n][k];
        java.util.Arrays.fill(beta[n - 1], 1);
        double[] transitions = new double[k * k];
        for (int t = n - 2; t >= 0; t--) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double term = model.transition(i, j) * b[t + 1][j] * beta[t + 1][j] / c[t + 1];
                    beta[t][i] += term;
                    transitions[i * k + j] += alpha[t][i] * term;
                }
            }
        }
        EmissionType type = model.emission().type();
        int d = type == EmissionType.CATEGORICAL ? alphabet : type == EmissionType.GAUSSIAN ? 3 : 6;
        double[] emissions = new double[k * d];
        for (int t = 0; t < n; t++) {
            double p = t == 0 ? 0 : x[t - 1];
            double[] s = type == EmissionType.CATEGORICAL ? new double[d]
                    : type == EmissionType.GAUSSIAN ? new double[] {1, x[t], x[t] * x[t]}
                    : new double[] {1, p, p * p, x[t], x[t] * p, x[t] * x[t]};
            if (type == EmissionType.CATEGORICAL) {
                s[(int) x[t]] = 1;
            }
            for (int i = 0; i < k; i++) {
                double gamma = alpha[t][i] * beta[t][i];
                for (int dd = 0; dd < d; dd++) {
                    emissions[i * d + dd] += gamma * s[dd];
                }
            }
        }
        for (int i = 0; i < transitions.length; i++) {
            transitions[i] /= n;
        }
        for (int i = 0; i < emissions.length; i++) {
            emissions[i] /= n;
        }
        return new double[][] {transitions, emissions};
    }
}
