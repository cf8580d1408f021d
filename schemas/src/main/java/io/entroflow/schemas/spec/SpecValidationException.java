package io.entroflow.schemas.spec;

import java.util.List;

/**
 * A spec that does not validate: {@link #errors()} lists every problem as {@code path: message},
 * e.g. {@code operators[2].window.count: must be > 0}. The message is
 * {@code invalid monitor spec SOURCE: error} for one error, else a header line
 * {@code invalid monitor spec SOURCE (N errors):} and each error on a line of its own, indented by two
 * spaces (an error may itself contain {@code ;}, so they are never joined on one line).
 */
public final class SpecValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    public SpecValidationException(String source, List<String> errors) {
        super(message(source, errors));
        this.errors = List.copyOf(errors);
    }

    private static String message(String source, List<String> errors) {
        if (errors.size() == 1) {
            return "invalid monitor spec " + source + ": " + errors.get(0);
        }
        return "invalid monitor spec " + source + " (" + errors.size() + " errors):\n  " + String.join("\n  ", errors);
    }

    /** Every error, one {@code path: message} per entry: the schema's first, then the planner's. */
    public List<String> errors() {
        return errors;
    }
}
