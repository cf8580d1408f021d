package io.entroflow.app.demo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo stream over more than four keys ({@code entroflow bench}): the demo's stream at 4, the same roles beyond. */
class DemoStreamKeysTest {
    @Test
    void shouldBeTheDemoStreamWithFourKeys() {
        DemoStream demo = new DemoStream(7, 1_700_000_000_000L, 20_000, 200, true);
        DemoStream four = new DemoStream(7, 1_700_000_000_000L, 20_000, 200, true, 4);
        assertThat(four.planted()).isEqualTo(demo.planted());
        while (demo.hasNext()) {
            assertThat(four.next()).isEqualTo(demo.next());
        }
        assertThat(four.hasNext()).isFalse();
    }

    @Test
    void shouldGiveEveryKeyTheRoleOfItsIndexModuloFour() {
        DemoStream s = new DemoStream(7, 0, 60_000, 1_000, true, 10);
        assertThat(s.planted()).extracting(DemoStream.Planted::key)
                .containsExactly("svc-a", "svc-b", "svc-c", "svc-a-1", "svc-b-1", "svc-c-1", "svc-a-2", "svc-b-2");
        assertThat(s.planted()).extracting(DemoStream.Planted::kind).containsExactly("entropy-collapse", "coupling",
                "regime-switch", "entropy-collapse", "coupling", "regime-switch", "entropy-collapse", "coupling");
        List<String> keys = new ArrayList<>();
        long collapsed = 0;
        long after = 0;
        while (s.hasNext()) {
            DemoStream.Event e = s.next();
            if (keys.size() < 10) {
                keys.add(e.key());
            }
            if (e.key().equals("svc-a-2") && e.time() >= 30_000) { // the entropy collapse of role svc-a, at 30 %
                after++;
                collapsed += e.json().contains("\"kind\":\"c\"") ? 1 : 0;
            }
        }
        assertThat(keys).containsExactly("svc-a", "svc-b", "svc-c", "svc-d", "svc-a-1", "svc-b-1", "svc-c-1", "svc-d-1",
                "svc-a-2", "svc-b-2");
        assertThat((double) collapsed / after).isGreaterThan(0.85);
    }

    @Test
    void shouldRefuseNoKeys() {
        assertThatThrownBy(() -> new DemoStream(7, 0, 1_000, 100, true, 0))
                .hasMessage("demo stream: keys must be >= 1, got 0");
    }
}
