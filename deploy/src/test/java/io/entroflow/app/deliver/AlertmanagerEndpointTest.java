package io.entroflow.app.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.schemas.wire.WebhookMessage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertmanagerEndpointTest {
    @Test
    void shouldPostToTheV2AlertsApiUnderTheBaseUrl() {
        assertThat(new AlertmanagerEndpoint(URI.create("http://am:9093")).url()).hasToString("http://am:9093/api/v2/alerts");
        assertThat(new AlertmanagerEndpoint(URI.create("http://am:9093/")).url()).hasToString("http://am:9093/api/v2/alerts");
        assertThat(new AlertmanagerEndpoint(URI.create("https://h/am/")).url()).hasToString("https://h/am/api/v2/alerts");
        assertThat(new AlertmanagerEndpoint(URI.create("http://am:9093/api/v2/alerts")).url())
                .hasToString("http://am:9093/api/v2/alerts");
    }

    @Test
    void shouldTurnTheWebhookAlertsIntoPostableAlerts() throws Exception {
        WebhookMessage.Alert withGenerator = new WebhookMessage.Alert("resolved", Map.of("alertname", "x", "key", "b"),
                Map.of(), "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z", "http://g/1", "fedcba9876543210");
        Notification n = TestNotifications.notification("ops", Subscription.Target.alertmanager("http://am:9093"), "g", 2,
                TestNotifications.firing("a", "2026-01-01T00:00:00Z"), withGenerator);
        JsonNode alerts = JsonSerde.MAPPER.readTree(JsonSerde.MAPPER.writeValueAsBytes(
                AlertmanagerEndpoint.postableAlerts(n.payload())));
        assertThat(alerts).hasSize(2);
        JsonNode firing = alerts.get(0);
        assertThat(firing.get("labels").get("key").asText()).isEqualTo("a");
        assertThat(firing.get("labels").get("alertname").asText()).isEqualTo("entropy-low");
        assertThat(firing.get("annotations").get("summary").asText()).isEqualTo("entropy of a below 0.5");
        assertThat(firing.get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(firing.has("endsAt")).as("a firing alert lets Alertmanager's resolve_timeout apply").isFalse();
        assertThat(firing.get("generatorURL").asText()).isEqualTo(TestNotifications.EXTERNAL_URL);
        assertThat(List.of(firing.fieldNames()).size()).isPositive();
        assertThat(firing.has("fingerprint") || firing.has("status")).as("not part of a postable alert").isFalse();
        JsonNode resolved = alerts.get(1);
        assertThat(resolved.get("endsAt").asText()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(resolved.get("generatorURL").asText()).isEqualTo("http://g/1");
        assertThat(resolved.has("annotations")).as("empty annotations are left out").isFalse();
    }
}
