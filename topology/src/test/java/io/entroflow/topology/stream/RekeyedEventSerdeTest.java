package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.ParsedEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RekeyedEventSerdeTest {
    private final RekeyedEventSerde serde = new RekeyedEventSerde();

    private ParsedEvent roundTrip(ParsedEvent e) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", e));
    }

    @Test
    void shouldRoundTripEveryKindOfValue() {
        ParsedEvent e = new ParsedEvent("svc-a", 1_700_000_000_123L, Arrays.asList("kind-b", 12.5, null, -0.0,
                Double.MAX_VALUE, ""), "events", 3, 987_654_321_012L);
        assertThat(roundTrip(e)).isEqualTo(e);
    }

    @Test
    void shouldKeepKeysAndValuesThatAreNotValidUnicode() {
        // StoreKeys.eventKey turns invalid UTF-8 into lone surrogates; a NUL is a valid key character
        String key = "a\u0000b\uDC80\uD800";
        ParsedEvent e = new ParsedEvent(key, 0, List.of("\uDFFFx"), "", -1, -1);
        ParsedEvent back = roundTrip(e);
        assertThat(back.key()).isEqualTo(key);
        assertThat(back.values()).containsExactly("\uDFFFx");
    }

    @Test
    void shouldRejectTruncatedAndForeignRecords() {
        byte[] bytes = serde.serializer().serialize("t", new ParsedEvent("k", 5, List.of("v", 1.0), "events", 0, 1));
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut))
                    .isInstanceOf(SerializationException.class);
        }
        byte[] json = "{\"key\":\"k\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version");
    }

    @Test
    void shouldReadEachSourceTopicAndGiveARepeatedOneTheSameInstance() {
        List<String> sources = List.of("events", "events", "eventz", "", "events", "events-2", "events-2", "é\uD800");
        String previous = null;
        String lastTopic = null;
        for (String source : sources) {
            ParsedEvent back = roundTrip(new ParsedEvent("k", 1, List.of(), source, 0, 7));
            assertThat(back.topic()).isEqualTo(source);
            assertThat(back.offset()).isEqualTo(7);
            if (source.equals(previous)) {
                assertThat(back.topic()).isSameAs(lastTopic);
            }
            previous = source;
            lastTopic = back.topic();
        }
    }

    @Test
    void shouldPassNullThrough() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}
