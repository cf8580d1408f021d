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
}
