package io.entroflow.operators.hmm;

import java.util.Locale;

/** The emission families an HMM supports, with their wire names. */
public enum EmissionType {
    /** A symbol 0..M&minus;1 with a probability table per state. */
    CATEGORICAL,
    /** A real value, normal with a mean and variance per state. */
    GAUSSIAN,
    /** A real value x<sub>t</sub> = c<sub>s</sub> + &phi;<sub>s</sub> x<sub>t&minus;1</sub> + N(0, &sigma;<sub>s</sub><sup>2</sup>). */
    AR1;

    /** The wire name: {@code categorical}, {@code gaussian}, {@code ar1}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException naming the value when it is not one of the three
     */
    public static EmissionType parse(String name) {
        if (name != null) {
            for (EmissionType t : values()) {
                if (t.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("emission: expected categorical, gaussian or ar1, got '" + name + "'");
    }
}
