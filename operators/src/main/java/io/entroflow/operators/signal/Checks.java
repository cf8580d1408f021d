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
}
