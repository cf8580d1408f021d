package io.entroflow.app.deliver;

import java.time.Duration;
import java.util.Properties;

/**
 * What a {@link DeliveryWorker} reads, writes and how patient it is.
 *
 * @param client             Kafka client settings: {@code bootstrap.servers} and any security settings
 * @param notifications      the notifications topic (read, committed records only)
 * @param deadLetter         the monitor's dead-letter topic (written: notifications that could not be delivered)
 * @param groupId            the worker's consumer group; its committed offsets say what is delivered
 * @param retry              attempts and waits per notification
 * @param requestTimeout     how long one HTTP attempt may take, answer included, &gt; 0
 */
public record DeliverySettings(Properties client, String notifications, String deadLetter,
                               String groupId, RetryPolicy retry, Duration requestTimeout) {
    public DeliverySettings {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout: expected > 0, got " + requestTimeout);
        }
        Properties copy = new Properties();
        copy.putAll(client);
        client = copy;
    }

    /** The consumer group of the delivery worker of monitor {@code monitor}: {@code <monitor>-delivery}. */
    public static String groupOf(String monitor) {
        return monitor + "-delivery";
    }

    /** The longest one notification may hold the worker: every attempt timing out and every wait at its longest. */
    public Duration longestDelivery() {
        return retry.longestTotalWait().plus(requestTimeout.multipliedBy(retry.maxAttempts()));
    }
}
