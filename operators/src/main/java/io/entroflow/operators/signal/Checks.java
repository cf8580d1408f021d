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

    /** Checks a probability vector: entries &ge; 0 summing to 1 within 1e-9; returns a normalised copy. */
    static double[] distribution(String name, double[] p) {
        if (p == null || p.length == 0) {
            throw new IllegalArgumentException(name + ": expected at least one probability, got none");
        }
        double total = 0;
        for (double x : p) {
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException(name + ": expected probabilities >= 0, got " + x);
            }
            total += x;
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException(name + ": probabilities must sum to 1, got sum " + total);
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / total;
        }
        return out;
    }
}
