package io.entroflow.operators.signal;

import java.util.SplittableRandom;

/**
 * Standard normal variates by Marsaglia's polar method on a {@link SplittableRandom}: fully
 * specified, so streams are identical on every JVM (unlike {@code nextGaussian()}, whose
 * algorithm may change between releases). Not thread-safe.
 */
final class Gaussian {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    Gaussian(SplittableRandom random) {
        this.random = random;
    }

    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }
}
