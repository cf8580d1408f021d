package io.entroflow.app.deliver;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * An HTTP receiver on 127.0.0.1 (ephemeral port, the JDK's server) that records every request and
 * answers with a script: the status for the n-th request (1-based) carrying a given idempotency key.
 */
public final class ScriptedReceiver implements AutoCloseable {
    /** One request as received. */
    public record Received(String path, String idempotencyKey, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();
    private volatile IntUnaryOperator statusForAttempt;

    private ScriptedReceiver(IntUnaryOperator statusForAttempt) throws IOException {
        this.statusForAttempt = statusForAttempt;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String key = exchange.getRequestHeaders().getFirst(IdempotencyKey.HEADER);
                received.add(new Received(exchange.getRequestURI().getPath(), key,
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                int n = attemptsByKey.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
                int status = this.statusForAttempt.applyAsInt(n);
                byte[] answer = (status == 204 ? "" : status < 300 ? "ok" : "scripted failure " + n).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Answers {@code statusForAttempt(n)} to the n-th request with the same idempotency key. */
    public static ScriptedReceiver start(IntUnaryOperator statusForAttempt) throws IOException {
        return new ScriptedReceiver(statusForAttempt);
    }

    /** Answers 500 to the first {@code failures} requests of each key, then 200. */
    public static ScriptedReceiver failingFirst(int failures) throws IOException {
        return start(n -> n <= failures ? 500 : 200);
    }

    /** From now on, answers {@code status} to everything. */
    public void answerAlways(int status) {
        statusForAttempt = n -> status;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Every request so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
