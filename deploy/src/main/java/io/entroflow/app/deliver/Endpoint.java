package io.entroflow.app.deliver;

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

    /** The endpoint of a destination that is delivered over HTTP; topics are not. */
    static Endpoint of(Destination d) {
        if (d instanceof Destination.Webhook w) {
            return new WebhookEndpoint(w.url());
        }
        if (d instanceof Destination.Alertmanager a) {
            return new AlertmanagerEndpoint(a.url());
        }
        throw new IllegalArgumentException(d + " is written by the monitor's routing stage, not over HTTP");
    }

    /** The request headers every endpoint sends. */
    static HttpRequest.Builder post(URI url, Notification n, Duration timeout, byte[] body) {
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "entroflow")
                .header(IdempotencyKey.HEADER, n.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
