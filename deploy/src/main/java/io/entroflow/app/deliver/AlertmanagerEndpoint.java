package io.entroflow.app.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * A Prometheus Alertmanager, through its v2 API: {@code POST <url>/api/v2/alerts} with the
 * notification's alerts as postable alerts ({@code labels}, {@code annotations}, {@code startsAt},
 * {@code endsAt}, {@code generatorURL}), which Alertmanager then groups, silences and routes with its own
 * configuration. {@code url} is the Alertmanager's base URL (with its {@code --web.route-prefix}, if
 * any); a URL already ending in {@code /api/v2/alerts} is used as it is.
 *
 * <p>A firing alert is posted without {@code endsAt}: Alertmanager then considers it resolved after
 * its {@code resolve_timeout} (default 5m) unless it is posted again, so a subscription that delivers
 * to an Alertmanager should repeat more often than that ({@code repeat_interval}), or the
 * Alertmanager's {@code resolve_timeout} be longer. A resolved alert carries its {@code endsAt}.
 * Posting the same alert again is harmless: Alertmanager merges alerts by their labels.
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

    @Override
    public String kind() {
        return "alertmanager";
    }

    @Override
    public HttpRequest request(Notification n, Duration timeout) {
        try {
            return Endpoint.post(url, n, timeout, JsonSerde.MAPPER.writeValueAsBytes(postableAlerts(n.body()))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The payload's alerts in the shape of Alertmanager's {@code postableAlerts}. */
    static ArrayNode postableAlerts(JsonNode payload) {
        ArrayNode out = JsonSerde.MAPPER.createArrayNode();
        String externalUrl = payload.path("externalURL").asText("");
        for (JsonNode a : payload.path("alerts")) {
            ObjectNode p = out.addObject();
            p.set("labels", a.path("labels").isObject() ? a.get("labels") : JsonSerde.MAPPER.createObjectNode());
            if (a.path("annotations").isObject()) {
                p.set("annotations", a.get("annotations"));
            }
            copyTime(a, p, "startsAt");
            if (AlertRecord.RESOLVED.equals(a.path("status").asText())) {
                copyTime(a, p, "endsAt");
            }
            String generator = a.path("generatorURL").asText("");
            if (generator.isEmpty()) {
                generator = externalUrl;
            }
            if (!generator.isEmpty()) {
                p.put("generatorURL", generator);
            }
        }
        return out;
    }

    private static void copyTime(JsonNode from, ObjectNode to, String field) {
        String t = from.path(field).asText("");
        if (!t.isEmpty() && !t.equals(AlertRecord.ZERO_TIME)) {
            to.put(field, t);
        }
    }
}
