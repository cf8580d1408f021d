package io.entroflow.operators.internal.joint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JointCodeLayoutTest {

    @Test
    void shouldPackFieldsSideBySideAndProjectThemWithMasks() {
        JointCodeLayout layout = new JointCodeLayout(new String[] {"next", "k", "l"}, new int[] {3, 3, 5},
                new int[] {1, 2, 1});
        assertThat(layout.symbolBits(0)).isEqualTo(2);
        assertThat(layout.symbolBits(2)).isEqualTo(3);
        assertThat(layout.totalBits()).isEqualTo(2 + 4 + 3);
        long code = layout.place(0, 2) | layout.place(1, 0b0110) | layout.place(2, 4);
        assertThat(layout.field(code, 0)).isEqualTo(2);
        assertThat(layout.field(code, 1)).isEqualTo(0b0110);
        assertThat(layout.field(code, 2)).isEqualTo(4);
        assertThat(code & layout.mask(1)).isEqualTo(layout.place(1, 0b0110));
        assertThat(layout.mask(0, 2)).isEqualTo(0b11 | (0b111L << 6));
    }

    @Test
    void shouldGiveAnEmptyFieldNoBits() {
        JointCodeLayout layout = new JointCodeLayout(new String[] {"x", "z"}, new int[] {4, 1}, new int[] {1, 3});
        assertThat(layout.mask(1)).isZero();
        assertThat(JointCodeLayout.bitsFor(1)).isZero();
        assertThat(JointCodeLayout.bitsFor(2)).isEqualTo(1);
        assertThat(JointCodeLayout.bitsFor(256)).isEqualTo(8);
        assertThat(JointCodeLayout.bitsFor(257)).isEqualTo(9);
    }

    @Test
    void shouldRejectALayoutWiderThanSixtyTwoBitsNamingTheField() {
        assertThatThrownBy(() -> new JointCodeLayout(new String[] {"next", "k"}, new int[] {16, 16}, new int[] {1, 15}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("k: 15 symbols of an alphabet of 16 do not fit the 62-bit joint code");
    }

    @Test
    void shouldDelayHistoriesByTheConfiguredNumberOfEvents() {
        LaggedHistory history = new LaggedHistory(2, 2, 3); // symbols t-4, t-3 for event t
        int[] s = {1, 2, 3, 0, 1, 2, 3};
        for (int t = 0; t < s.length; t++) {
            if (t < 4) {
                assertThat(history.ready()).as("event %d", t).isFalse();
            } else {
                assertThat(history.ready()).isTrue();
                assertThat(history.code()).as("event %d", t).isEqualTo((long) (s[t - 4] << 2 | s[t - 3]));
            }
            history.push(s[t]);
        }
        LaggedHistory none = new LaggedHistory(3, 0, 1);
        assertThat(none.ready()).isTrue();
        assertThat(none.code()).isZero();
    }
}
