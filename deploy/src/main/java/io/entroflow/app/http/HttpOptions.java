package io.entroflow.app.http;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The HTTP options of the commands that run a monitor ({@code run}, {@code demo}), as a picocli
 * mixin: {@code --http-bind}, {@code --http-port}, {@code --http-token-file}, {@code --[no-]output-latency}.
 */
public final class HttpOptions {
    @Option(names = "--http-bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address of the HTTP server (dashboard /, /api/..., /health, /metrics). Default 127.0.0.1 (this machine only); it is also the address other instances forward key queries to (application.server).")
    String bind = "127.0.0.1";

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the HTTP server; 0 picks a free one (printed at start). Default 8080 for run, 0 for demo.")
    Integer port;

    @Option(names = "--http-token-file", paramLabel = "FILE",
            description = "File holding a bearer token: every endpoint except /health then requires 'Authorization: Bearer <token>'.")
    Path tokenFile;

    @Option(names = "--output-latency", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Measure the age of aggregates and alert events when they become visible (a read_committed "
                    + "consumer of those topics), exported as entroflow_output_latency_seconds. Default on.")
    boolean outputLatency = true;

    private BearerToken token;

    public HttpOptions() {
    }

    /** Options for a server on {@code bind:port} (tests, embedding). */
    public HttpOptions(String bind, int port, Path tokenFile, boolean outputLatency) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--http-port: must be between 0 and 65535, got " + port);
        }
        this.bind = bind;
        this.port = port;
        this.tokenFile = tokenFile;
        this.outputLatency = outputLatency;
    }

    /** The port asked for, else {@code defaultPort}. */
    public int portOr(int defaultPort) {
        int p = port != null ? port : defaultPort;
        if (p < 0 || p > 65_535) {
            throw new IllegalArgumentException("--http-port: must be between 0 and 65535, got " + p);
        }
        return p;
    }

    public String bind() {
        return bind;
    }

    /** The token file, or null when the endpoints are open. */
    public Path tokenFile() {
        return tokenFile;
    }

    /**
     * The token in {@link #tokenFile()}, read on the first call (call it before starting anything, so a
     * bad file fails at once), or null when the endpoints are open.
     *
     * @throws IllegalArgumentException     for a token too short or with whitespace
     * @throws java.io.UncheckedIOException when the file cannot be read, naming {@code --http-token-file}
     */
    public BearerToken token() {
        if (token == null && tokenFile != null) {
            token = BearerToken.fromFile(tokenFile);
        }
        return token;
    }

    public boolean outputLatency() {
        return outputLatency;
    }
}
