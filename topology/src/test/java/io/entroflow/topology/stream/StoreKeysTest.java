package io.entroflow.topology.stream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StoreKeysTest {
    private static final List<byte[]> KEYS = List.of(
            new byte[0], "k".getBytes(StandardCharsets.UTF_8), "k\u0000c".getBytes(StandardCharsets.UTF_8),
            "k\u0000m".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xB3, (byte) 0xBF},
            "\uFFFD".getBytes(StandardCharsets.UTF_8), "\uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8),
            new byte[] {'a', (byte) 0xC3}, new byte[] {'a', (byte) 0xC3, 'b'}, "é:1".getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldDecodeAnyRecordKeyOneToOneAndBack() {
        Set<String> seen = new HashSet<>();
        for (byte[] k : KEYS) {
            String key = StoreKeys.eventKey(k);
            assertThat(seen.add(key)).as("distinct %s", key).isTrue();
            assertThat(StoreKeys.bytes(key)).isEqualTo(k);
        }
    }

    @Test
    void shouldEncodeStoreKeysOneToOneWithoutNulOrSurrogatesAndDecodeThem() {
        Set<String> seen = new HashSet<>();
        for (byte[] k : KEYS) {
            String key = StoreKeys.eventKey(k);
            String store = StoreKeys.of(key);
            assertThat(seen.add(store)).isTrue();
            assertThat(store.chars()).noneMatch(c -> c == 0 || Character.isSurrogate((char) c.intValue()) || c > 0xFF);
            assertThat(StoreKeys.keyOf(store + "\u0000m")).isEqualTo(key);
            // the String serde's bytes decode back to the same store key
            assertThat(new String(store.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(store);
        }
        assertThat(StoreKeys.of("k")).isEqualTo("1:k");
    }
}
