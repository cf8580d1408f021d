package io.entroflow.operators.internal.window;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeWindowTest {

    private static final class Recorder implements WindowListener {
        final List<String> changes = new ArrayList<>();

        @Override
        public void enter(long payload, double weight) {
            changes.add("+" + payload);
        }

        @Override
        public void leave(long payload, double weight) {
            changes.add("-" + payload);
        }

        @Override
        public void rescale(double factor) {
            changes.add("*" + factor);
        }
    }

    @Test
    void shouldRejectAnEventLaterThanTheLatenessWithReasonLate() {
        EventWindow w = EventWindow.of(Window.time(Duration.ofSeconds(10), Duration.ofSeconds(1)));
        Recorder r = new Recorder();
        w.offer(5_000, 1, r);
        assertThatThrownBy(() -> w.offer(3_999, 2, r))
                .isInstanceOfSatisfying(RejectedEventException.class, e -> assertThat(e.reason()).isEqualTo(RejectedEventException.Reason.LATE))
                .hasMessageContaining("3999").hasMessageContaining("1001 ms behind").hasMessageContaining("lateness of 1000 ms");
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.eventsSeen()).isEqualTo(1);
        assertThat(r.changes).containsExactly("+1");
    }

    @Test
    void shouldEvictInEventTimeOrderEvenWhenEventsArrivedOutOfOrder() {
        EventWindow w = EventWindow.of(Window.time(Duration.ofMillis(100), Duration.ofMillis(100)));
        Recorder r = new Recorder();
        w.offer(1000, 1, r);
        w.offer(1050, 2, r);
        w.offer(1010, 3, r); // late, placed between 1 and 2
        w.offer(1115, 4, r); // cut-off 1015: evicts 1 (1000) and 3 (1010), keeps 2 (1050)
        assertThat(r.changes).containsExactly("+1", "+2", "+3", "-1", "-3", "+4");
        assertThat(w.size()).isEqualTo(2);
        assertThat(w.startTime()).isEqualTo(1016);
        assertThat(w.endTime()).isEqualTo(1115);
    }

    @Test
    void shouldAcceptButNotCountALateEventThatIsAlreadyOutsideTheWindow() {
        EventWindow w = EventWindow.of(Window.time(Duration.ofMillis(10), Duration.ofMillis(100)));
        Recorder r = new Recorder();
        w.offer(1000, 1, r);
        w.offer(950, 2, r);
        assertThat(r.changes).containsExactly("+1");
        assertThat(w.eventsSeen()).isEqualTo(2);
    }

    @Test
    void shouldGrowPastItsInitialCapacity() {
        EventWindow w = EventWindow.of(Window.time(Duration.ofSeconds(1000), Duration.ZERO));
        Recorder r = new Recorder();
        for (int i = 0; i < 1000; i++) {
            w.offer(i, i, r);
        }
        assertThat(w.size()).isEqualTo(1000);
    }

    @Test
    void shouldRejectInvalidSpecificationsNamingTheField() {
        assertThatThrownBy(() -> Window.count(0)).hasMessage("window.count: must be between 1 and 2^30, got 0");
        assertThatThrownBy(() -> new Window.Time(0, 0)).hasMessageContaining("window.span");
        assertThatThrownBy(() -> new Window.Time(10, -1)).hasMessageContaining("window.lateness");
        assertThatThrownBy(() -> Window.decayEvents(0)).hasMessageContaining("window.halfLife");
    }
}
