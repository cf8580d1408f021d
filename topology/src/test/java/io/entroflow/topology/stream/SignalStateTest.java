package io.entroflow.topology.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignalStateTest {
    @Test
    void shouldRestoreTimesCategoriesAndTailsFromItsTwoRecords() {
        SignalState s = new SignalState();
        s.maxTime = 42;
        s.lastTime = 40;
        s.add(0, "alpha");
        s.add(0, "βeta");
        s.add(3, "x");
        s.tails.put(1, new ArrayList<>(List.of(1.5, -0.0, Double.MAX_VALUE)));
        assertThat(s.categoriesChanged()).isTrue();
        SignalState r = SignalState.decode(s.encode(), s.encodeCategories());
        assertThat(s.categoriesChanged()).isFalse();
        assertThat(r.maxTime).isEqualTo(42);
        assertThat(r.lastTime).isEqualTo(40);
        assertThat(r.categories).isEqualTo(s.categories);
        assertThat(r.tails).isEqualTo(s.tails);
        assertThat(r.symbolOf(0, "βeta")).isEqualTo(1);
        assertThat(r.add(0, "alpha")).isEqualTo(0);
        assertThat(r.categoriesChanged()).isFalse();
        assertThat(r.add(0, "gamma")).isEqualTo(2);
        assertThat(r.categoriesChanged()).isTrue();
    }

    /** The identity shortcut of symbolOf against a plain map, over equal but distinct instances and past RECENT symbols. */
    @Test
    void shouldFindTheSymbolOfEveryInstanceOfACategory() {
        SignalState s = new SignalState();
        java.util.Map<String, Integer> expected = new java.util.HashMap<>();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 5_000; i++) {
            String c = new String("c" + r.nextInt(SignalState.RECENT + 20)); // a fresh instance every time
            int id = s.symbolOf(0, c);
            assertThat(id).as(c).isEqualTo(expected.getOrDefault(c, -1));
            if (id < 0) {
                expected.put(c, s.add(0, c));
            }
            assertThat(s.size(0)).isEqualTo(expected.size());
        }
        SignalState restored = SignalState.decode(s.encode(), s.encodeCategories());
        expected.forEach((c, id) -> assertThat(restored.symbolOf(0, new String(c))).isEqualTo(id));
        expected.forEach((c, id) -> assertThat(restored.symbolOf(0, c)).isEqualTo(id));
    }

    @Test
    void shouldRestoreAnEmptyState() {
        SignalState r = SignalState.decode(new SignalState().encode(), null);
        assertThat(r.maxTime).isEqualTo(SignalState.NONE);
        assertThat(r.categories).isEmpty();
    }
}
