package io.entroflow.operators.ordinal;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.symbol.OrdinalPatterns;
import io.entroflow.operators.window.Window;

import java.util.Objects;

/**
 * Configuration of an ordinal operator ({@link PermutationEntropyOperator},
 * {@link StatisticalComplexityOperator}): immutable, validated.
 *
 * @param window    which patterns count; every {@link Window} kind is supported
 * @param dimension embedding dimension d, 2 .. 7 (d! = 2 .. 5040 patterns; 3 .. 7 is the usual range,
 *                  2 is allowed for comparison with published values)
 * @param delay     embedding delay &tau;, 1 .. 2<sup>20</sup> samples
 * @param weighted  weighted permutation entropy (Fadlallah et al. 2013): each pattern weighs the
 *                  variance of its embedding vector instead of 1
 * @param unit      unit of the unnormalised entropy (the normalised values have none)
 */
public record OrdinalConfig(Window window, int dimension, int delay, boolean weighted, InformationUnit unit) {
    /** Largest supported dimension. */
    public static final int MAX_DIMENSION = 7;

    public OrdinalConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(unit, "unit");
        checkDimension(dimension);
        checkDelay(delay);
    }

    /** Plain (unweighted) permutation entropy, bits. */
    public static OrdinalConfig of(Window window, int dimension, int delay) {
        return new OrdinalConfig(window, dimension, delay, false, InformationUnit.BITS);
    }

    /** The same configuration with weighting switched on or off. */
    public OrdinalConfig withWeighted(boolean on) {
        return new OrdinalConfig(window, dimension, delay, on, unit);
    }

    /** Number of patterns, d!. */
    public int patternCount() {
        return OrdinalPatterns.factorial(dimension);
    }

    static void checkDimension(int dimension) {
        if (dimension < 2 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension: expected 2.." + MAX_DIMENSION + ", got " + dimension);
        }
    }

    static void checkDelay(int delay) {
        if (delay < 1 || delay > (1 << 20)) {
            throw new IllegalArgumentException("tau: expected 1..2^20, got " + delay);
        }
    }
}
