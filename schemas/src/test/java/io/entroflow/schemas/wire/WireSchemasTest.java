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
}
