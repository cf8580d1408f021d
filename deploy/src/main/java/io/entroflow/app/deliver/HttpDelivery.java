package io.entroflow.app.deliver;

import io.entroflow.schemas.wire.Notification;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Offers one notification to an {@link Endpoint} until it is taken or the {@link RetryPolicy} gives
 * up: every attempt carries the same {@link IdempotencyKey}; a failure worth retrying
 * ({@link Attempt#retryable()}) is followed by the policy's wait (longer if the answer's
 * {@code Retry-After} asks for it, within the policy's longest wait); any other failure ends at once.
 * A stop request interrupts a wait and ends with {@link Outcome#stopped()}.
 */
public final class HttpDelivery {
    /** The most of an answer's body quoted in an error. */
    static final int QUOTED_BODY_CHARS = 200;

    private final HttpClient client;
    private final RetryPolicy policy;
    private final Duration requestTimeout;
    private final DeliveryMetrics metrics;
    private final CountDownLatch stop;

    /**
     * @param requestTimeout how long one attempt may take, answer included
     * @param stop           counted down to stop waiting
     */
    public HttpDelivery(HttpClient client, RetryPolicy policy, Duration requestTimeout, DeliveryMetrics metrics,
                        CountDownLatch stop) {
        this.client = client;
        this.policy = policy;
        this.requestTimeout = requestTimeout;
        this.metrics = metrics;
        this.stop = stop;
    }

    /**
     * What became of one notification.
     *
     * @param attempts attempts made
     * @param last     the last attempt (null when stopped before the first)
     * @param stopped  a stop request ended the delivery before it succeeded or failed for good
     */
    public record Outcome(int attempts, Attempt last, boolean stopped) {
        public boolean delivered() {
            return last != null && last.delivered();
        }
    }

    /** Delivers {@code n} to {@code endpoint}; returns when it is delivered, failed for good, or stopped. */
    public Outcome deliver(Endpoint endpoint, Notification n) throws InterruptedException {
        long seed = n.id().hashCode();
        Attempt last = null;
        int made = 0;
        while (made < policy.maxAttempts()) {
            if (stop.getCount() == 0) {
                return new Outcome(made, last, true);
            }
            if (made > 0) {
                metrics.retried(n.subscription(), endpoint.kind());
            }
            Timed answer = send(endpoint, n);
            made++;
            last = answer.attempt();
            if (last.delivered()) {
                metrics.sent(n.subscription(), endpoint.kind());
                return new Outcome(made, last, false);
            }
            if (!last.retryable() || made == policy.maxAttempts()) {
                break;
            }
            Duration wait = policy.delay(made, seed);
            if (answer.retryAfter().compareTo(wait) > 0) {
                wait = answer.retryAfter().compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : answer.retryAfter();
            }
            if (stop.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Outcome(made, last, true);
            }
        }
        metrics.failed(n.subscription(), endpoint.kind());
        return new Outcome(made, last, false);
    }

    private record Timed(Attempt attempt, Duration retryAfter) {
    }

    private Timed send(Endpoint endpoint, Notification n) throws InterruptedException {
        try {
            HttpResponse<byte[]> r = client.send(endpoint.request(n, requestTimeout), HttpResponse.BodyHandlers.ofByteArray());
            int status = r.statusCode();
            if (status >= 200 && status < 300) {
                return new Timed(new Attempt(status, null), Duration.ZERO);
            }
            String body = new String(r.body(), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            if (body.length() > QUOTED_BODY_CHARS) {
                body = body.substring(0, QUOTED_BODY_CHARS) + "...";
            }
            Duration retryAfter = r.headers().firstValue("Retry-After").map(HttpDelivery::seconds).orElse(Duration.ZERO);
            return new Timed(new Attempt(status, "HTTP " + status + (body.isEmpty() ? "" : ": " + body)), retryAfter);
        } catch (HttpTimeoutException e) {
            return new Timed(new Attempt(0, "no answer within " + requestTimeout.toMillis() + " ms"), Duration.ZERO);
        } catch (IOException e) {
            return new Timed(new Attempt(0, describe(e)), Duration.ZERO);
        } catch (IllegalArgumentException e) {
            // the JDK's client refusing the request itself (e.g. a port out of range): a failed attempt (no
            // answer), never an exception that would end the delivery thread and with it every later delivery
            return new Timed(new Attempt(0, "request refused by the HTTP client: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ")), Duration.ZERO);
        }
    }

    /**
     * A transport failure as one line: its class and what went wrong. The JDK's HTTP client throws a
     * {@link ConnectException} without a message both for a refused connection and for a host name
     * that does not resolve (the cause says which), so those get their reason spelt out.
     */
    static String describe(IOException e) {
        String what = e.getMessage();
        if (what == null && e instanceof ConnectException) {
            what = causedBy(e, UnresolvedAddressException.class) ? "host not found" : "connection refused";
        }
        String line = what == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + what;
        return line.replaceAll("\\s+", " ");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** {@code Retry-After} in seconds (its HTTP-date form is ignored: the policy's wait applies). */
    private static Duration seconds(String retryAfter) {
        try {
            long s = Long.parseLong(retryAfter.strip());
            return s > 0 ? Duration.ofSeconds(Math.min(s, 86_400)) : Duration.ZERO;
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
