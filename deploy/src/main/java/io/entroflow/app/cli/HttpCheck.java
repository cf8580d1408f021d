package io.entroflow.app.cli;

import io.entroflow.app.http.HttpEndpoints;
import io.entroflow.app.http.HttpOptions;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

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

    /**
     * Binds {@code --http-bind}:{@code --http-port} once and releases it, so that an address that is not
     * this machine's or a port in use is a usage error before an embedded broker starts (the server binds
     * again later; a port taken in between is reported then).
     *
     * @param defaultPort the command's port without {@code --http-port}
     */
    static void bindable(HttpOptions http, int defaultPort) {
        try {
            HttpEndpoints.bind(new InetSocketAddress(http.bind(), http.portOr(defaultPort))).close();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw CommandFailure.usage(OneLineErrors.oneLine(e.getMessage()), e);
        }
    }
}
