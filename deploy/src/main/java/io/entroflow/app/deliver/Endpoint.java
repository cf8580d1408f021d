package io.entroflow.app.deliver;

import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** A receiver reached over HTTP: builds the request that hands it one notification. */
public interface Endpoint {
    /** {@code webhook} or {@code alertmanager} (metrics tag, dead-letter field). */
    String kind();

    /** Where the request goes. */
    URI url();

    /**
     * The request for {@code n}, carrying {@link IdempotencyKey#HEADER}.
     *
     * @param timeout how long the whole answer may take
     */
    HttpRequest request(Notification n, Duration timeout);

    /**
     * The endpoint of a webhook or Alertmanager destination.
     *
     * @throws IllegalArgumentException a topic destination (the routing stage writes those), or a URL that is not one
     *                                  (a port outside 1..65535 included: the HTTP client would refuse it)
     */
    static Endpoint of(Subscription.Target to) {
        String kind = to.kind();
        if (Subscription.Target.TOPIC.equals(kind)) {
            throw new IllegalArgumentException("to.topic: " + to.topic() + " is written by the routing stage, not over HTTP");
        }
        URI url;
        try {
            url = URI.create(to.address());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("to." + kind + ": not a URL: '" + to.address() + "'", e);
        }
        if (url.getHost() == null || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("to." + kind + ": expected an absolute http(s) URL, got '" + to.address() + "'");
        }
        if (url.getPort() == 0 || url.getPort() > 65_535) {
            throw new IllegalArgumentException("to." + kind + ": port " + url.getPort() + " is outside 1..65535 in '"
                    + to.address() + "'");
        }
        return Subscription.Target.WEBHOOK.equals(kind) ? new WebhookEndpoint(url) : new AlertmanagerEndpoint(url);
    }

    /** A JSON POST to {@code url} with the headers every endpoint sends. */
    static HttpRequest post(URI url, Notification n, Duration timeout, byte[] body) {
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "entroflow")
                .header(IdempotencyKey.HEADER, IdempotencyKey.of(n))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
}
