package io.entroflow.schemas.wire;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WireSchemasTest {
    private static Schema schema(String name) throws IOException {
        try (InputStream in = WireSchemasTest.class.getResourceAsStream("/schemas/" + name)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
    }

    @Test
    void shouldWriteAggregatesThatMatchTheirSchemaAndReadThemBack() throws IOException {
        AggregateRecord a = new AggregateRecord("m", "k", "op", "entropy", List.of("s"), 1000, 1.5, "bits",
                10, 990, 42, 100, null, null, new Provenance("events", 0, 3, 9), AggregateRecord.INTERVAL);
        JsonSerde<AggregateRecord> serde = JsonSerde.of(AggregateRecord.class);
        byte[] bytes = serde.serializer().serialize("t", a);
        List<Error> errors = schema("aggregate.schema.json").validate(new String(bytes, StandardCharsets.UTF_8), InputFormat.JSON);
        assertThat(errors).isEmpty();
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(a);
    }

    @Test
    void shouldWriteAlertsThatMatchTheirSchema() throws IOException {
        AlertRecord r = new AlertRecord(Map.of("alertname", "r", "monitor", "m", "rule", "r", "key", "k", "severity", "warning"),
                Map.of("summary", "x"), AlertRecord.FIRING, "2026-01-01T00:00:00Z", AlertRecord.ZERO_TIME,
                "0123456789abcdef", new AlertRecord.AlertProvenance("op", 0.5, 1000, 0, 1000, null,
                new Provenance("events", 1, 5, 7)));
        byte[] bytes = JsonSerde.of(AlertRecord.class).serializer().serialize("t", r);
        assertThat(schema("alert.schema.json").validate(new String(bytes, StandardCharsets.UTF_8), InputFormat.JSON)).isEmpty();
        assertThat(JsonSerde.of(AlertRecord.class).deserializer().deserialize("t", bytes)).isEqualTo(r);
    }

    @Test
    void shouldRejectAnAlertWithAnUnknownStatus() throws IOException {
        String bad = "{\"labels\":{},\"annotations\":{},\"status\":\"pending\",\"startsAt\":\"x\",\"endsAt\":\"y\","
                + "\"fingerprint\":\"z\",\"provenance\":{}}";
        assertThat(schema("alert.schema.json").validate(bad, InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void shouldRoundTripParsedEvents() {
        ParsedEvent e = new ParsedEvent("k", 5, java.util.Arrays.asList("a", 1.5, null), "events", 2, 9);
        JsonSerde<ParsedEvent> serde = JsonSerde.of(ParsedEvent.class);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", e))).isEqualTo(e);
    }

    @Test
    void shouldDescribeDeadLetterHeadersInTheirSchema() throws IOException {
        String headers = "{\"" + DeadLetterHeaders.REASON + "\":\"late\",\"" + DeadLetterHeaders.FIELD + "\":\"/ts\",\""
                + DeadLetterHeaders.SOURCE_TOPIC + "\":\"events\",\"" + DeadLetterHeaders.SOURCE_PARTITION + "\":\"0\",\""
                + DeadLetterHeaders.SOURCE_OFFSET + "\":\"17\"}";
        assertThat(schema("dead-letter.schema.json").validate(headers, InputFormat.JSON)).isEmpty();
    }
    @Test
    void shouldApplyAlertmanagerDefaultsToSubscriptionsAndMatchTheirSchema() throws IOException {
        JsonSerde<Subscription> serde = JsonSerde.of(Subscription.class);
        Subscription s = serde.deserializer().deserialize("t",
                "{\"id\":\"ops\",\"match\":\"{rule=~\\\"kind.*\\\"}\",\"to\":{\"topic\":\"pager\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(s.groupWaitMillis()).isEqualTo(30_000);
        assertThat(s.groupIntervalMillis()).isEqualTo(300_000);
        assertThat(s.repeatIntervalMillis()).isEqualTo(4 * 3_600_000L);
        assertThat(s.sendResolved()).isTrue();
        assertThat(s.groupBy()).isEmpty();
        assertThat(s.to().kind()).isEqualTo(Subscription.Target.TOPIC);
        Subscription full = new Subscription("hook", "{key!=\"svc-d\"}", Subscription.Target.webhook("http://127.0.0.1:1/x"),
                List.of("..."), "10s", "1h30m", "1w", false);
        assertThat(full.groupsByAllLabels()).isTrue();
        assertThat(full.groupIntervalMillis()).isEqualTo(5_400_000L);
        assertThat(full.repeatIntervalMillis()).isEqualTo(7 * 86_400_000L);
        byte[] bytes = serde.serializer().serialize("t", full);
        assertThat(schema("subscription.schema.json").validate(new String(bytes, StandardCharsets.UTF_8), InputFormat.JSON)).isEmpty();
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(full);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"group_by\":[\"...\"]", "\"send_resolved\":false");
    }

    @Test
    void shouldRejectASubscriptionWithTwoDestinationsOrABadDuration() throws IOException {
        String two = "{\"id\":\"x\",\"to\":{\"topic\":\"a\",\"webhook\":\"http://h\"}}";
        assertThat(schema("subscription.schema.json").validate(two, InputFormat.JSON)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Subscription.Target("a", "http://h", null).kind())
                .hasMessage("to: expected exactly one of topic, webhook, alertmanager, got {topic: a, webhook: http://h}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Subscription("x", null, Subscription.Target.topic("t"),
                null, "soon", null, null, null).groupWaitMillis())
                .hasMessage("group_wait: expected a duration like 500ms, 2s, 1m or PT1S, got 'soon'");
    }

    @Test
    void shouldWriteSilencesThatMatchTheirSchema() throws IOException {
        Silence s = new Silence("s1", "{key=\"svc-a\"}", "2026-01-01T00:00:00Z", "2026-01-01T02:00:00Z", "ops", "deploy");
        assertThat(s.activeAt(s.startsAtMillis())).isTrue();
        assertThat(s.activeAt(s.endsAtMillis())).isFalse();
        assertThat(s.activeAt(s.startsAtMillis() - 1)).isFalse();
        byte[] bytes = JsonSerde.of(Silence.class).serializer().serialize("t", s);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"starts_at\"", "\"created_by\"");
        assertThat(schema("silence.schema.json").validate(new String(bytes, StandardCharsets.UTF_8), InputFormat.JSON)).isEmpty();
        assertThat(JsonSerde.of(Silence.class).deserializer().deserialize("t", bytes)).isEqualTo(s);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Silence("s", "{}", "today", null, null, null).startsAtMillis())
                .hasMessage("starts_at: expected an ISO-8601 instant like 2026-01-01T00:00:00Z, got 'today'");
    }

    @Test
    void shouldWriteNotificationsAsAlertmanagerWebhookPayloads() throws IOException {
        WebhookMessage.Alert a = new WebhookMessage.Alert("firing", Map.of("rule", "r", "key", "k"), Map.of("summary", "s"),
                "2026-01-01T00:00:00Z", AlertRecord.ZERO_TIME, "", "0123456789abcdef");
        WebhookMessage payload = new WebhookMessage(WebhookMessage.VERSION, "{}/{}:{key=\"k\"}", 0, "firing", "ops",
                Map.of("key", "k"), Map.of("rule", "r", "key", "k"), Map.of("summary", "s"), "", WebhookMessage.REASON_FIRST,
                List.of(a));
        Notification n = new Notification("ops/0123456789abcdef/1", "ops", Subscription.Target.topic("pager"), 30_000, 1, payload);
        byte[] bytes = JsonSerde.of(Notification.class).serializer().serialize("t", n);
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(schema("notification.schema.json").validate(json, InputFormat.JSON)).isEmpty();
        assertThat(JsonSerde.of(Notification.class).deserializer().deserialize("t", bytes)).isEqualTo(n);
        String body = new String(JsonSerde.of(WebhookMessage.class).serializer().serialize("t", payload), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"version\":\"4\",\"groupKey\":").contains("\"truncatedAlerts\":0",
                "\"externalURL\":\"\"", "\"generatorURL\":\"\"", "\"fingerprint\":\"0123456789abcdef\"");
    }
}
