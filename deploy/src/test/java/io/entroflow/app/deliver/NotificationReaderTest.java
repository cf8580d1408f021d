package io.entroflow.app.deliver;

import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationReaderTest {
    @Test
    void shouldReadWhatTheRoutingStageWrites() {
        Notification n = TestNotifications.notification("ops", Subscription.Target.webhook("http://h/x"), "svc-a", 3,
                TestNotifications.firing("svc-a", "2026-01-01T00:00:00Z"));
        assertThat(NotificationReader.read(bytes(TestNotifications.json(n)))).isEqualTo(n);
    }

    @Test
    void shouldUseTheNotificationIdAsTheIdempotencyKey() {
        Notification n = TestNotifications.notification("ops", Subscription.Target.webhook("http://h/x"), "svc-a", 3);
        assertThat(IdempotencyKey.of(n)).isEqualTo("ops/svc-a/3");
        assertThat(IdempotencyKey.headerValue("équipe 50%/0123/1")).isEqualTo("%C3%A9quipe%2050%25/0123/1");
    }

    @Test
    void shouldSayInOneLineWhatIsWrong() {
        assertThatThrownBy(() -> NotificationReader.read(null)).hasMessageContaining("tombstone");
        assertThatThrownBy(() -> NotificationReader.read(bytes("not json")))
                .hasMessageStartingWith("notification: not a notification record: ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> NotificationReader.read(bytes("{\"to\":{\"webhook\":\"http://h\"},\"payload\":{}}")))
                .hasMessage("notification: /id: missing");
        assertThatThrownBy(() -> NotificationReader.read(bytes("{\"id\":\"a/b/1\",\"payload\":{}}")))
                .hasMessage("notification a/b/1: /to: missing");
        assertThatThrownBy(() -> NotificationReader.read(bytes("{\"id\":\"a/b/1\",\"to\":{\"topic\":\"t\",\"webhook\":\"http://h\"},"
                + "\"payload\":{}}"))).hasMessageStartingWith("to: expected exactly one of topic, webhook, alertmanager");
        assertThatThrownBy(() -> NotificationReader.read(bytes("{\"id\":\"a/b/1\",\"to\":{\"topic\":\"t\"}}")))
                .hasMessage("notification a/b/1: /payload: missing");
    }

    @Test
    void shouldRefuseDestinationsThatAreNotHttp() {
        assertThat(Endpoint.of(Subscription.Target.webhook("https://hooks.example/x"))).isInstanceOf(WebhookEndpoint.class);
        assertThat(Endpoint.of(Subscription.Target.alertmanager("http://am:9093"))).isInstanceOf(AlertmanagerEndpoint.class);
        assertThatThrownBy(() -> Endpoint.of(Subscription.Target.webhook("ftp://x/y")))
                .hasMessage("to.webhook: expected an absolute http(s) URL, got 'ftp://x/y'");
        assertThatThrownBy(() -> Endpoint.of(Subscription.Target.webhook("http://a b/"))).hasMessage("to.webhook: not a URL: 'http://a b/'");
        assertThatThrownBy(() -> Endpoint.of(Subscription.Target.topic("t"))).hasMessageStartingWith("to.topic: t is written by");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
