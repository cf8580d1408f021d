package io.entroflow.schemas.spec;

import java.util.List;

/**
 * A spec that does not validate: {@link #errors()} lists every problem as {@code path: message},
 * e.g. {@code operators[2].window.count: must be > 0}.
 */
public final class SpecValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    public SpecValidationException(String source, List<String> errors) {
        super("invalid monitor spec " + source + ":\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    /** Every error, one {@code path: message} per entry, in document order. */
    public List<String> errors() {
        return errors;
    }
}
