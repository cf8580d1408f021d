package io.entroflow.app.record;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacerTest {
    private final AtomicLong clock = new AtomicLong(5_000_000_000L);

    private void advanceMillis(long ms) {
        clock.addAndGet(ms * 1_000_000L);
    }

    @Test
    void shouldSendTheFirstRecordAtOnceAndLaterOnesAtTheirRecordedDistance() {
        Pacer p = new Pacer(1, clock::get);
        assertThat(p.delayNanos(1_000_000)).isZero();
        assertThat(p.delayNanos(1_000_250)).isEqualTo(250_000_000L);
        advanceMillis(100);
        assertThat(p.delayNanos(1_000_250)).isEqualTo(150_000_000L);
        advanceMillis(150);
        assertThat(p.delayNanos(1_000_250)).isZero();
    }

    @Test
    void shouldDivideRecordedTimeBySpeed() {
        Pacer p = new Pacer(10, clock::get);
        p.delayNanos(0);
        assertThat(p.delayNanos(1_000)).isEqualTo(100_000_000L);
        assertThat(p.delayNanos(60_000)).isEqualTo(6_000_000_000L);
        Pacer half = new Pacer(0.5, clock::get);
        half.delayNanos(0);
        assertThat(half.delayNanos(1_000)).isEqualTo(2_000_000_000L);
    }

    @Test
    void shouldNotDriftWhenTheSenderIsLate() {
        Pacer p = new Pacer(1, clock::get);
        p.delayNanos(0);
        advanceMillis(900);
        // due at origin + 1 s, whatever happened in between
        assertThat(p.delayNanos(1_000)).isEqualTo(100_000_000L);
        advanceMillis(500);
        assertThat(p.delayNanos(1_000)).isZero();
        assertThat(p.delayNanos(2_000)).isEqualTo(600_000_000L);
    }

    @Test
    void shouldSendRecordsOlderThanTheFirstAtOnce() {
        Pacer p = new Pacer(1, clock::get);
        p.delayNanos(10_000);
        assertThat(p.delayNanos(9_000)).isZero();
        assertThat(p.delayNanos(-1)).isZero();
    }

    @Test
    void shouldMakeAGivenOriginDueNow() {
        Pacer p = new Pacer(2, clock::get);
        p.start(1_000);
        assertThat(p.delayNanos(5_000)).isEqualTo(2_000_000_000L);
        assertThat(p.delayNanos(1_000)).isZero();
        assertThat(p.delayNanos(500)).isZero();
    }

    @Test
    void shouldNeverWaitAtMaxSpeed() {
        Pacer p = new Pacer(Double.POSITIVE_INFINITY, clock::get);
        assertThat(p.delayNanos(0)).isZero();
        assertThat(p.delayNanos(86_400_000L)).isZero();
    }

    @Test
    void shouldParseSpeeds() {
        assertThat(Pacer.parseSpeed("1")).isEqualTo(1.0);
        assertThat(Pacer.parseSpeed("10")).isEqualTo(10.0);
        assertThat(Pacer.parseSpeed("2.5x")).isEqualTo(2.5);
        assertThat(Pacer.parseSpeed("MAX")).isInfinite();
    }

    @Test
    void shouldRejectBadSpeedsNamingTheOptionAndValue() {
        for (String bad : new String[] {"0", "-1", "fast", "", "NaN", "Infinity", "1e400"}) {
            assertThatThrownBy(() -> Pacer.parseSpeed(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--speed:").hasMessageContaining("'" + bad + "'");
        }
    }
}
