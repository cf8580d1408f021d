package io.entroflow.app.cli;

import io.entroflow.app.http.HttpOptions;

import java.io.UncheckedIOException;

/** The checks of the HTTP options made before a command starts anything (a broker, a monitor). */
final class HttpCheck {
    private HttpCheck() {
    }

    /**
     * Checks {@code --http-port} and reads {@code --http-token-file} once, keeping the token in
     * {@code http}; a bad port, file or token is a usage error.
     */
    static void beforeStart(HttpOptions http) {
        try {
            http.portOr(0);
            http.token();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw CommandFailure.usage(OneLineErrors.oneLine(e.getMessage()), e);
        }
    }
}
