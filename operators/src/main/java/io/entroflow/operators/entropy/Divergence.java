package io.entroflow.operators.entropy;

/** Which divergence a {@link DivergenceOperator} reports. */
public enum Divergence {
    /** D<sub>KL</sub>(P&#8214;Q) = &Sigma; p ln(p/q); +&infin; when P has mass where Q has none. */
    KULLBACK_LEIBLER("kl"),
    /** JS(P, Q) = H(M) &minus; (H(P) + H(Q))/2, M = (P + Q)/2; symmetric, at most ln 2. */
    JENSEN_SHANNON("js");

    private final String label;

    Divergence(String label) {
        this.label = label;
    }

    /** Wire name: {@code kl} or {@code js}. */
    public String label() {
        return label;
    }

    /** Parses {@code kl}, {@code kullback-leibler}, {@code js}, {@code jensen-shannon}. */
    public static Divergence parse(String s) {
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "kl": case "kullback-leibler": return KULLBACK_LEIBLER;
            case "js": case "jensen-shannon": return JENSEN_SHANNON;
            default: throw new IllegalArgumentException("divergence: expected kl or js, got '" + s + "'");
        }
    }
}
