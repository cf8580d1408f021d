package io.entroflow.app.deliver;

import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.schemas.wire.WebhookMessage;
import io.entroflow.topology.route.AlertLabels;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Notification records as the routing stage writes them, for delivery tests. */
public final class TestNotifications {
    /** The {@code externalURL} of every test notification. */
    public static final String EXTERNAL_URL = "http://entroflow.test/";

    private TestNotifications() {
    }

    /** A firing alert of rule {@code entropy-low} of monitor {@code payments} for stream key {@code key}. */
    public static WebhookMessage.Alert firing(String key, String startsAt) {
        return alert(AlertRecord.FIRING, key, startsAt, AlertRecord.ZERO_TIME);
    }

    /** The same alert, resolved at {@code endsAt}. */
    public static WebhookMessage.Alert resolved(String key, String startsAt, String endsAt) {
        return alert(AlertRecord.RESOLVED, key, startsAt, endsAt);
    }

    private static WebhookMessage.Alert alert(String status, String key, String startsAt, String endsAt) {
        Map<String, String> labels = new TreeMap<>(Map.of(AlertLabels.ALERTNAME, "entropy-low", AlertLabels.RULE, "entropy-low",
                AlertLabels.MONITOR, "payments", AlertLabels.KEY, key));
        return new WebhookMessage.Alert(status, labels, Map.of("summary", "entropy of " + key + " below 0.5"), startsAt, endsAt,
                "", AlertLabels.fingerprint(labels));
    }

    /**
     * Notification number {@code sequence} of subscription {@code subscription}'s group {@code group}, with
     * {@code alerts}; its id is {@code <subscription>/<group>/<sequence>} as the routing stage makes it.
     */
    public static Notification notification(String subscription, Subscription.Target to, String group, long sequence,
                                            WebhookMessage.Alert... alerts) {
        boolean firing = List.of(alerts).stream().anyMatch(a -> AlertRecord.FIRING.equals(a.status()));
        WebhookMessage payload = new WebhookMessage(WebhookMessage.VERSION, "{}/{}:{key=\"" + group + "\"}", 0,
                firing ? AlertRecord.FIRING : AlertRecord.RESOLVED, subscription, Map.of("key", group),
                Map.of(AlertLabels.ALERTNAME, "entropy-low"), Map.of(), EXTERNAL_URL,
                sequence == 1 ? WebhookMessage.REASON_FIRST : WebhookMessage.REASON_NEW_ALERTS, List.of(alerts));
        return new Notification(subscription + "/" + group + "/" + sequence, subscription, to, 1_000L * sequence, sequence,
                payload);
    }

    /** The record value of {@code n}. */
    public static String json(Object n) {
        try {
            return JsonSerde.MAPPER.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
