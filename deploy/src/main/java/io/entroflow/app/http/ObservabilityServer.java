package io.entroflow.app.http;

import com.sun.net.httpserver.HttpExchange;
import io.entroflow.app.metrics.LatencyRecorder;
import io.entroflow.app.metrics.MonitorMetrics;
import io.entroflow.app.metrics.OutputLatencyProbe;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.runtime.MonitorRuntime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The HTTP face of a running monitor: {@code /health} (= {@code /health/ready}), {@code /health/live}
 * and {@code /metrics} (Prometheus text format, see {@link MonitorMetrics}) on {@link HttpEndpoints},
 * plus the {@link OutputLatencyProbe} when asked for. The health paths are always open; with a token
 * file every other path needs the bearer token. Start it after the {@link MonitorRuntime} is built
 * (before or after {@code start()}); close it before the runtime.
 */
public final class ObservabilityServer implements AutoCloseable {
    /** Paths served without the token. */
    public static final Set<String> OPEN = Set.of("/health", "/health/ready", "/health/live");

    private final MonitorMetrics metrics;
    private final OutputLatencyProbe probe;
    private final HttpEndpoints endpoints;
    private final boolean guarded;

    private ObservabilityServer(MonitorMetrics metrics, OutputLatencyProbe probe, HttpEndpoints endpoints, boolean guarded) {
        this.metrics = metrics;
        this.probe = probe;
        this.endpoints = endpoints;
        this.guarded = guarded;
    }

    /**
     * Starts the server for {@code runtime}.
     *
     * @param options      bind address, port, token file, output latency on/off
     * @param defaultPort  the port when {@code options} names none
     * @param plan         the monitor (name, output topics)
     * @param clientConfig Kafka client settings for the latency probe
     * @throws IllegalArgumentException       for a bad port or token
     * @throws java.io.UncheckedIOException when the token file cannot be read or the port cannot be bound
     */
    public static ObservabilityServer start(HttpOptions options, int defaultPort, MonitorRuntime runtime, MonitorPlan plan,
                                            Properties clientConfig) {
        int port = options.portOr(defaultPort);
        BearerToken token = options.tokenFile() == null ? null : BearerToken.fromFile(options.tokenFile());
        InetSocketAddress address = new InetSocketAddress(options.bind(), port);
        OutputLatencyProbe probe = null;
        Map<String, LatencyRecorder> latencies = Map.of();
        if (options.outputLatency()) {
            probe = new OutputLatencyProbe(clientConfig, "entroflow-" + plan.monitor() + "-output-latency",
                    plan.spec().outputs().aggregates(), plan.spec().outputs().alertEvents(), recorder(), recorder());
            latencies = probe.recorders();
        }
        MonitorMetrics metrics = new MonitorMetrics(plan.monitor(), runtime, latencies);
        Map<String, HttpEndpoints.Route> routes = new LinkedHashMap<>();
        routes.put("/health", e -> health(e, plan.monitor(), runtime, false));
        routes.put("/health/ready", e -> health(e, plan.monitor(), runtime, false));
        routes.put("/health/live", e -> health(e, plan.monitor(), runtime, true));
        routes.put("/metrics", e -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
            metrics.scrape(body);
            HttpEndpoints.send(e, 200, MonitorMetrics.CONTENT_TYPE, body.toByteArray());
        });
        try {
            return new ObservabilityServer(metrics, probe, HttpEndpoints.start(address, token, routes, OPEN), token != null);
        } catch (RuntimeException e) {
            metrics.close();
            if (probe != null) {
                probe.close();
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
        return "entroflow: HTTP on " + url() + " (/health, /health/live, /metrics"
                + (guarded ? "; bearer token required except on /health)" : ")");
    }

    /** The metrics registry (tests). */
    public MonitorMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        endpoints.close();
        if (probe != null) {
            probe.close();
        }
        metrics.close();
    }
}
