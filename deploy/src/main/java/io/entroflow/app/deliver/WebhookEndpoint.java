package io.entroflow.app.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * An Alertmanager-compatible webhook receiver: {@code POST url} with the notification's
 * {@link Notification#payload() payload}, Alertmanager's webhook message (version 4), as it is in the
 * notifications topic (the audit log).
 */
public record WebhookEndpoint(URI url) implements Endpoint {
    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public HttpRequest request(Notification n, Duration timeout) {
        try {
            return Endpoint.post(url, n, timeout, JsonSerde.MAPPER.writeValueAsBytes(n.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook message always serialises", e);
        }
    }
}
