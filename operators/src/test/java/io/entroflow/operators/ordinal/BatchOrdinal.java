package io.entroflow.operators.ordinal;

import io.entroflow.operators.symbol.OrdinalPatterns;
import io.entroflow.operators.window.Window;

import java.util.ArrayList;
import java.util.List;

/** From-scratch ordinal computations over a whole history, for comparison with the incremental operators. */
final class BatchOrdinal {
    private BatchOrdinal() {
    }

    record Sample(long time, double value) {
    }

    /** Per-pattern weights in the window after all of {@code samples}, as a plain rescan. */
    static double[] patternWeights(Window spec, List<Sample> samples, int d, int tau, boolean weighted) {
        int n = factorial(d);
        List<long[]> patterns = new ArrayList<>(); // time, index
        List<Double> variances = new ArrayList<>();
        double[] v = new double[d];
        for (int j = (d - 1) * tau; j < samples.size(); j++) {
            for (int i = 0; i < d; i++) {
                v[i] = samples.get(j - (d - 1 - i) * tau).value();
            }
            patterns.add(new long[] {samples.get(j).time(), OrdinalPatterns.patternIndex(v)});
            double mean = 0;
            for (double x : v) {
                mean += x;
            }
            mean /= d;
            double sq = 0;
            for (double x : v) {
                sq += (x - mean) * (x - mean);
            }
            variances.add(sq / d);
        }
        double[] w = new double[n];
        int m = patterns.size();
        if (m == 0) {
            return w;
        }
        long streamTime = Long.MIN_VALUE;
        for (long[] p : patterns) {
            streamTime = Math.max(streamTime, p[0]);
        }
        for (int i = 0; i < m; i++) {
            long time = patterns.get(i)[0];
            int index = (int) patterns.get(i)[1];
            double windowWeight;
            if (spec instanceof Window.Count c) {
                windowWeight = i >= m - c.size() ? 1 : 0;
            } else if (spec instanceof Window.Time t) {
                windowWeight = time > streamTime - t.spanMillis() ? 1 : 0;
            } else if (spec instanceof Window.Decay dec) {
                double age = dec.clock() == Window.DecayClock.EVENTS ? (m - 1 - i) : (double) (streamTime - time);
                windowWeight = Math.pow(2.0, -age / dec.halfLife());
            } else {
                windowWeight = 1;
            }
            w[index] += windowWeight * (weighted ? variances.get(i) : 1);
        }
        return w;
    }

    /** Normalised Shannon entropy of weights, NaN if all zero. */
    static double normalizedEntropy(double[] w) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        if (!(total > 0)) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : w) {
            if (x > 0) {
                s -= x / total * Math.log(x / total);
            }
        }
        return s / Math.log(w.length);
    }

    /** C = Q0 * J[P, Pe] * H_S written out directly from Rosso et al. (2007). */
    static double complexity(double[] w) {
        int n = w.length;
        double total = 0;
        for (double x : w) {
            total += x;
        }
        if (!(total > 0)) {
            return Double.NaN;
        }
        double sP = 0;
        double sMix = 0;
        for (double x : w) {
            double p = x / total;
            if (p > 0) {
                sP -= p * Math.log(p);
            }
            double mix = 0.5 * p + 0.5 / n;
            sMix -= mix * Math.log(mix);
        }
        double js = sMix - sP / 2 - Math.log(n) / 2;
        double q0 = -2 / (((n + 1.0) / n) * Math.log(n + 1) - 2 * Math.log(2 * n) + Math.log(n));
        return q0 * js * sP / Math.log(n);
    }

    static int factorial(int d) {
        int f = 1;
        for (int i = 2; i <= d; i++) {
            f *= i;
        }
        return f;
    }
}
