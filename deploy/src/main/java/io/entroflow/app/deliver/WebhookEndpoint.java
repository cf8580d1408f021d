package io.entroflow.app.deliver;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * An Alertmanager-compatible webhook receiver: {@code POST url} with the notification's payload, byte
 * for byte as it is on the notifications topic (the audit log holds exactly what was sent).
 */
public record WebhookEndpoint(URI url) implements Endpoint {
    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public HttpRequest request(Notification n, Duration timeout) {
        return Endpoint.post(url, n, timeout, n.payload()).build();
    }
}
