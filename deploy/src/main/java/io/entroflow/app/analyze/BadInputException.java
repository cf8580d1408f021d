package io.entroflow.app.analyze;

/**
 * Input or options the command cannot use. The message is one line naming the problem, and
 * where it applies the line number and the value; the command prints it and exits with status 2.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
