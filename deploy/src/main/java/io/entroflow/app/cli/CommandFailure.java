package io.entroflow.app.cli;

/**
 * Ends a command with one line on standard error ({@code entroflow <command>: <message>}) and an
 * exit status: {@link #USAGE} when the command as typed cannot work (a bad option, spec or file),
 * {@link #RUNTIME} when what it needs failed while running (Kafka unreachable or refusing the
 * credentials, the monitor stopping). {@link OneLineErrors} prints it.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Exit status for bad options, specs, files and other input. */
    static final int USAGE = 2;
    /** Exit status for failures at run time, and for internal errors. */
    static final int RUNTIME = 1;

    private final int exitCode;

    private CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A bad option, spec or file: exit status 2. The message names the option or file and the value. */
    static CommandFailure usage(String message) {
        return new CommandFailure(USAGE, message, null);
    }

    /** {@link #usage(String)} keeping the cause for {@code --verbose}. */
    static CommandFailure usage(String message, Throwable cause) {
        return new CommandFailure(USAGE, message, cause);
    }

    /** A failure at run time: exit status 1. */
    static CommandFailure runtime(String message, Throwable cause) {
        return new CommandFailure(RUNTIME, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
