package io.entroflow.app.deliver;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationTest {
    @Test
    void shouldKeepThePayloadAndDeriveAStableKey() {
        byte[] value = AlertmanagerEndpointTest.PAYLOAD.getBytes(StandardCharsets.UTF_8);
        Notification a = Notification.read(value, "notifications/0/7");
        Notification again = Notification.read(value.clone(), "notifications/0/7");
        Notification next = Notification.read(value, "notifications/0/8");
        assertThat(a.payload()).isSameAs(value);
        assertThat(a.receiver()).isEqualTo("ops");
        assertThat(a.idempotencyKey()).isEqualTo(again.idempotencyKey()).matches("[0-9a-f]{32}")
                .isNotEqualTo(next.idempotencyKey());
        assertThat(IdempotencyKey.of("ops", "g", "1")).isNotEqualTo(IdempotencyKey.of("ops", "g1", ""))
                .as("fields are separated, not concatenated");
    }

    @Test
    void shouldSayInOneLineWhatIsWrong() {
        assertThatThrownBy(() -> Notification.read("{\"groupKey\":\"g\",\"alerts\":[]}".getBytes(StandardCharsets.UTF_8), "s"))
                .hasMessage("notification: /receiver: expected a non-empty string, got nothing");
        assertThatThrownBy(() -> Notification.read("{\"receiver\":\"r\",\"groupKey\":\"g\"}".getBytes(StandardCharsets.UTF_8), "s"))
                .hasMessage("notification: /alerts: expected an array");
        assertThatThrownBy(() -> Notification.read("not json".getBytes(StandardCharsets.UTF_8), "s"))
                .hasMessageStartingWith("notification: not JSON: ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Notification.read(null, "s")).hasMessageContaining("tombstone");
    }

    @Test
    void shouldAcceptOnlyHttpUrlsWithAHost() {
        assertThat(HttpEndpointUrl.parse("--webhook", "https://hooks.example/x?y=1")).hasHost("hooks.example");
        assertThatThrownBy(() -> HttpEndpointUrl.parse("--webhook", "ftp://x/y"))
                .hasMessage("--webhook: expected an http:// or https:// URL, got 'ftp://x/y'");
        assertThatThrownBy(() -> HttpEndpointUrl.parse("--webhook", "http:///path")).hasMessage("--webhook: 'http:///path' has no host");
        assertThatThrownBy(() -> HttpEndpointUrl.parse("--webhook", "http://a b/")).hasMessageStartingWith("--webhook: 'http://a b/' is not a URL");
        assertThatThrownBy(() -> HttpEndpointUrl.parse("--webhook", "hooks.example/x"))
                .hasMessage("--webhook: expected an http:// or https:// URL, got 'hooks.example/x'");
    }
}
