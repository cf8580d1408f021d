package io.entroflow.app.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.schemas.wire.JsonSerde;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AlertmanagerEndpointTest {
    static final String PAYLOAD = """
            {"version":"4","groupKey":"{}:{rule=\\"low\\"}","status":"firing","receiver":"ops","truncatedAlerts":0,
             "groupLabels":{"rule":"low"},"commonLabels":{"rule":"low"},"commonAnnotations":{},
             "externalURL":"http://monitor.example/",
             "alerts":[
              {"status":"firing","labels":{"alertname":"low","key":"a"},"annotations":{"summary":"0.1 < 0.5"},
               "startsAt":"2026-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"0123456789abcdef"},
              {"status":"resolved","labels":{"alertname":"low","key":"b"},"annotations":{},
               "startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-01-01T00:05:00Z","generatorURL":"http://g/1",
               "fingerprint":"fedcba9876543210"}]}""";

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
        Notification n = Notification.read(PAYLOAD.getBytes(StandardCharsets.UTF_8), "t/0/1");
        JsonNode alerts = AlertmanagerEndpoint.postableAlerts(n.body());
        assertThat(alerts).hasSize(2);
        JsonNode firing = alerts.get(0);
        assertThat(firing.get("labels")).isEqualTo(JsonSerde.MAPPER.readTree("{\"alertname\":\"low\",\"key\":\"a\"}"));
        assertThat(firing.get("annotations").get("summary").asText()).isEqualTo("0.1 < 0.5");
        assertThat(firing.get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(firing.has("endsAt")).as("a firing alert lets Alertmanager's resolve_timeout apply").isFalse();
        assertThat(firing.get("generatorURL").asText()).isEqualTo("http://monitor.example/");
        assertThat(firing.has("fingerprint")).as("not part of a postable alert").isFalse();
        JsonNode resolved = alerts.get(1);
        assertThat(resolved.get("endsAt").asText()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(resolved.get("generatorURL").asText()).isEqualTo("http://g/1");
    }
}
