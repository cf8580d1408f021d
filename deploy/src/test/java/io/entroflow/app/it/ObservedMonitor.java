package io.entroflow.app.it;

import io.entroflow.app.http.HttpOptions;
import io.entroflow.app.http.ObservabilityServer;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A monitor on the shared broker with its HTTP server (ephemeral port on 127.0.0.1, bearer token),
 * for the observability tests: one entropy operator over a categorical field, aggregates every second.
 */
final class ObservedMonitor implements AutoCloseable {
    static final String TOKEN = "it-token-0123456789abcdef";

    final String name;
    final MonitorPlan plan;
    final MonitorRuntime runtime;
    final ObservabilityServer server;
    final Path tokenFile;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ObservedMonitor(String name) throws Exception {
        this(name, "it", 1);
    }

    /**
     * Instance {@code instance} of monitor {@code name} (instances of one name form one Kafka Streams
     * application; each has its own state directory and HTTP server, advertised as its
     * {@code application.server}); the input topic gets {@code partitions} partitions if it is new.
     */
    ObservedMonitor(String name, String instance, int partitions) throws Exception {
        this.name = name;
        String bootstrap = SharedBroker.get().bootstrapServers();
        String spec = """
                monitor: %s
                input: {topics: [%s-events], time: {field: /ts}, lateness: 5s}
                signals:
                  - {name: kind, kind: categorical, field: /kind}
                operators:
                  - {name: h, type: entropy, signal: kind, window: {count: 100}}
                aggregates: {interval: 1s}
                """.formatted(name, name);
        plan = new MonitorPlanner(OperatorRegistry.standard()).plan(name, MonitorSpecLoader.parse(name, spec));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Topics.create(admin, plan, true, partitions);
        }
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        tokenFile = Files.createTempFile(name + "-token", ".txt");
        Files.writeString(tokenFile, TOKEN + "\n");
        ObservabilityServer.Binding binding = ObservabilityServer.bind(new HttpOptions("127.0.0.1", 0, tokenFile, true), 0, plan);
        runtime = new MonitorRuntime(plan, binding.streamsConfig(MonitorRuntime.config(plan, bootstrap,
                Files.createTempDirectory(name + "-state"), true, name + "-" + instance, null)), binding.timings());
        server = binding.serve(runtime, client);
    }

    /** Sends {@code n} events over the keys a..d with event time = now, spread over about {@code spread}. */
    void produce(int n, Duration spread) throws InterruptedException {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                SharedBroker.get().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            long pause = spread.toMillis() / Math.max(1, n / 50);
            for (int i = 0; i < n; i++) {
                String key = String.valueOf((char) ('a' + i % 4));
                long now = System.currentTimeMillis();
                p.send(new ProducerRecord<>(plan.spec().input().topics().get(0), null, now, key,
                        "{\"ts\": " + now + ", \"kind\": \"k" + (i % 7) + "\"}"));
                if (i % 50 == 49) {
                    Thread.sleep(pause);
                }
            }
        }
    }

    HttpResponse<String> get(String path, boolean withToken) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10));
        if (withToken) {
            b.header("Authorization", "Bearer " + TOKEN);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code path} (with the token) until the response matches or {@code timeout}; returns the last one. */
    HttpResponse<String> await(String path, Predicate<HttpResponse<String>> condition, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> r = get(path, true);
        while (!condition.test(r) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = get(path, true);
        }
        return r;
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
    }
}
