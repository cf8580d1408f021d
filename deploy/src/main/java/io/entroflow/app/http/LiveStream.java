package io.entroflow.app.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/stream?key=K}: server-sent events ({@code text/event-stream}) for the dashboard:
 * {@code alert} (every alert transition, all keys), {@code aggregate} (every interval aggregate of
 * key K) as they are committed, and every {@value #STATE_MILLIS} ms {@code state} (K's current
 * state as {@code /api/keys/{K}} answers it, from whichever instance owns K); a comment line every
 * {@value #HEARTBEAT_MILLIS} ms keeps proxies from closing an idle stream. The stream ends when the
 * client goes away, the server closes, or the client fell {@value EventHub#QUEUE} events behind
 * (the browser then reconnects). 503 when {@value EventHub#MAX_SUBSCRIBERS} streams are open.
 */
final class LiveStream implements HttpEndpoints.Route {
    static final long STATE_MILLIS = 1_000;
    static final long HEARTBEAT_MILLIS = 15_000;

    private final EventHub hub;
    private final StateApi state;

    LiveStream(EventHub hub, StateApi state) {
        this.hub = hub;
        this.state = state;
    }

    @Override
    public void handle(HttpExchange e) throws IOException {
        Map<String, String> q = StateApi.query(e);
        String key = q.get("key");
        if (key != null && key.isEmpty()) {
            HttpEndpoints.sendJson(e, 400, Map.of("error", "key: must not be empty"));
            return;
        }
        try (EventHub.Subscription s = hub.subscribe(key)) {
            if (s == null) {
                HttpEndpoints.sendJson(e, 503, Map.of("error", "too many live streams open (at most "
                        + EventHub.MAX_SUBSCRIBERS + "); close one and retry"));
                return;
            }
            e.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            e.getResponseHeaders().set("Cache-Control", "no-store");
            e.sendResponseHeaders(200, 0);
            String auth = e.getRequestHeaders().getFirst("Authorization");
            try (OutputStream out = e.getResponseBody()) {
                out.write("retry: 2000\n: entroflow live stream\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                long nextState = 0;
                long nextBeat = System.currentTimeMillis() + HEARTBEAT_MILLIS;
                while (!s.overflowed()) {
                    byte[] frame = s.frames().poll(200, TimeUnit.MILLISECONDS);
                    long now = System.currentTimeMillis();
                    boolean wrote = frame != null;
                    if (frame != null) {
                        out.write(frame);
                    }
                    if (key != null && now >= nextState) {
                        StateApi.Reply r = state.key(key, Map.of(), auth);
                        if (r.status() == 200) {
                            out.write(EventHub.rawFrame("state", r.json()));
                            wrote = true;
                        }
                        nextState = now + STATE_MILLIS;
                    }
                    if (now >= nextBeat) {
                        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                        wrote = true;
                        nextBeat = now + HEARTBEAT_MILLIS;
                    }
                    if (wrote && s.frames().isEmpty()) {
                        out.flush();
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt(); // the server is closing
            }
        }
    }
}
