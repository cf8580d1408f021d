package io.entroflow.topology.measure;

/**
 * A parameter value the catalogue rejects: the parameter's name (null for the parameter set as a
 * whole, e.g. an unknown name) and the reason, e.g. {@code must be >= 0, got -1}. Each surface renders
 * it once with its own prefix: {@code operators[0].params.alpha: ...} in a spec, {@code --alpha: ...} in
 * {@code analyze}.
 */
public final class InvalidParamException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String param;
    private final String reason;

    InvalidParamException(String param, String reason) {
        super((param == null ? "params" : param) + ": " + reason);
        this.param = param;
        this.reason = reason;
    }

    /** The parameter's name, or null when the error is about the parameters as a whole. */
    public String param() {
        return param;
    }

    /** What is wrong, without a path: the same text on every surface. */
    public String reason() {
        return reason;
    }
}
