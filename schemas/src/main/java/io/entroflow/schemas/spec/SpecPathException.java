package io.entroflow.schemas.spec;

/**
 * A bad value at a known place: the {@link SpecPath} and the reason, kept apart and rendered once
 * as {@code path: reason}, e.g. {@code operators[2].params.alpha: must be >= 0, got -1}. Thrown by
 * the code that knows the path; collected by the planner as it is.
 */
public final class SpecPathException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient SpecPath path;
    private final String reason;

    public SpecPathException(SpecPath path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public SpecPathException(SpecPath path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    private SpecPathException(SpecPath path, String message, String reason, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.reason = reason;
    }

    /**
     * A library's message about a value inside {@code at}, which begins with the name of the field it is
     * about ({@code transition[0]: probabilities must sum to 1, got 1.1}), rendered as
     * {@code at.transition[0]: ...}: the library knows the field, the caller knows where the object is.
     */
    public static SpecPathException within(SpecPath at, IllegalArgumentException libraryError) {
        return new SpecPathException(at, at + "." + libraryError.getMessage(), libraryError.getMessage(), libraryError);
    }

    /** Where the bad value is. */
    public SpecPath path() {
        return path;
    }

    /** What is wrong with it, without the path. */
    public String reason() {
        return reason;
    }
}
