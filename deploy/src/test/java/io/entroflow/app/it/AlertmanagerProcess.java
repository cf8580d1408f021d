package io.entroflow.app.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) as a child process on
 * 127.0.0.1: an ephemeral web port (read back from its log), clustering off, storage and config in a
 * temporary directory; one receiver that sends nowhere. Skipped when the binary is missing, except in
 * CI ({@code CI=true}), where that fails: {@code .ci/run} installs it.
 */
final class AlertmanagerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("msg=\"Listening on\" address=(127\\.0\\.0\\.1:\\d+)");
    private final Process process;
    private final Path log;
    private final URI url;

    private AlertmanagerProcess(Process process, Path log, URI url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    static AlertmanagerProcess start() throws IOException, InterruptedException {
        Path binary = binary();
        Path dir = Files.createTempDirectory("entroflow-alertmanager-it");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route: {receiver: nowhere, group_wait: 1h}
                receivers: [{name: nowhere}]
                """);
        Path log = dir.resolve("alertmanager.log");
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:0", "--cluster.listen-address=", "--log.level=info")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("alertmanager exited with status " + p.exitValue() + ":\n" + Files.readString(log));
            }
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                AlertmanagerProcess am = new AlertmanagerProcess(p, log, URI.create("http://" + m.group(1) + "/"));
                am.awaitReady(deadline);
                return am;
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        return fail("alertmanager did not say where it listens within 30s:\n" + Files.readString(log));
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234/}. */
    URI url() {
        return url;
    }

    /** {@code GET /api/v2/alerts} (active, unsilenced, uninhibited and unprocessed alerts, Alertmanager's defaults). */
    String alerts() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(url.resolve("api/v2/alerts")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady(long deadline) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            try {
                int status = client.send(HttpRequest.newBuilder(url.resolve("-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("alertmanager not ready within 30s:\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path binary() {
        Optional<Path> found = Stream.concat(Stream.of(Path.of("/usr/bin/prometheus-alertmanager")),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                                .filter(d -> !d.isEmpty()).flatMap(d -> Stream.of(Path.of(d, "prometheus-alertmanager"),
                                        Path.of(d, "alertmanager"))))
                .filter(Files::isExecutable).findFirst();
        String message = "the alertmanager binary is missing (Debian: apt-get install prometheus-alertmanager); .ci/run installs it";
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail("CI=true: " + message);
        }
        assumeTrue(found.isPresent(), "skipped: " + message);
        return found.get();
    }
}
