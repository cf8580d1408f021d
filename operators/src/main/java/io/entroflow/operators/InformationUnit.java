package io.entroflow.operators;

/**
 * The unit an information quantity is reported in: {@link #BITS} (logarithm base 2) or
 * {@link #NATS} (natural logarithm). Every operator computes in nats internally and converts
 * once, on output.
 */
public enum InformationUnit {
    /** Logarithm base 2. */
    BITS(Math.log(2.0)),
    /** Natural logarithm. */
    NATS(1.0);

    private final double natsPerUnit;
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    InformationUnit(double natsPerUnit) {
        this.natsPerUnit = natsPerUnit;
    }

    /** Converts a value in nats to this unit. */
    public double fromNats(double nats) {
        return nats / natsPerUnit;
    }

    /** Converts a value in this unit to nats. */
    public double toNats(double value) {
        return value * natsPerUnit;
    }

    /** The lower-case name used on the wire and on the command line: {@code bits} or {@code nats}. */
    public String label() {
        return label;
    }

    /**
     * Parses a logarithm base as given on the command line or in a spec: {@code 2}, {@code bits},
     * {@code e}, {@code nats}.
     *
     * @throws IllegalArgumentException naming the value when it is none of those
     */
    public static InformationUnit parseBase(String base) {
        switch (base.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "2": case "bits": case "bit": return BITS;
            case "e": case "nats": case "nat": return NATS;
            default: throw new IllegalArgumentException("base: expected 2 or e, got '" + base + "'");
        }
    }
}
