package io.entroflow.app.deliver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.WebhookMessage;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus Alertmanager, through its v2 API: {@code POST <url>/api/v2/alerts} with the
 * notification's alerts as postable alerts ({@code labels}, {@code annotations}, {@code startsAt},
 * {@code endsAt}, {@code generatorURL}), which Alertmanager then groups, silences, inhibits and routes
 * with its own configuration. {@code url} is the Alertmanager's base URL (with its
 * {@code --web.route-prefix}, if any); a URL already ending in {@code /api/v2/alerts} is used as it is.
 *
 * <p>A firing alert is posted without {@code endsAt}: Alertmanager then resolves it after its
 * {@code resolve_timeout} (default 5m) unless it is posted again, so a subscription that delivers to an
 * Alertmanager should repeat more often than that ({@code repeat_interval}), or the Alertmanager's
 * {@code resolve_timeout} be longer. A resolved alert carries its {@code endsAt}. Posting the same alert
 * again is harmless: Alertmanager merges alerts with the same labels, so a redelivery changes nothing.
 */
public record AlertmanagerEndpoint(URI url) implements Endpoint {
    /** The path of the v2 alerts API under the base URL. */
    public static final String ALERTS_PATH = "api/v2/alerts";

    public AlertmanagerEndpoint {
        String path = url.getPath() == null ? "" : url.getPath();
        if (!path.endsWith("/" + ALERTS_PATH)) {
            url = URI.create(url.toString().replaceAll("/*$", "") + "/").resolve(ALERTS_PATH);
        }
    }

    /** One element of Alertmanager's {@code postableAlerts}; absent fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PostableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt, String endsAt,
                         String generatorURL) {
    }

    @Override
    public String kind() {
        return "alertmanager";
    }

    @Override
    public HttpRequest request(Notification n, Duration timeout) {
        try {
            return Endpoint.post(url, n, timeout, JsonSerde.MAPPER.writeValueAsBytes(postableAlerts(n.payload())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("postable alerts always serialise", e);
        }
    }

    /** The payload's alerts as postable alerts; an alert without a generator URL gets the payload's {@code externalURL}. */
    static List<PostableAlert> postableAlerts(WebhookMessage payload) {
        String external = empty(payload.externalURL()) ? null : payload.externalURL();
        return payload.alerts().stream().map(a -> new PostableAlert(a.labels() == null ? Map.of() : a.labels(),
                a.annotations() == null || a.annotations().isEmpty() ? null : a.annotations(), time(a.startsAt()),
                AlertRecord.RESOLVED.equals(a.status()) ? time(a.endsAt()) : null,
                empty(a.generatorURL()) ? external : a.generatorURL())).toList();
    }

    private static String time(String t) {
        return empty(t) || AlertRecord.ZERO_TIME.equals(t) ? null : t;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
