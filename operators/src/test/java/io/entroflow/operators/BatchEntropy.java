package io.entroflow.operators;

import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.window.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * From-scratch recomputation for tests: which (symbol, weight) pairs a window holds after a
 * sequence of events, and each measure evaluated directly from the probabilities. Deliberately
 * naive and independent of the operators' incremental code.
 */
public final class BatchEntropy {
    private BatchEntropy() {
    }

    /** An event: event time and symbol. */
    public record Event(long time, int symbol) {
    }

    /** Weight per symbol of the window over {@code events} (all accepted), for {@code alphabet} symbols. */
    public static double[] windowWeights(Window spec, List<Event> events, int alphabet) {
        double[] w = new double[alphabet];
        int n = events.size();
        if (n == 0) {
            return w;
        }
        long streamTime = Long.MIN_VALUE;
        for (Event e : events) {
            streamTime = Math.max(streamTime, e.time());
        }
        if (spec instanceof Window.Count c) {
            for (int i = Math.max(0, n - c.size()); i < n; i++) {
                w[events.get(i).symbol()] += 1;
            }
        } else if (spec instanceof Window.Time t) {
            for (Event e : events) {
                if (e.time() > streamTime - t.spanMillis()) {
                    w[e.symbol()] += 1;
                }
            }
        } else if (spec instanceof Window.Decay d) {
            for (int i = 0; i < n; i++) {
                double age = d.clock() == Window.DecayClock.EVENTS ? (n - 1 - i) : (double) (streamTime - events.get(i).time());
                w[events.get(i).symbol()] += Math.pow(2.0, -age / d.halfLife());
            }
        } else {
            for (Event e : events) {
                w[e.symbol()] += 1;
            }
        }
        return w;
    }

    /** The measure in nats (Shannon, R&eacute;nyi) or natural units, from weights. */
    public static double evaluate(EntropyMeasure measure, double[] weights, double sampleSize) {
        double total = 0;
        int support = 0;
        double max = 0;
        for (double w : weights) {
            total += w;
            if (w > 0) {
                support++;
            }
            max = Math.max(max, w);
        }
        if (total <= 0) {
            return 0;
        }
        List<Double> p = new ArrayList<>();
        for (double w : weights) {
            if (w > 0) {
                p.add(w / total);
            }
        }
        double shannon = 0;
        for (double x : p) {
            shannon -= x * Math.log(x);
        }
        if (measure instanceof EntropyMeasure.Shannon s) {
            return s.millerMadow() ? shannon + (support - 1) / (2.0 * sampleSize) : shannon;
        } else if (measure instanceof EntropyMeasure.Renyi r) {
            double a = r.alpha();
            if (a == 0) {
                return Math.log(support);
            } else if (a == 1) {
                return shannon;
            } else if (Double.isInfinite(a)) {
                return -Math.log(max / total);
            }
            double sum = 0;
            for (double x : p) {
                sum += Math.pow(x, a);
            }
            return Math.log(sum) / (1 - a);
        } else if (measure instanceof EntropyMeasure.Tsallis t) {
            double q = t.q();
            if (q == 1) {
                return shannon;
            }
            double sum = 0;
            for (double x : p) {
                sum += Math.pow(x, q);
            }
            return (1 - sum) / (q - 1);
        } else if (measure instanceof EntropyMeasure.GiniSimpson) {
            double sum = 0;
            for (double x : p) {
                sum += x * x;
            }
            return 1 - sum;
        } else {
            EntropyMeasure.NormalizedShannon ns = (EntropyMeasure.NormalizedShannon) measure;
            int m = ns.declaredAlphabetSize() > 0 ? ns.declaredAlphabetSize() : support;
            return m <= 1 ? 0 : shannon / Math.log(m);
        }
    }
}
