package io.entroflow.operators;

import io.entroflow.operators.window.Window;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * From-scratch reference computations of multi-variable measures: window weights per sample and
 * plug-in entropies of projections of tuples, by direct summation over hash maps (no running sums,
 * no packed codes).
 */
public final class BatchInformation {
    private BatchInformation() {
    }

    /** A sample: event time and the values of its variables (each already one long, e.g. a history in base b). */
    public record Sample(long time, long[] values) {
    }

    /** The weight each sample carries in {@code spec} after all of them were admitted in order. */
    public static double[] weights(Window spec, List<Sample> samples) {
        int n = samples.size();
        double[] w = new double[n];
        long streamTime = Long.MIN_VALUE;
        for (Sample s : samples) {
            streamTime = Math.max(streamTime, s.time());
        }
        for (int i = 0; i < n; i++) {
            if (spec instanceof Window.Count c) {
                w[i] = i >= n - c.size() ? 1 : 0;
            } else if (spec instanceof Window.Time t) {
                w[i] = samples.get(i).time() > streamTime - t.spanMillis() ? 1 : 0;
            } else if (spec instanceof Window.Decay d) {
                double age = d.clock() == Window.DecayClock.EVENTS ? (n - 1 - i) : (double) (streamTime - samples.get(i).time());
                w[i] = Math.pow(2.0, -age / d.halfLife());
            } else {
                w[i] = 1;
            }
        }
        return w;
    }

    /** Shannon entropy (nats) of the projection of the samples onto the variables {@code vars}. */
    public static double entropy(List<Sample> samples, double[] weights, int... vars) {
        Map<List<Long>, Double> counts = new HashMap<>();
        double total = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (weights[i] <= 0) {
                continue;
            }
            Long[] key = new Long[vars.length];
            for (int v = 0; v < vars.length; v++) {
                key[v] = samples.get(i).values()[vars[v]];
            }
            counts.merge(List.of(key), weights[i], Double::sum);
            total += weights[i];
        }
        double h = 0;
        for (double c : counts.values()) {
            double p = c / total;
            h -= p * Math.log(p);
        }
        return h;
    }

    /** I(A;B|C) in nats, A, B, C given as variable index sets, by direct summation of p log(p p / (p p)). */
    public static double conditionalMutualInformation(List<Sample> samples, double[] weights, int[] a, int[] b, int[] c) {
        double hac = entropy(samples, weights, concat(a, c));
        double hbc = entropy(samples, weights, concat(b, c));
        double habc = entropy(samples, weights, concat(concat(a, b), c));
        double hc = entropy(samples, weights, c);
        return Math.max(0.0, hac + hbc - habc - hc);
    }

    /** A history value: symbols s[from..to] (inclusive) in base {@code base}, as one number. */
    public static long history(int[] s, int from, int to, int base) {
        long v = 0;
        for (int i = from; i <= to; i++) {
            v = v * base + s[i];
        }
        return v;
    }

    private static int[] concat(int[] x, int[] y) {
        int[] r = new int[x.length + y.length];
        System.arraycopy(x, 0, r, 0, x.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    /** Random symbols 0..alphabet-1 with a skewed distribution. */
    public static int[] symbols(java.util.Random random, int alphabet, int length) {
        double skew = 0.5 + 2 * random.nextDouble();
        int[] s = new int[length];
        for (int i = 0; i < length; i++) {
            s[i] = Math.min(alphabet - 1, (int) (alphabet * Math.pow(random.nextDouble(), skew)));
        }
        return s;
    }

    /** Event times advancing 0..40 ms, with up to the window's lateness of disorder. */
    public static long[] times(java.util.Random random, Window window, int length) {
        long lateness = window instanceof Window.Time t ? t.latenessMillis() : 0;
        long max = 1_000_000;
        long[] times = new long[length];
        for (int i = 0; i < length; i++) {
            max += random.nextInt(41);
            times[i] = lateness > 0 && random.nextInt(4) == 0 ? max - random.nextLong(lateness + 1) : max;
        }
        return times;
    }
}
