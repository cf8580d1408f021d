package io.entroflow.app.backtest;

/** A backtest input that cannot be read (missing, corrupt, not matching the spec): one line naming the file and position. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
