package io.entroflow.operators.signal;

/** Argument checks with messages naming the parameter and the value. */
final class Checks {
    private Checks() {
    }

    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": expected a finite number, got " + value);
        }
        return value;
    }

    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": expected a finite number > 0, got " + value);
        }
        return value;
    }

    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": expected a finite number >= 0, got " + value);
        }
        return value;
    }

    static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + ": expected a probability in 0..1, got " + value);
        }
        return value;
    }

    /** Checks a probability vector ({@link Probabilities#requireDistribution}); returns a normalised copy. */
    static double[] distribution(String name, double[] p) {
        Probabilities.requireDistribution(name, p);
        double total = 0;
        for (double x : p) {
            total += x;
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / total;
        }
        return out;
    }
}
