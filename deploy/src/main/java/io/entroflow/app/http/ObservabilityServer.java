package io.entroflow.app.http;

import com.sun.net.httpserver.HttpExchange;
import io.entroflow.app.metrics.LatencyRecorder;
import io.entroflow.app.metrics.MonitorMetrics;
import io.entroflow.app.metrics.OutputLatencyProbe;
import io.entroflow.app.metrics.StreamLatencies;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.stream.StreamTimings;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The HTTP face of a running monitor on {@link HttpEndpoints}: {@code /health} (= {@code /health/ready}),
 * {@code /health/live}, {@code /metrics} (Prometheus text format, see {@link MonitorMetrics}), the state
 * API ({@link StateApi}: {@code /api/keys}, {@code /api/keys/{key}}, {@code /api/keys/{key}/history},
 * {@code /api/alerts}), the live stream {@code /api/stream} ({@link LiveStream}) and the dashboard
 * page {@code /}; plus the {@link OutputLatencyProbe} when asked for and the {@link OutputFeed} that
 * fills the history and the live stream. The health paths and the dashboard's files are always
 * open; with a token file every other path needs the bearer token.
 *
 * <p>Two ways to start: {@link #bind} before the {@link MonitorRuntime} is built (its port then goes
 * into Kafka Streams' {@code application.server} via {@link Binding#streamsConfig}, so queries for keys
 * of other instances are forwarded, and the stream threads report their timings to
 * {@link Binding#timings}), then {@link Binding#serve}; or {@link #start} with a runtime built
 * without them (one instance; no operator timings). Close it before the runtime.
 */
public final class ObservabilityServer implements AutoCloseable {
    /** Paths served without the token. */
    public static final Set<String> OPEN = Set.of("/health", "/health/ready", "/health/live", "/", "/dashboard.js",
            "/dashboard.css");
    /** Keys whose recent outputs are kept for the history endpoint. */
    public static final int HISTORY_KEYS = 10_000;
    /** Aggregates kept per key and operator (and alert transitions per key). */
    public static final int HISTORY_PER_OPERATOR = 600;

    private final MonitorMetrics metrics;
    private final OutputLatencyProbe probe;
    private final OutputFeed feed;
    private final HttpEndpoints endpoints;
    private final boolean guarded;

    private ObservabilityServer(MonitorMetrics metrics, OutputLatencyProbe probe, OutputFeed feed, HttpEndpoints endpoints,
                                boolean guarded) {
        this.metrics = metrics;
        this.probe = probe;
        this.feed = feed;
        this.endpoints = endpoints;
        this.guarded = guarded;
    }

    /**
     * A bound, not yet serving, server: its address is known before the monitor's runtime is built.
     * Close it if {@link #serve} is never called.
     */
    public static final class Binding implements AutoCloseable {
        private final HttpOptions options;
        private final MonitorPlan plan;
        private final BearerToken token;
        private final HttpEndpoints bound;
        private final StreamLatencies timings;
        private boolean served;
        private String advertised;

        private Binding(HttpOptions options, MonitorPlan plan, BearerToken token, HttpEndpoints bound) {
            this.options = options;
            this.plan = plan;
            this.token = token;
            this.bound = bound;
            this.timings = new StreamLatencies(plan);
        }

        /**
         * This instance's address for other instances, {@code host:port}: the bind address, or for a
         * wildcard bind ({@code 0.0.0.0}, {@code ::}) this machine's host name.
         */
        public String applicationServer() {
            InetSocketAddress a = bound.address();
            String host = a.getAddress().isAnyLocalAddress() ? localHostName() : a.getHostString();
            return host + ":" + a.getPort();
        }

        private static String localHostName() {
            try {
                return java.net.InetAddress.getLocalHost().getCanonicalHostName();
            } catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        }

        /** {@code config} plus {@code application.server} = {@link #applicationServer} (unless the config sets it). */
        public Properties streamsConfig(Properties config) {
            Properties p = new Properties();
            p.putAll(config);
            p.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer());
            advertised = p.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
            return p;
        }

        /** Where the runtime's stream threads report operator update times and event-to-alert latencies. */
        public StreamTimings timings() {
            return timings;
        }

        /** Serves {@code runtime} (built with {@link #streamsConfig} and {@link #timings}). */
        public ObservabilityServer serve(MonitorRuntime runtime, Properties clientConfig) {
            served = true;
            HostInfo self = advertised == null ? null : HostInfo.buildFromEndpoint(advertised);
            return ObservabilityServer.serve(options, plan, token, bound, runtime, clientConfig, timings, self);
        }

        @Override
        public void close() {
            if (!served) {
                bound.close();
            }
        }
    }

    /**
     * Binds the server's address (see {@link Binding}).
     *
     * @param options     bind address, port, token file, output latency on/off
     * @param defaultPort the port when {@code options} names none
     * @param plan        the monitor
     * @throws IllegalArgumentException       for a bad port or token
     * @throws java.io.UncheckedIOException when the token file cannot be read or the port cannot be bound
     */
    public static Binding bind(HttpOptions options, int defaultPort, MonitorPlan plan) {
        int port = options.portOr(defaultPort);
        return new Binding(options, plan, options.token(), HttpEndpoints.bind(new InetSocketAddress(options.bind(), port)));
    }

    /**
     * Starts the server for a {@code runtime} built without {@link #bind}: no forwarding to other
     * instances, no operator timings.
     *
     * @param options      bind address, port, token file, output latency on/off
     * @param defaultPort  the port when {@code options} names none
     * @param plan         the monitor (name, output topics)
     * @param clientConfig Kafka client settings for the latency probe and the output feed
     * @throws IllegalArgumentException       for a bad port or token
     * @throws java.io.UncheckedIOException when the token file cannot be read or the port cannot be bound
     */
    public static ObservabilityServer start(HttpOptions options, int defaultPort, MonitorRuntime runtime, MonitorPlan plan,
                                            Properties clientConfig) {
        Binding b = bind(options, defaultPort, plan);
        return serve(options, plan, b.token, b.bound, runtime, clientConfig, null, null);
    }

    private static ObservabilityServer serve(HttpOptions options, MonitorPlan plan, BearerToken token, HttpEndpoints bound,
                                             MonitorRuntime runtime, Properties clientConfig, StreamLatencies timings,
                                             HostInfo self) {
        OutputLatencyProbe probe = null;
        OutputFeed feed = null;
        MonitorMetrics metrics = null;
        try {
            Map<String, LatencyRecorder> latencies = Map.of();
            if (options.outputLatency()) {
                probe = new OutputLatencyProbe(clientConfig, "entroflow-" + plan.monitor() + "-output-latency",
                        plan.spec().outputs().aggregates(), plan.spec().outputs().alertEvents(), recorder(), recorder());
                latencies = probe.recorders();
            }
            metrics = new MonitorMetrics(plan.monitor(), runtime, latencies, timings);
            AggregateHistory history = new AggregateHistory(HISTORY_KEYS, HISTORY_PER_OPERATOR);
            EventHub hub = new EventHub();
            feed = new OutputFeed(clientConfig, "entroflow-" + plan.monitor() + "-output-feed",
                    plan.spec().outputs().aggregates(), plan.spec().outputs().alertEvents(), HISTORY_PER_OPERATOR * 4,
                    history, hub);
            StateApi state = new StateApi(plan, runtime.streams(), history, self);
            MonitorMetrics m = metrics;
            Map<String, HttpEndpoints.Route> routes = new LinkedHashMap<>();
            routes.put("/health", e -> health(e, plan.monitor(), runtime, false));
            routes.put("/health/ready", e -> health(e, plan.monitor(), runtime, false));
            routes.put("/health/live", e -> health(e, plan.monitor(), runtime, true));
            routes.put("/metrics", e -> {
                ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
                m.scrape(body);
                HttpEndpoints.send(e, 200, MonitorMetrics.CONTENT_TYPE, body.toByteArray());
            });
            routes.putAll(state.routes());
            routes.put("/api/stream", new LiveStream(hub, state));
            routes.putAll(Dashboard.routes());
            return new ObservabilityServer(metrics, probe, feed, bound.start(token, routes, OPEN), token != null);
        } catch (RuntimeException e) {
            bound.close();
            if (metrics != null) {
                metrics.close();
            }
            if (probe != null) {
                probe.close();
            }
            if (feed != null) {
                feed.close();
            }
            throw e;
        }
    }

    /** One minute of latencies in 5 s intervals, up to 1 h each, within 1%. */
    private static LatencyRecorder recorder() {
        return new LatencyRecorder(Duration.ofHours(1), 2, Duration.ofSeconds(5), 12);
    }

    private static void health(HttpExchange e, String monitor, MonitorRuntime runtime, boolean liveness) throws IOException {
        Health h = Health.of(monitor, runtime.state());
        HttpEndpoints.sendJson(e, h.statusCode(liveness), h.body(liveness));
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return endpoints.address();
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        String host = address().getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address().getPort();
    }

    /** One line for the console: where the endpoints are and whether they need the token. */
    public String describe() {
        return "entroflow: HTTP on " + url() + " (dashboard /, /api/keys, /api/alerts, /api/stream, /health, /metrics"
                + (guarded ? "; bearer token required except on /health and the dashboard page)" : ")");
    }

    /** The metrics registry (tests). */
    public MonitorMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        endpoints.close();
        feed.close();
        if (probe != null) {
            probe.close();
        }
        metrics.close();
    }
}
