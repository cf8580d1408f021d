package io.entroflow.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedOperator;
import io.entroflow.topology.query.MonitorQueries;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The state endpoints of a monitor, over {@link MonitorQueries} (interactive queries) and the
 * {@link AggregateHistory}:
 * <ul>
 *   <li>{@code GET /api/keys?prefix=P&after=K&limit=N}: keys with state, ascending, that start with P,
 *       after the cursor K (the previous page's {@code next}), at most N (1..1000, default 100):
 *       {@code {"keys": [...], "next": K or null}};</li>
 *   <li>{@code GET /api/keys/{key}}: every operator's current value (window bounds, events, p-value,
 *       regime, HMM posterior) and every rule's state for the key, 404 when no operator has state for it;</li>
 *   <li>{@code GET /api/keys/{key}/history?operator=NAME}: the key's recent interval aggregates (of one
 *       operator, or all) and alert transitions, oldest first, from the in-memory history;</li>
 *   <li>{@code GET /api/alerts}: alerts firing now, across keys.</li>
 * </ul>
 * The key in a path is percent-encoded (any bytes, {@code /} as {@code %2F}). With several instances
 * ({@code application.server} set to each one's HTTP address), a key query goes to the instance
 * that owns the key (Kafka Streams' key metadata), and {@code /api/keys} and {@code /api/alerts}
 * ask every instance and merge; a forwarded request carries {@code local=true} and the caller's
 * {@code Authorization} header. The history is the same on every instance (each reads all of the
 * output topics). Errors are JSON {@code {"error": "..."}} of one line: 400 for a bad parameter,
 * 404 for an unknown key, path or operator, 502 when another instance does not answer, 503 while
 * the stores are not queryable (rebalancing). Thread-safe.
 */
public final class StateApi {
    /** Largest page of keys. */
    public static final int MAX_LIMIT = 1_000;
    private static final int DEFAULT_LIMIT = 100;
    private static final ObjectMapper JSON = JsonSerde.MAPPER;
    private static final String KEYS = "/api/keys/";

    private final MonitorPlan plan;
    private final KafkaStreams streams;
    private final MonitorQueries queries;
    private final AggregateHistory history;
    private final HostInfo self;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** A JSON answer. */
    public record Reply(int status, byte[] json) {
        static Reply of(int status, Object body) {
            try {
                return new Reply(status, JSON.writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply error(int status, String message) {
            return of(status, Map.of("error", message));
        }
    }

    /**
     * @param self this instance's {@code application.server}, or null when not set (no forwarding)
     */
    public StateApi(MonitorPlan plan, KafkaStreams streams, AggregateHistory history, HostInfo self) {
        this.plan = plan;
        this.streams = streams;
        this.queries = new MonitorQueries(plan, streams);
        this.history = history;
        this.self = self;
    }

    /** The routes: {@code /api/keys}, {@code /api/keys/*}, {@code /api/alerts}. */
    public Map<String, HttpEndpoints.Route> routes() {
        Map<String, HttpEndpoints.Route> routes = new LinkedHashMap<>();
        routes.put("/api/keys", e -> send(e, keys(query(e), auth(e))));
        routes.put("/api/keys/*", e -> send(e, keyPath(e.getRequestURI().getRawPath(), query(e), auth(e))));
        routes.put("/api/alerts", e -> send(e, alerts(query(e), auth(e))));
        return routes;
    }

    private static void send(HttpExchange e, Reply r) throws IOException {
        HttpEndpoints.send(e, r.status(), "application/json", r.json());
    }

    private static String auth(HttpExchange e) {
        return e.getRequestHeaders().getFirst("Authorization");
    }

    /** {@code /api/keys}. */
    public Reply keys(Map<String, String> q, String authorization) {
        String prefix = q.getOrDefault("prefix", "");
        String after = q.get("after");
        int limit;
        try {
            limit = Integer.parseInt(q.getOrDefault("limit", Integer.toString(DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return Reply.error(400, "limit: must be an integer between 1 and " + MAX_LIMIT + ", got '" + q.get("limit") + "'");
        }
        int n = limit;
        return guarded(() -> {
            MonitorQueries.KeyPage local = idle() ? new MonitorQueries.KeyPage(List.of(), null)
                    : queries.keys(prefix, after, n);
            TreeSet<String> all = new TreeSet<>(local.keys());
            boolean more = local.next() != null;
            if (!isLocal(q)) {
                for (HostInfo peer : peers()) {
                    Map<String, String> pq = new LinkedHashMap<>(q);
                    pq.put("limit", Integer.toString(n));
                    JsonNode page = JSON.readTree(forward(peer, "/api/keys", pq, authorization).json());
                    page.path("keys").forEach(k -> all.add(k.asText()));
                    more |= !page.path("next").isNull() && !page.path("next").isMissingNode();
                }
            }
            List<String> keys = all.stream().limit(n).toList();
            boolean hasNext = more || all.size() > n;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("keys", keys);
            body.put("next", hasNext && !keys.isEmpty() ? keys.get(keys.size() - 1) : null);
            return Reply.of(200, body);
        });
    }

    /** {@code /api/keys/{key}} and {@code /api/keys/{key}/history}, from the raw (still encoded) path. */
    public Reply keyPath(String rawPath, Map<String, String> q, String authorization) {
        String rest = rawPath.substring(KEYS.length());
        String[] parts = rest.split("/", -1);
        if (parts[0].isEmpty() || parts.length > 2 || parts.length == 2 && !parts[1].equals("history")) {
            return Reply.error(404, "not found: " + rawPath + " (expected /api/keys/{key} or /api/keys/{key}/history)");
        }
        String key;
        try {
            key = URLDecoder.decode(parts[0].replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Reply.error(400, "key: bad percent-encoding in '" + parts[0] + "'");
        }
        return parts.length == 2 ? history(key, q) : key(key, q, authorization);
    }

    /** {@code /api/keys/{key}}: forwarded to the key's owner when that is another instance. */
    public Reply key(String key, Map<String, String> q, String authorization) {
        return guarded(() -> {
            HostInfo owner = isLocal(q) || self == null ? null : queries.owner(key);
            if (owner != null && !owner.equals(self)) {
                return forward(owner, KEYS + encode(key), Map.of("local", "true"), authorization);
            }
            Optional<MonitorQueries.KeyView> view = queries.key(key);
            return view.map(v -> Reply.of(200, keyJson(v)))
                    .orElseGet(() -> Reply.error(404, "key: no state for '" + key + "' in monitor '" + plan.monitor() + "'"));
        });
    }

    private ObjectNode keyJson(MonitorQueries.KeyView v) {
        ObjectNode root = JSON.createObjectNode();
        root.put("key", v.key());
        root.put("monitor", plan.monitor());
        root.set("operators", JSON.valueToTree(v.operators()));
        ArrayNode alerts = root.putArray("alerts");
        for (MonitorQueries.AlertView a : v.alerts()) {
            ObjectNode n = alerts.addObject();
            n.put("rule", a.rule());
            n.put("operator", a.operator());
            n.put("severity", a.severity());
            n.put("phase", a.phase());
            n.set("condition", condition(a.condition()));
            n.put("pendingSince", a.pendingSince());
            n.put("firingSince", a.firingSince());
            n.put("lastActive", a.lastActive());
        }
        return root;
    }

    /** A rule condition as JSON: {@code {"kind": "threshold", "below": ..., "enter": ..., "exit": ...}} and so on. */
    static ObjectNode condition(AlertRule.Condition c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", c.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
        JsonNode fields = JSON.valueToTree(c);
        if (fields.isObject()) {
            n.setAll((ObjectNode) fields);
        }
        return n;
    }

    /** {@code /api/keys/{key}/history}. */
    public Reply history(String key, Map<String, String> q) {
        String operator = q.get("operator");
        Set<String> operators = plan.operators().stream().map(PlannedOperator::name).collect(Collectors.toSet());
        if (operator != null && !operators.contains(operator)) {
            return Reply.error(404, "operator: no operator '" + operator + "' in monitor '" + plan.monitor()
                    + "' (operators: " + String.join(", ", new TreeSet<>(operators)) + ")");
        }
        var aggregates = history.aggregates(key, operator);
        var alerts = history.alerts(key);
        if (aggregates.isEmpty() && alerts.isEmpty()) {
            return Reply.error(404, "key: no recent aggregates for '" + key + "' in monitor '" + plan.monitor() + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("operator", operator);
        body.put("aggregates", aggregates);
        body.put("alerts", alerts);
        return Reply.of(200, body);
    }

    /** {@code /api/alerts}: firing now, every instance merged, by rule then key. */
    public Reply alerts(Map<String, String> q, String authorization) {
        return guarded(() -> {
            List<Object> firing = new ArrayList<>(idle() ? List.of() : queries.firing());
            if (!isLocal(q)) {
                for (HostInfo peer : peers()) {
                    JsonNode page = JSON.readTree(forward(peer, "/api/alerts", Map.of("local", "true"), authorization).json());
                    page.path("firing").forEach(firing::add);
                }
            }
            List<JsonNode> sorted = firing.stream().map(f -> (JsonNode) JSON.valueToTree(f))
                    .sorted(Comparator.comparing((JsonNode n) -> n.path("rule").asText()).thenComparing(n -> n.path("key").asText()))
                    .toList();
            return Reply.of(200, Map.of("firing", sorted));
        });
    }

    private interface Query {
        Reply run() throws IOException, InterruptedException, PeerException;
    }

    private static final class PeerException extends Exception {
        PeerException(String message) {
            super(message);
        }
    }

    private static Reply guarded(Query q) {
        try {
            return q.run();
        } catch (InvalidStateStoreException e) {
            return Reply.error(503, "state stores are not queryable now (the monitor is starting or rebalancing): "
                    + oneLine(e.getMessage()));
        } catch (PeerException e) {
            return Reply.error(502, e.getMessage());
        } catch (IOException e) {
            return Reply.error(502, "another instance answered unreadably: " + oneLine(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error(503, "interrupted");
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** This instance holds no active operator store (its stores would answer "not queryable" for good). */
    private boolean idle() {
        return self != null && queries.holdsNoActiveStore(self);
    }

    /** The other instances of the application (empty without {@code application.server}). */
    private List<HostInfo> peers() {
        if (self == null) {
            return List.of();
        }
        return streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo)
                .filter(h -> !h.equals(self) && h.port() > 0).distinct().toList();
    }

    /** GET {@code path?query} on another instance, with the caller's authorization; its answer as is (2xx and 404). */
    private Reply forward(HostInfo peer, String path, Map<String, String> q, String authorization)
            throws InterruptedException, PeerException {
        Map<String, String> query = new LinkedHashMap<>(q);
        query.put("local", "true");
        String qs = query.entrySet().stream().map(x -> x.getKey() + "=" + encode(x.getValue()))
                .collect(Collectors.joining("&"));
        String host = peer.host().contains(":") ? "[" + peer.host() + "]" : peer.host();
        URI uri = URI.create("http://" + host + ":" + peer.port() + path + "?" + qs);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() >= 500 || r.statusCode() == 401) {
                throw new PeerException("instance " + peer.host() + ":" + peer.port() + " answered " + r.statusCode()
                        + " to " + path + ": " + oneLine(new String(r.body(), StandardCharsets.UTF_8)));
            }
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new PeerException("instance " + peer.host() + ":" + peer.port() + " did not answer " + path + ": "
                    + oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static boolean isLocal(Map<String, String> q) {
        return "true".equals(q.get("local"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The query parameters of a request, decoded (the last value of a repeated name wins). */
    static Map<String, String> query(HttpExchange e) {
        return parseQuery(e.getRequestURI().getRawQuery());
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                q.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("query: bad percent-encoding in '" + pair + "'");
            }
        }
        return q;
    }
}
