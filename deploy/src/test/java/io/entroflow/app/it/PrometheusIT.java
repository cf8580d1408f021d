package io.entroflow.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, started here as a child process on
 * 127.0.0.1) scrapes a running monitor every second with the bearer token file, and its query API
 * returns {@code entroflow_events_in_total} with the count produced; a second job without the token
 * is refused (401). Skipped when the binary is missing, except in CI ({@code CI=true}), where that fails:
 * {@code .ci/run} installs it.
 */
@IntegrationTest
class PrometheusIT {
    private static final int EVENTS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldBeScrapedByARealPrometheusWithTheBearerToken() throws Exception {
        Path binary = prometheusBinary();
        try (ObservedMonitor m = new ObservedMonitor("prometheus-it")) {
            m.runtime.start();
            m.runtime.awaitRunning(Duration.ofSeconds(60));
            m.produce(EVENTS, Duration.ofSeconds(1));
            Path dir = Files.createTempDirectory("entroflow-prometheus-it");
            int port = freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global: {scrape_interval: 1s, scrape_timeout: 1s}
                    scrape_configs:
                      - job_name: entroflow
                        authorization: {type: Bearer, credentials_file: '%s'}
                        static_configs: [{targets: ['%s']}]
                      - job_name: entroflow-no-token
                        static_configs: [{targets: ['%s']}]
                    """.formatted(m.tokenFile, target(m), target(m)));
            Path log = dir.resolve("prometheus.log");
            Process prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                String api = "http://127.0.0.1:" + port + "/api/v1/";
                JsonNode series = awaitSeries(api + "query?query=" + URLEncoder.encode(
                        "entroflow_events_in_total{job=\"entroflow\"}", StandardCharsets.UTF_8),
                        r -> r.size() == 1 && r.get(0).path("value").path(1).asText().equals(String.valueOf(EVENTS)),
                        Duration.ofSeconds(60), prometheus, log);
                JsonNode labels = series.get(0).path("metric");
                assertThat(labels.path("monitor").asText()).isEqualTo("prometheus-it");
                assertThat(labels.path("instance").asText()).isEqualTo(target(m));

                JsonNode refused = awaitSeries(api + "query?query=" + URLEncoder.encode(
                        "up{job=\"entroflow-no-token\"}", StandardCharsets.UTF_8),
                        r -> r.size() == 1, Duration.ofSeconds(30), prometheus, log);
                assertThat(refused.get(0).path("value").path(1).asText()).as("scraped without the token").isEqualTo("0");
                JsonNode targets = JSON.readTree(get(api + "targets?state=active"));
                assertThat(targets.path("data").path("activeTargets").findValues("lastError").stream()
                        .map(JsonNode::asText)).anySatisfy(e -> assertThat(e).contains("401"));
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldAcceptTheShippedScrapeConfigAndAlertingRules() throws Exception {
        Path promtool = prometheusBinary().resolveSibling("promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool is missing next to prometheus");
        Path dir = Files.createTempDirectory("entroflow-promtool");
        Path shipped = Path.of("../deploy/prometheus");
        Files.copy(shipped.resolve("prometheus.yml"), dir.resolve("prometheus.yml"));
        Files.copy(shipped.resolve("entroflow-rules.yml"), dir.resolve("entroflow-rules.yml"));
        Files.writeString(dir.resolve("entroflow.token"), ObservedMonitor.TOKEN + "\n"); // the config names it
        Process check = new ProcessBuilder(promtool.toString(), "check", "config", dir.resolve("prometheus.yml").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 1 rule files found").containsPattern("SUCCESS: \\d+ rules found");
    }

    /** /usr/bin/prometheus or the first {@code prometheus} on the PATH; skips (fails in CI) when there is none. */
    private static Path prometheusBinary() {
        Optional<Path> found = Stream.concat(Stream.of(Path.of("/usr/bin/prometheus")),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "prometheus")))
                .filter(Files::isExecutable).findFirst();
        String message = "the prometheus binary is missing (Debian: apt-get install prometheus); .ci/run installs it";
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail("CI=true: " + message);
        }
        assumeTrue(found.isPresent(), "PrometheusIT skipped: " + message);
        return found.get();
    }

    private static String target(ObservedMonitor m) {
        return "127.0.0.1:" + m.server.address().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Polls an instant query until its result matches or {@code timeout}; fails with Prometheus' log otherwise. */
    private JsonNode awaitSeries(String url, java.util.function.Predicate<JsonNode> condition, Duration timeout,
                                 Process prometheus, Path log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                fail("prometheus exited with status " + prometheus.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                last = get(url);
                JsonNode result = JSON.readTree(last).path("data").path("result");
                if (condition.test(result)) {
                    return result;
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(500);
        }
        return fail("no matching answer from " + url + " within " + timeout + "; last: " + last
                + "\nprometheus log:\n" + String.join("\n", List.of(Files.readString(log))));
    }
}
