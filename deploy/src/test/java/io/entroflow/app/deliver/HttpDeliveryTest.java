package io.entroflow.app.deliver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class HttpDeliveryTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), 0.5, 1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final HttpDelivery delivery = new HttpDelivery(HttpClient.newHttpClient(), FAST, Duration.ofSeconds(5),
            new DeliveryMetrics(registry), stop);
    private final Notification n = TestNotifications.notification("ops", Subscription.Target.webhook("http://unused/"), "g", 3,
            TestNotifications.firing("a", "2026-01-01T00:00:00Z"));

    @Test
    void shouldRetryOn500WithTheSameKeyAndBodyUntilTaken() throws Exception {
        try (ScriptedReceiver r = ScriptedReceiver.failingFirst(3)) {
            HttpDelivery.Outcome o = delivery.deliver(new WebhookEndpoint(r.url("/hook")), n);
            assertThat(o.delivered()).isTrue();
            assertThat(o.attempts()).isEqualTo(4);
            assertThat(r.received()).hasSize(4).allSatisfy(x -> {
                assertThat(x.idempotencyKey()).isEqualTo("ops/g/3");
                assertThat(x.body()).isEqualTo(TestNotifications.json(n.payload()));
                assertThat(x.contentType()).isEqualTo("application/json");
                assertThat(x.path()).isEqualTo("/hook");
            });
            assertThat(count("entroflow.delivery.sent")).isEqualTo(1);
            assertThat(count("entroflow.delivery.retried")).isEqualTo(3);
            assertThat(count("entroflow.delivery.failed")).isZero();
        }
    }

    @Test
    void shouldGiveUpAfterTheLastAttempt() throws Exception {
        try (ScriptedReceiver r = ScriptedReceiver.failingFirst(10)) {
            HttpDelivery.Outcome o = delivery.deliver(new WebhookEndpoint(r.url("/hook")), n);
            assertThat(o.delivered()).isFalse();
            assertThat(o.stopped()).isFalse();
            assertThat(o.attempts()).isEqualTo(4);
            assertThat(o.last().status()).isEqualTo(500);
            assertThat(o.last().error()).isEqualTo("HTTP 500: scripted failure 4");
            assertThat(r.received()).hasSize(4);
            assertThat(count("entroflow.delivery.failed")).isEqualTo(1);
        }
    }

    @Test
    void shouldNotRepeatARequestTheReceiverCalledWrong() throws Exception {
        try (ScriptedReceiver r = ScriptedReceiver.start(a -> 400)) {
            HttpDelivery.Outcome o = delivery.deliver(new WebhookEndpoint(r.url("/hook")), n);
            assertThat(o.delivered()).isFalse();
            assertThat(o.attempts()).isEqualTo(1);
            assertThat(o.last().retryable()).isFalse();
        }
    }

    @Test
    void shouldRetryTooManyRequestsAndNoAnswer() throws Exception {
        try (ScriptedReceiver r = ScriptedReceiver.start(a -> a == 1 ? 429 : 204)) {
            assertThat(delivery.deliver(new WebhookEndpoint(r.url("/")), n).attempts()).isEqualTo(2);
        }
        ScriptedReceiver gone = ScriptedReceiver.failingFirst(0);
        gone.close();
        HttpDelivery.Outcome o = delivery.deliver(new WebhookEndpoint(gone.url("/")), n);
        assertThat(o.attempts()).isEqualTo(4);
        assertThat(o.last().status()).isZero();
        assertThat(o.last().error()).contains("ConnectException");
    }

    @Test
    void shouldSayWhyNoConnectionWasMade() throws Exception {
        ScriptedReceiver gone = ScriptedReceiver.failingFirst(0);
        gone.close();
        assertThat(delivery.deliver(new WebhookEndpoint(gone.url("/")), n).last().error())
                .isEqualTo("ConnectException: connection refused");
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new ConnectException().initCause(new UnresolvedAddressException()));
        assertThat(HttpDelivery.describe(unresolved)).isEqualTo("ConnectException: host not found");
        assertThat(HttpDelivery.describe(new IOException("HTTP/1.1 header parser received no bytes")))
                .isEqualTo("IOException: HTTP/1.1 header parser received no bytes");
    }

    @Test
    void shouldFailARequestTheHttpClientRefusesInsteadOfThrowing() throws Exception {
        // the JDK's client throws IllegalArgumentException for a port out of range; uncaught, it ended the
        // delivery thread, and every later notification stayed undelivered while the monitor ran on
        HttpDelivery.Outcome o = delivery.deliver(new WebhookEndpoint(java.net.URI.create("http://127.0.0.1:99999/x")), n);
        assertThat(o.delivered()).isFalse();
        assertThat(o.last().error()).isEqualTo("request refused by the HTTP client: port out of range:99999");
        assertThatThrownBy(() -> Endpoint.of(Subscription.Target.webhook("http://127.0.0.1:99999/x")))
                .as("the worker dead-letters such a notification at once").isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to.webhook: port 99999 is outside 1..65535 in 'http://127.0.0.1:99999/x'");
    }

    @Test
    void shouldStopWaitingWhenAskedToStop() throws Exception {
        HttpDelivery patient = new HttpDelivery(HttpClient.newHttpClient(),
                new RetryPolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(10), 0, 0), Duration.ofSeconds(5),
                new DeliveryMetrics(registry), stop);
        try (ScriptedReceiver r = ScriptedReceiver.failingFirst(10)) {
            new Thread(() -> {
                while (r.received().isEmpty()) {
                    Thread.onSpinWait();
                }
                stop.countDown();
            }).start();
            HttpDelivery.Outcome o = patient.deliver(new WebhookEndpoint(r.url("/")), n);
            assertThat(o.stopped()).isTrue();
            assertThat(o.attempts()).isEqualTo(1);
            assertThat(count("entroflow.delivery.failed")).as("stopped is not failed").isZero();
        }
    }

    private double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
