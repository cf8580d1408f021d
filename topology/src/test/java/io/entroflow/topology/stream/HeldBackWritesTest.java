package io.entroflow.topology.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class HeldBackWritesTest {
    private static final class State extends HeldBackWrites.Held {
        final int id;
        int version;

        State(int id) {
            this.id = id;
        }
    }

    private record Put(int id, int version) {
    }

    @Test
    void shouldPutEachChangedStateOnceAsLastChangedAndNothingDiscarded() {
        List<Put> puts = new ArrayList<>();
        HeldBackWrites<State> held = new HeldBackWrites<>(s -> puts.add(new Put(s.id, s.version)), () -> 4);
        State a = new State(1);
        State b = new State(2);
        State c = new State(3);
        a.version = 1;
        held.changed(a);
        a.version = 2;
        held.changed(a);
        b.version = 1;
        held.changed(b);
        c.version = 1;
        held.changed(c);
        held.discard(c); // its records were deleted meanwhile
        held.putIfChanged(b); // read back before the write-through
        assertThat(puts).containsExactly(new Put(2, 1));
        held.putAll();
        assertThat(puts).containsExactly(new Put(2, 1), new Put(1, 2));
        held.putAll();
        assertThat(puts).hasSize(2);
    }

    @Test
    void shouldHoldWhatPuttingEveryChangeAtOnceHoldsAtEveryWriteThrough() {
        SplittableRandom random = new SplittableRandom(5);
        State[] states = new State[500];
        for (int i = 0; i < states.length; i++) {
            states[i] = new State(i);
        }
        int[] store = new int[states.length]; // id -> version put
        int[] immediate = new int[states.length];
        HeldBackWrites<State> held = new HeldBackWrites<>(s -> store[s.id] = s.version, () -> 10);
        for (int step = 0; step < 100_000; step++) {
            State s = states[random.nextInt(random.nextBoolean() ? 20 : states.length)];
            switch (random.nextInt(10)) {
                case 0 -> held.putIfChanged(s);
                case 1 -> {
                    held.putAll();
                    assertThat(store).isEqualTo(immediate);
                }
                default -> {
                    s.version++;
                    immediate[s.id] = s.version;
                    held.changed(s);
                }
            }
        }
        held.putAll();
        assertThat(store).isEqualTo(immediate);
    }
}
