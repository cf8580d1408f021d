package io.entroflow.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.entroflow.schemas.wire.JsonSerde;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on the JDK's {@link HttpServer} (module {@code jdk.httpserver}): GET routes
 * by exact path, or by prefix for a route registered as {@code /prefix/*} (the longest prefix
 * wins; an exact route beats a prefix), an optional {@link BearerToken} required on every route except the open ones, JSON
 * errors ({@code 401} with {@code WWW-Authenticate: Bearer}, {@code 404}, {@code 405} with
 * {@code Allow: GET}, {@code 500}).
 *
 * <p>Requests run on a fixed pool of {@value #THREADS} daemon threads. A {@link Route} may stream
 * (e.g. server-sent events): {@code sendResponseHeaders(200, 0)} selects chunked transfer encoding
 * and every {@code flush()} of the response body sends what was written; such a route holds one
 * thread for as long as it streams.
 */
public final class HttpEndpoints implements AutoCloseable {
    /** Request threads. */
    public static final int THREADS = 8;
    private static final ObjectMapper JSON = JsonSerde.MAPPER;

    /** One GET endpoint. */
    @FunctionalInterface
    public interface Route {
        /** Answers the request (sends headers and body, closes the exchange). */
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor; // null while only bound

    private HttpEndpoints(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts a server.
     *
     * @param address where to listen; port 0 picks a free port
     * @param token   required on every route but {@code open}, or null for none
     * @param routes  routes by exact path
     * @param open    paths served without the token
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static HttpEndpoints start(InetSocketAddress address, BearerToken token, Map<String, Route> routes,
                                      Set<String> open) {
        return bind(address).start(token, routes, open);
    }

    /**
     * Binds {@code address} (so its port is known, e.g. for Kafka Streams' {@code application.server})
     * without serving yet: {@link #start(BearerToken, Map, Set)} serves, {@link #close} releases.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static HttpEndpoints bind(InetSocketAddress address) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(option(e) + ": cannot listen on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        return new HttpEndpoints(server, null);
    }

    /**
     * The option at fault when an address cannot be bound: the port when it is taken or reserved,
     * else the address ({@code Cannot assign requested address}: not this machine's; unresolved).
     */
    private static String option(IOException e) {
        String why = String.valueOf(e.getMessage());
        return why.contains("already in use") || why.contains("Permission denied") ? "--http-port" : "--http-bind";
    }

    /** Serves {@code routes} on the bound address (once); see {@link #start(InetSocketAddress, BearerToken, Map, Set)}. */
    public HttpEndpoints start(BearerToken token, Map<String, Route> routes, Set<String> open) {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "entroflow-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<String, Route> table = Map.copyOf(routes);
        Set<String> openPaths = Set.copyOf(open);
        server.createContext("/", exchange -> {
            try (exchange) {
                dispatch(exchange, token, table, openPaths);
            } catch (IOException | RuntimeException e) {
                // the client went away, or a route failed after sending its headers: nothing left to answer
            }
        });
        server.setExecutor(executor);
        server.start();
        return new HttpEndpoints(server, executor);
    }

    private static Route route(Map<String, Route> routes, String path) {
        Route exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        Route best = null;
        int bestLength = -1;
        for (Map.Entry<String, Route> r : routes.entrySet()) {
            String k = r.getKey();
            if (k.endsWith("/*") && path.startsWith(k.substring(0, k.length() - 1)) && k.length() > bestLength) {
                best = r.getValue();
                bestLength = k.length();
            }
        }
        return best;
    }

    private static void dispatch(HttpExchange exchange, BearerToken token, Map<String, Route> routes,
                                 Set<String> open) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (token != null && !open.contains(path)
                && !token.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"entroflow\"");
            sendJson(exchange, 401, Map.of("error", "unauthorized: send 'Authorization: Bearer <token>'"));
            return;
        }
        Route route = route(routes, path);
        if (route == null) {
            sendJson(exchange, 404, Map.of("error", "not found: " + path, "endpoints", routes.keySet().stream().sorted().toList()));
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            sendJson(exchange, 405, Map.of("error", "method not allowed: " + exchange.getRequestMethod()));
            return;
        }
        try {
            route.handle(exchange);
        } catch (IllegalArgumentException e) {
            sendJson(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            sendJson(exchange, 500, Map.of("error", String.valueOf(e)));
        }
    }

    /** Sends {@code body} as JSON with {@code status} and closes the body. */
    public static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    /** Sends {@code body} with {@code status} and content type and closes the body. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The bound address (the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops accepting, closes open exchanges (a streaming response ends), stops the request threads. */
    @Override
    public void close() {
        server.stop(0);
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
