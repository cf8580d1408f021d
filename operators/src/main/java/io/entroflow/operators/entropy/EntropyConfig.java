package io.entroflow.operators.entropy;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;

import java.util.Objects;

/**
 * Configuration of an {@link EntropyOperator}: immutable, validated.
 *
 * @param window       which events count
 * @param measure      the entropy-family member to compute
 * @param unit         bits or nats (Shannon, R&eacute;nyi, normalised)
 * @param alphabetSize symbols are 0..alphabetSize&minus;1, 1 .. 2<sup>28</sup>; a normalised entropy's declared
 *                     alphabet may not be smaller (its value would exceed 1)
 */
public record EntropyConfig(Window window, EntropyMeasure measure, InformationUnit unit, int alphabetSize) {
    public EntropyConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(unit, "unit");
        if (alphabetSize < 1 || alphabetSize > (1 << 28)) {
            throw new IllegalArgumentException("alphabetSize: expected 1..2^28, got " + alphabetSize);
        }
        if (measure instanceof EntropyMeasure.NormalizedShannon n && !n.covers(alphabetSize)) {
            throw new IllegalArgumentException("alphabet: " + n.declaredAlphabetSize() + " is smaller than the "
                    + alphabetSize + " symbols of the input, so the normalised entropy could exceed 1; give at least "
                    + alphabetSize + ", or 0 for the support seen");
        }
    }
}
