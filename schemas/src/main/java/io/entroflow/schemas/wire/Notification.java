package io.entroflow.schemas.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One notification as the router sent it (schema {@code /schemas/notification.schema.json}): the
 * value of the notifications topic (the audit log of every notification, keyed by {@link #id()}).
 * The {@link #payload()} is what a receiver gets: the record on a {@code {topic: T}}
 * subscription's topic, the HTTP body of a webhook.
 *
 * @param id           stable idempotency key: {@code <subscription>/<group fingerprint>/<sequence>};
 *                     the same notification always has the same id (replays, retries)
 * @param subscription the subscription id (= {@code payload.receiver})
 * @param to           the subscription's destination when the notification was made
 * @param time         event time of the notification, epoch millis (the group's flush time)
 * @param sequence     1 for a group's first notification, then +1 per notification of that group
 * @param payload      the Alertmanager webhook payload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(String id, String subscription, Subscription.Target to, long time, long sequence,
                           WebhookMessage payload) {
}
