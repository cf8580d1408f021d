package io.entroflow.operators;

import java.util.Objects;

/**
 * An event an operator refused to count, with a machine-readable {@link Reason} for dead-letter
 * routing and a message naming the field and the value. The operator's state is unchanged when
 * this is thrown.
 */
public final class RejectedEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why an event was rejected. */
    public enum Reason {
        /** Event time older than stream time minus the allowed lateness. */
        LATE,
        /** NaN or an infinity where a finite number is required. */
        NOT_FINITE,
        /** A symbol outside the declared alphabet. */
        OUT_OF_RANGE;

        /** Lower-case wire name, e.g. {@code late}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public RejectedEventException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** Throws {@link Reason#NOT_FINITE} naming {@code field} unless {@code value} is finite. */
    public static double requireFinite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new RejectedEventException(Reason.NOT_FINITE, field + ": expected a finite number, got " + value);
        }
        return value;
    }
}
