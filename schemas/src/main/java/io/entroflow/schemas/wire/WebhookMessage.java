package io.entroflow.schemas.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook payload, field for field (Alertmanager's {@code notify/webhook.Message}:
 * {@code template.Data} plus {@code version}, {@code groupKey}, {@code truncatedAlerts}; documented in
 * its {@code docs/configuration.md}, {@code <webhook_config>}), so an existing Alertmanager webhook
 * receiver reads it unchanged. Schema: {@code /schemas/notification.schema.json#/$defs/payload}.
 *
 * @param version            always {@code "4"}
 * @param groupKey           identifies the group: {@code {}/<subscription match>:<group labels>}, e.g.
 *                           {@code {}/{rule=~"kind.*"}:{key="svc-a"}}
 * @param truncatedAlerts    alerts left out of {@link #alerts()}; always 0 (no {@code max_alerts})
 * @param status             {@code firing} when at least one alert fires, else {@code resolved}
 * @param receiver           the subscription id
 * @param groupLabels        the group-by labels and their values
 * @param commonLabels       labels equal in every alert of the notification
 * @param commonAnnotations  annotations equal in every alert of the notification
 * @param externalURL        back link (the routing spec's {@code external-url}; empty when unset)
 * @param notificationReason why it was sent, in Alertmanager's words: {@code first notification},
 *                           {@code new alerts added}, {@code some alerts resolved},
 *                           {@code all alerts resolved}, {@code repeat interval elapsed}
 * @param alerts             the group's alerts, firing and (with send_resolved) resolved, sorted by labels
 */
@JsonPropertyOrder({"version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels", "commonLabels",
        "commonAnnotations", "externalURL", "notification_reason", "alerts"})
public record WebhookMessage(String version, String groupKey, long truncatedAlerts, String status, String receiver,
                             Map<String, String> groupLabels, Map<String, String> commonLabels,
                             Map<String, String> commonAnnotations, String externalURL,
                             @JsonProperty("notification_reason") String notificationReason,
                             List<Alert> alerts) {
    /** The payload version Alertmanager sends. */
    public static final String VERSION = "4";
    public static final String REASON_FIRST = "first notification";
    public static final String REASON_NEW_ALERTS = "new alerts added";
    public static final String REASON_SOME_RESOLVED = "some alerts resolved";
    public static final String REASON_ALL_RESOLVED = "all alerts resolved";
    public static final String REASON_REPEAT = "repeat interval elapsed";

    public WebhookMessage {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /**
     * One alert of the payload (Alertmanager's {@code template.Alert}).
     *
     * @param status       {@code firing} or {@code resolved}
     * @param labels       the alert's labels
     * @param annotations  the alert's annotations
     * @param startsAt     RFC 3339 instant it started firing
     * @param endsAt       RFC 3339 instant it resolved; {@code 0001-01-01T00:00:00Z} while firing
     * @param generatorURL what caused it (empty: entroflow alerts carry their provenance on the alert-events topic)
     * @param fingerprint  16 hex digits, the hash of the labels (see {@code Fingerprints})
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"})
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
                        String endsAt, String generatorURL, String fingerprint) {
    }
}
