package io.entroflow.app.cli;

import io.entroflow.app.deliver.DeliverySettings;
import io.entroflow.app.deliver.RetryPolicy;
import io.entroflow.topology.plan.MonitorPlan;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Properties;

/**
 * How notifications are delivered to webhooks and Alertmanagers (a picocli mixin of {@code run} and
 * {@code deliver}): attempts, backoff, jitter and its seed, the time one request may take.
 */
final class DeliveryOptions {
    @Option(names = "--delivery-attempts", defaultValue = "6", paramLabel = "N",
            description = "Attempts per notification before it is dead-lettered. Default 6.")
    int attempts;

    @Option(names = "--delivery-backoff", defaultValue = "500ms", paramLabel = "DURATION",
            description = "Wait after the first failed attempt, doubled after each further one. Default 500ms.")
    String backoff;

    @Option(names = "--delivery-max-backoff", defaultValue = "30s", paramLabel = "DURATION",
            description = "The longest wait between attempts. Default 30s.")
    String maxBackoff;

    @Option(names = "--delivery-jitter", defaultValue = "0.5", paramLabel = "FRACTION",
            description = "Fraction of each wait drawn at random, 0..1. Default 0.5.")
    double jitter;

    @Option(names = "--delivery-seed", defaultValue = "0", paramLabel = "SEED", description = "Seed of the jitter. Default 0.")
    long seed;

    @Option(names = "--delivery-timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "How long one HTTP attempt may take, answer included. Default 10s.")
    String timeout;

    /** The retry policy; a bad value is a usage error naming its option. */
    RetryPolicy policy() {
        if (attempts < 1) {
            throw CommandFailure.usage("--delivery-attempts: expected >= 1, got " + attempts);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw CommandFailure.usage("--delivery-jitter: expected a fraction in [0, 1], got " + jitter);
        }
        long first = CliOptions.positiveMillis("--delivery-backoff", backoff);
        long max = CliOptions.positiveMillis("--delivery-max-backoff", maxBackoff);
        if (max < first) {
            throw CommandFailure.usage("--delivery-max-backoff: expected >= --delivery-backoff (" + backoff + "), got '"
                    + maxBackoff + "'");
        }
        return new RetryPolicy(attempts, Duration.ofMillis(first), Duration.ofMillis(max), jitter, seed);
    }

    /** The worker's settings for the routing monitor of {@code plan} on the cluster of {@code client}. */
    DeliverySettings settings(MonitorPlan plan, Properties client) {
        RoutingTopics topics = RoutingTopics.of("--config", plan);
        return new DeliverySettings(client, topics.notifications(), topics.deadLetter(), DeliverySettings.groupOf(plan.monitor()),
                policy(), Duration.ofMillis(CliOptions.positiveMillis("--delivery-timeout", timeout)));
    }
}
