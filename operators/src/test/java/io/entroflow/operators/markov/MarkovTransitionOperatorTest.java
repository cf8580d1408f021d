package io.entroflow.operators.markov;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MarkovTransitionOperatorTest {

    @Test
    void shouldReturnTheTransitionsLocalEntropyRateOverTheUpdatedWindow() {
        MarkovTransitionOperator op = new MarkovTransitionOperator(Window.count(4), 2);
        assertThat(op.update(0, 0)).isNaN(); // no transition yet
        assertThat(op.update(1, 1)).isZero(); // 0->1 is the only transition from 0
        assertThat(op.update(2, 0)).isZero(); // 1->0 likewise from 1
        assertThat(op.update(3, 0)).isCloseTo(Math.log(2), within(1e-15)); // 0->1, 0->0: half each
        assertThat(op.update(4, 1)).isCloseTo(Math.log(3.0 / 2), within(1e-15)); // 0->1 twice of three from 0
        // the window of 4 now holds 1->0, 0->0, 0->1 after 0->1 leaves
        assertThat(op.update(5, 1)).isCloseTo(Math.log(2), within(1e-15)); // 1->1 once of 1->0, 1->1
    }

    @Test
    void shouldSnapshotTheCountsWithTheWindowBounds() {
        MarkovTransitionOperator op = new MarkovTransitionOperator(Window.count(3), 3);
        int[] s = {0, 1, 2, 0, 1};
        for (int t = 0; t < s.length; t++) {
            op.update(10 + t, s[t]);
        }
        MarkovTransitionSnapshot snapshot = op.snapshot();
        assertThat(snapshot.transitions()).isEqualTo(3);
        assertThat(snapshot.eventsSeen()).isEqualTo(4);
        assertThat(snapshot.windowEnd()).isEqualTo(14);
        assertThat(snapshot.windowStart()).isEqualTo(12);
        assertThat(snapshot.counts()).isDeepEqualTo(op.counts());
        assertThat(snapshot.counts()[1][2]).isEqualTo(1.0);
        assertThat(snapshot.counts()[0][1]).isEqualTo(1.0);
        assertThat(snapshot.estimate(0.5).entropyRate(InformationUnit.NATS)).isEqualTo(op.estimate(0.5).entropyRate(InformationUnit.NATS));
        snapshot.counts()[0][0] = 99;
        assertThat(snapshot.counts()[0][0]).isZero();
    }
}
