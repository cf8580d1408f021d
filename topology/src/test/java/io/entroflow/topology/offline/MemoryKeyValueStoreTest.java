package io.entroflow.topology.offline;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryKeyValueStoreTest {
    private static List<String> keys(KeyValueIterator<String, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key));
        }
        return out;
    }

    @Test
    void shouldIterateInTheUtf8ByteOrderOfTheKeysLikeAPersistentStore() {
        MemoryKeyValueStore s = new MemoryKeyValueStore("s");
        Random r = new Random(5);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = r.nextInt(4); j >= 0; j--) {
                int cp = switch (r.nextInt(4)) {
                    case 0 -> 'a' + r.nextInt(3);
                    case 1 -> 0xE000 + r.nextInt(3);       // above the surrogates in UTF-16, below them in UTF-8
                    case 2 -> 0x1F600 + r.nextInt(3);      // a surrogate pair
                    default -> r.nextInt(3);               // control characters, \u0000 included
                };
                b.appendCodePoint(cp);
            }
            s.put(b.toString(), new byte[] {1});
            if (!all.contains(b.toString())) {
                all.add(b.toString());
            }
        }
        Comparator<String> utf8 = (x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
        all.sort(utf8);
        assertThat(keys(s.all())).containsExactlyElementsOf(all);
        String from = all.get(100);
        String to = all.get(700);
        assertThat(keys(s.range(from, to))).containsExactlyElementsOf(all.subList(100, 701));
        assertThat(keys(s.range(to, from))).isEmpty();
        for (String prefix : List.of("a", "\u0000", "\uE001", new String(Character.toChars(0x1F601)), "ab", "zz", "")) {
            List<String> expected = all.stream().filter(k -> k.startsWith(prefix)).toList();
            assertThat(keys(s.prefixScan(prefix, new org.apache.kafka.common.serialization.StringSerializer())))
                    .as("prefix %s", prefix).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void shouldSeeTheKeysPresentWhenAnIteratorOpenedAndTheirCurrentValues() {
        MemoryKeyValueStore s = new MemoryKeyValueStore("s");
        for (String k : List.of("a", "b", "c", "d")) {
            s.put(k, k.getBytes(StandardCharsets.UTF_8));
        }
        List<KeyValue<String, byte[]>> seen = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = s.all()) {
            seen.add(it.next());                // a
            s.put("bb", new byte[] {9});        // added while open: not seen
            s.delete("c");                      // removed while open: not seen
            s.put("d", new byte[] {7});         // changed while open: the new value
            it.forEachRemaining(seen::add);
        }
        assertThat(seen).extracting(kv -> kv.key).containsExactly("a", "b", "d");
        assertThat(seen.get(2).value).containsExactly(7);
        s.put("a", null); // a null value deletes
        assertThat(s.get("a")).isNull();
        assertThat(keys(s.all())).containsExactly("b", "bb", "d");
        assertThat(s.approximateNumEntries()).isEqualTo(3);
    }
}
