package io.entroflow.topology.offline;

import io.entroflow.operators.Theories;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The store's lazy sorted index (buckets by first code point, keys sorted in when a scan reaches
 * them) against a model with Kafka Streams' in-memory store semantics:
 * a {@link TreeMap} in UTF-8 byte order whose iterators copy the keys present when opened and read
 * their values at each step. Random puts, re-puts, deletes of keys in a few buckets (NUL, digits,
 * letters, beyond U+FFFF), and scans (range, all, prefix) during which keys are added, deleted,
 * re-put and other scans opened; with the lazy threshold small (sorting in often) and as in the
 * product.
 */
class MemoryKeyValueStoreModelTest {
    private static final String[] FIRST = {"\u0000d", "\u0000x", "\u0000t", "7:", "8:", "a", "\uE000",
        new String(Character.toChars(0x1F600))};

    private static final class Model {
        final TreeMap<String, byte[]> map = new TreeMap<>((x, y) -> Arrays.compareUnsigned(
                x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));

        Iterator<String> scan(String from, String to) {
            List<String> keys = new ArrayList<>(from == null ? map.keySet()
                    : map.comparator().compare(from, to) > 0 ? List.of() : map.subMap(from, true, to, true).keySet());
            return keys.iterator();
        }
    }

    /** One open scan of the store and of the model, stepped together. */
    private record Open(KeyValueIterator<String, byte[]> store, Iterator<String> model) {
    }

    @Test
    void scansAndPointOperationsMatchAStoreThatCopiesTheKeysAtOpen() {
        Theories.qt(40).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            MemoryKeyValueStore store = new MemoryKeyValueStore("s", r.nextBoolean() ? 1 + r.nextInt(8) : 1024);
            Model model = new Model();
            List<Open> open = new ArrayList<>();
            int keySpace = 20 + r.nextInt(300);
            for (int step = 0; step < 6_000; step++) {
                String key = FIRST[r.nextInt(FIRST.length)] + r.nextInt(keySpace);
                int op = r.nextInt(100);
                if (op < 40) {
                    byte[] v = {(byte) step, (byte) (step >> 8)};
                    store.put(key, v);
                    model.map.put(key, v);
                } else if (op < 70) {
                    assertThat(store.delete(key)).isEqualTo(model.map.remove(key));
                } else if (op < 80) {
                    assertThat(store.get(key)).isEqualTo(model.map.get(key));
                } else if (op < 86 && open.size() < 3) {
                    String a = FIRST[r.nextInt(FIRST.length)] + r.nextInt(keySpace);
                    String b = FIRST[r.nextInt(FIRST.length)] + r.nextInt(keySpace);
                    open.add(switch (r.nextInt(3)) {
                        case 0 -> new Open(store.range(a, b), model.scan(a, b));
                        case 1 -> new Open(store.all(), model.scan(null, null));
                        default -> {
                            String p = a.substring(0, a.offsetByCodePoints(0, 1 + r.nextInt(2))); // whole code points
                            List<String> keys = new ArrayList<>();
                            model.map.keySet().stream().filter(k -> k.startsWith(p)).forEach(keys::add);
                            yield new Open(store.prefixScan(p, new StringSerializer()), keys.iterator());
                        }
                    });
                } else if (!open.isEmpty()) {
                    Open o = open.get(r.nextInt(open.size()));
                    String expected = next(model, o.model);
                    if (expected == null) {
                        assertThat(o.store.hasNext()).isFalse();
                        open.remove(o);
                    } else {
                        KeyValue<String, byte[]> kv = o.store.next();
                        assertThat(kv.key).isEqualTo(expected);
                        assertThat(kv.value).isEqualTo(model.map.get(expected));
                    }
                }
            }
            List<String> all = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                it.forEachRemaining(kv -> all.add(kv.key));
            }
            assertThat(all).containsExactlyElementsOf(model.map.keySet());
        });
    }

    /** The model iterator's next key that still has a value (deleted ones are skipped), or null. */
    private static String next(Model model, Iterator<String> keys) {
        while (keys.hasNext()) {
            String k = keys.next();
            if (model.map.containsKey(k)) {
                return k;
            }
        }
        return null;
    }
}
