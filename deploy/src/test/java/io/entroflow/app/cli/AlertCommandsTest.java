package io.entroflow.app.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert-subscription commands refuse bad input with one line naming the option, exit status 2,
 * before any Kafka is contacted (the bootstrap server given here does not exist).
 */
class AlertCommandsTest {
    static final String SPEC = """
            monitor: cli-alerts
            input: {topics: [cli-events], key: {field: /k}, time: {field: /ts}}
            signals: [{name: v, kind: categorical, field: /v}]
            operators: [{name: ent, type: entropy, signal: v, window: {count: 10}}]
            rules: [{name: entropy-low, operator: ent, threshold: {below: 0.5}}]
            routing:
              inhibit:
                - {source_matchers: ['alertname="stream-silent"'], target_matchers: ['alertname="entropy-low"'], equal: [key]}
            """;
    @TempDir
    static Path dir;
    static String spec;
    static String plainSpec;

    @BeforeAll
    static void writeSpecs() throws IOException {
        spec = Files.writeString(dir.resolve("routing.yaml"), SPEC).toString();
        plainSpec = Files.writeString(dir.resolve("plain.yaml"), SPEC.substring(0, SPEC.indexOf("routing:"))).toString();
    }

    private static CliRunner.Result run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = "127.0.0.1:1";
        all[args.length + 2] = "--connect-timeout";
        all[args.length + 3] = "1s";
        return CliRunner.run("", all);
    }

    private static void assertUsage(CliRunner.Result r, String line) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(line);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldNameTheMatcherErrorAndItsPosition() {
        assertUsage(run("subscribe", "--config", spec, "--id", "ops", "--match", "{rule=~\"kind.*\",key!}", "--webhook", "http://h/"),
                "entroflow subscribe: --match: 19:21: !}: expected one of '=~' in '{rule=~\"kind.*\",key!}'");
        assertUsage(run("silence", "--config", spec, "--match", "{key=\"a\"", "--for", "2h", "--comment", "x"),
                "entroflow silence: --match: 8:8: unexpected end of input: expected close brace in '{key=\"a\"'");
    }

    @Test
    void shouldRefuseBadDurationsAndUrls() {
        assertUsage(run("subscribe", "--config", spec, "--id", "ops", "--match", "{}", "--webhook", "http://h/", "--group-wait", "soon"),
                "entroflow subscribe: --group-wait: " + durationError("soon"));
        assertUsage(run("subscribe", "--config", spec, "--id", "ops", "--match", "{}", "--webhook", "ftp://h/x"),
                "entroflow subscribe: --webhook: expected an absolute http(s) URL, got 'ftp://h/x'");
        assertUsage(run("subscribe", "--config", spec, "--id", "ops", "--match", "{}", "--webhook", "http://127.0.0.1:99999/x"),
                "entroflow subscribe: --webhook: port 99999 is outside 1..65535 in 'http://127.0.0.1:99999/x'");
        assertUsage(run("subscribe", "--config", spec, "--id", "ops", "--match", "{}", "--alertmanager", "am:9093"),
                "entroflow subscribe: --alertmanager: expected an absolute http(s) URL, got 'am:9093'");
        assertUsage(run("subscribe", "--config", spec, "--id", "ops", "--match", "{}", "--to-topic", "bad topic"),
                "entroflow subscribe: --to-topic: not a valid Kafka topic name: 'bad topic'");
        assertUsage(run("subscribe", "--config", spec, "--id", "ops", "--match", "{}", "--webhook", "http://h/", "--repeat-interval", "0s"),
                "entroflow subscribe: --repeat-interval: must be > 0, got '0s'");
        assertUsage(run("silence", "--config", spec, "--match", "{key=\"a\"}", "--for", "0s", "--comment", "x"),
                "entroflow silence: --for: expected a duration > 0, got '0s'");
        assertUsage(run("silence", "--config", spec, "--match", "{}", "--for", "1h", "--comment", "x"),
                "entroflow silence: --match: a silence needs at least one matcher, got '{}'");
        assertUsage(run("silence", "--config", spec, "--match", "{key=\"a\"}", "--for", "1h", "--comment", "x", "--starts-at", "today"),
                "entroflow silence: --starts-at: expected an ISO-8601 instant like 2026-12-03T22:00:00Z, got 'today'");
        assertUsage(run("silence", "--config", spec, "--match", "{key=\"a\"}", "--for", "1h", "--comment", "x", "--starts-at",
                "+1000000000-01-01T00:00:00Z"), "entroflow silence: --starts-at: +1000000000-01-01T00:00:00Z is outside the times"
                + " a silence can hold (-292275055-05-16T16:47:04.192Z .. +292278994-08-17T07:12:55.807Z)");
        assertUsage(run("silence", "--config", spec, "--match", "{key=\"a\"}", "--for", "1h", "--comment", "x", "--starts-at",
                "+292278994-08-17T07:00:00Z"), "entroflow silence: --for: '1h' ends at +292278994-08-17T08:00:00Z, after the last"
                + " time a silence can hold (+292278994-08-17T07:12:55.807Z)");
        assertUsage(run("silence", "--config", spec, "--match", "{key=\"a\"}", "--for", "1h", "--comment", "x", "--starts-at",
                        "2020-01-01T00:00:00Z"),
                "entroflow silence: --starts-at: the silence would end at 2020-01-01T01:00:00Z (2020-01-01T00:00:00Z + --for 1h),"
                        + " in the past, and mute nothing");
    }

    @Test
    void shouldRequireExactlyOneDestination() {
        CliRunner.Result none = run("subscribe", "--config", spec, "--id", "ops", "--match", "{}");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("entroflow subscribe: missing required argument (specify one of these):"
                + " (--to-topic=TOPIC | --webhook=URL | --alertmanager=URL) (see entroflow subscribe --help)");
        CliRunner.Result two = run("subscribe", "--config", spec, "--id", "ops", "--match", "{}", "--webhook", "http://h/",
                "--to-topic", "t");
        assertThat(two.status()).isEqualTo(2);
        assertThat(two.err()).contains("mutually exclusive");
    }

    @Test
    void shouldRefuseATopicOfTheMonitorItselfAsDestination() {
        assertUsage(run("subscribe", "--config", spec, "--id", "audit", "--match", "{}", "--to-topic", "cli-alerts-silences"),
                "entroflow subscribe: --to-topic: 'cli-alerts-silences' is the silences topic (routing.silences) of monitor"
                        + " 'cli-alerts'; notifications need a topic of their own, e.g. 'cli-alerts-alerts-out'");
        assertUsage(run("subscribe", "--config", spec, "--id", "audit", "--match", "{}", "--to-topic", "cli-events"),
                "entroflow subscribe: --to-topic: 'cli-events' is the input topic of monitor 'cli-alerts';"
                        + " notifications need a topic of their own, e.g. 'cli-alerts-alerts-out'");
        for (String own : new String[]{"cli-alerts-subscriptions", "cli-alerts-notifications", "cli-alerts-route-input",
                "cli-alerts-aggregates", "cli-alerts-alert-events", "cli-alerts-alert-state", "cli-alerts-dead-letter",
                "cli-alerts-aggregate-requests"}) {
            CliRunner.Result r = run("subscribe", "--config", spec, "--id", "audit", "--match", "{}", "--to-topic", own);
            assertThat(r.status()).as(own + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("entroflow subscribe: --to-topic: '" + own + "' is the ");
        }
    }

    @Test
    void shouldRefuseBadLabelsAndTimesInRoutesTest() {
        assertUsage(run("routes", "test", "--config", spec, "--labels", "key=~svc.*"),
                "entroflow routes test: --labels: expected name=value pairs, got 'key=~\"svc.*\"'");
        assertUsage(run("routes", "test", "--config", spec, "--labels", "key=a", "--at", "+1000000000-01-01T00:00:00Z"),
                "entroflow routes test: --at: +1000000000-01-01T00:00:00Z is outside the times an alert can have"
                        + " (-292275055-05-16T16:47:04.192Z .. +292278994-08-17T07:12:55.807Z)");
        assertUsage(run("routes", "test", "--config", spec, "--labels", "key=a", "--at", "noon"),
                "entroflow routes test: --at: expected an ISO-8601 instant like 2026-12-03T22:00:00Z, got 'noon'");
    }

    @Test
    void shouldAskForARoutingSection() {
        CliRunner.Result r = run("subscriptions", "--config", plainSpec);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("entroflow subscriptions: --config: the spec of monitor 'cli-alerts' has no routing section");
    }

    @Test
    void shouldRefuseBadDeliveryOptions() {
        assertUsage(run("deliver", "--config", spec, "--delivery-jitter", "2"),
                "entroflow deliver: --delivery-jitter: expected a fraction in [0, 1], got 2.0");
        assertUsage(run("deliver", "--config", spec, "--delivery-attempts", "0"),
                "entroflow deliver: --delivery-attempts: expected >= 1, got 0");
        assertUsage(run("deliver", "--config", spec, "--delivery-backoff", "10s", "--delivery-max-backoff", "1s"),
                "entroflow deliver: --delivery-max-backoff: expected >= --delivery-backoff (10s), got '1s'");
        assertUsage(run("alerts", "--config", spec, "--limit", "0"), "entroflow alerts: --limit: expected a count >= 1, got 0");
    }

    private static String durationError(String text) {
        try {
            io.entroflow.schemas.spec.Durations.parseMillis("group_wait", text);
            throw new AssertionError("expected a bad duration: " + text);
        } catch (IllegalArgumentException e) {
            return e.getMessage().substring("group_wait: ".length());
        }
    }
}
