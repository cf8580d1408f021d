package io.entroflow.topology.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link LruCache} against the {@link LinkedHashMap} in access order it replaced, operation by operation. */
class LruCacheTest {

    /** The reference: a LinkedHashMap in access order evicting its eldest above the capacity. */
    private static final class Model extends LinkedHashMap<String, Integer> {
        private final int capacity;
        private final Consumer<Integer> onEvict;

        Model(int capacity, Consumer<Integer> onEvict) {
            super(16, 0.75f, true);
            this.capacity = capacity;
            this.onEvict = onEvict;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            if (size() > capacity) {
                onEvict.accept(eldest.getValue());
                return true;
            }
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16, 17, 100, 1000})
    void shouldKeepTheOrderValuesAndEvictionsOfAnAccessOrderLinkedHashMap(int capacity) {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed * 31 + capacity);
            List<Integer> evicted = new ArrayList<>();
            List<Integer> modelEvicted = new ArrayList<>();
            LruCache<Integer> cache = new LruCache<>(capacity, evicted::add);
            Model model = new Model(capacity, modelEvicted::add);
            int keySpace = capacity * 2 + random.nextInt(5) + 1;
            for (int op = 0; op < 20_000; op++) {
                // fresh String instances, as keys decoded from records are
                String key = new String("key-" + random.nextInt(keySpace));
                int v = random.nextInt();
                switch (random.nextInt(10)) {
                    case 0, 1, 2 -> assertThat(cache.get(key)).isEqualTo(model.get(key));
                    case 3, 4 -> assertThat(cache.put(key, v)).isEqualTo(model.put(key, v));
                    case 5 -> assertThat(cache.remove(key)).isEqualTo(model.remove(key));
                    case 6 -> {
                        boolean loadNull = random.nextInt(4) == 0;
                        assertThat(cache.computeIfAbsent(key, k -> loadNull ? null : v))
                                .isEqualTo(model.computeIfAbsent(key, k -> loadNull ? null : v));
                    }
                    case 7 -> {
                        assertThat(cache.containsKey(key)).isEqualTo(model.containsKey(key));
                        if (random.nextInt(500) == 0) {
                            cache.clear();
                            model.clear();
                        }
                    }
                    default -> assertThat(cache.computeIfAbsent(key, k -> v)).isEqualTo(model.computeIfAbsent(key, k -> v));
                }
                assertThat(cache.size()).isEqualTo(model.size());
                assertThat(evicted).isEqualTo(modelEvicted);
            }
            // the recency order: with every key touched in the model's order, evictions follow it
            List<Integer> order = new ArrayList<>(model.values());
            evicted.clear();
            for (int i = 0; i < capacity; i++) {
                cache.put(new String("fresh-" + i), -i);
            }
            assertThat(evicted).isEqualTo(order);
        }
    }

    @Test
    void shouldLetTheEvictionCallbackReadTheCache() {
        List<String> seen = new ArrayList<>();
        LruCache<String>[] holder = new LruCache[1];
        holder[0] = new LruCache<>(2, v -> seen.add(v + ":" + holder[0].get("a") + ":" + holder[0].size()));
        LruCache<String> cache = holder[0];
        cache.put("a", "A");
        cache.put("b", "B");
        cache.put("c", "C"); // evicts a (the callback sees it still in, with c: size 3)
        assertThat(seen).containsExactly("A:A:3");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isEqualTo("B");
        assertThat(cache.get("c")).isEqualTo("C");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void shouldHoldManyKeysWithCollidingHashes() {
        // "Aa" and "BB" have the same hash: strings made of them collide in every table
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1 << 10; i++) {
            StringBuilder b = new StringBuilder();
            for (int bit = 0; bit < 10; bit++) {
                b.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            keys.add(b.toString());
        }
        LruCache<Integer> cache = new LruCache<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            cache.put(keys.get(i), i);
        }
        for (int i = 0; i < keys.size(); i += 2) {
            assertThat(cache.remove(keys.get(i))).isEqualTo(i);
        }
        for (int i = 0; i < keys.size(); i++) {
            assertThat(cache.get(keys.get(i))).isEqualTo(i % 2 == 0 ? null : i);
        }
        assertThat(cache.size()).isEqualTo(keys.size() / 2);
    }

    @Test
    void shouldRejectACapacityBelowOne() {
        assertThatThrownBy(() -> new LruCache<Integer>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new LruCache<Integer>(Integer.MAX_VALUE).capacity()).isEqualTo(Integer.MAX_VALUE);
    }
}
