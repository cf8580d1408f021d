package io.entroflow.operators.ordinal;

import java.util.Locale;

/**
 * Where a point of the complexity-entropy plane lies; see
 * {@link ComplexityEntropyPlane#classify} for the boundaries.
 */
public enum OrdinalRegion {
    /** Few patterns dominate: periodic, monotone or slowly varying signals. */
    REGULAR,
    /** Intermediate entropy with complexity near the maximum curve: deterministic chaos. */
    COMPLEX,
    /** High entropy, or complexity near the minimum curve: noise, correlated or not. */
    STOCHASTIC;

    /** Lower-case wire name, e.g. {@code complex}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
