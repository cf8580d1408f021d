package io.entroflow.app.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LatencyRecorderTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final LatencyRecorder recorder = new LatencyRecorder(Duration.ofMinutes(1), 3, Duration.ofSeconds(5), 3, now::get);

    @Test
    void shouldReportNothingUntilTheFirstIntervalEnds() {
        recorder.recordMillis(10);
        assertThat(recorder.snapshot()).isEqualTo(LatencySnapshot.EMPTY);
        now.addAndGet(5 * SECOND);
        assertThat(recorder.snapshot().count()).isEqualTo(1);
    }

    @Test
    void shouldGiveQuantilesWithinHdrHistogramsPrecision() {
        for (int ms = 1; ms <= 1_000; ms++) {
            recorder.recordMillis(ms);
        }
        now.addAndGet(5 * SECOND);
        LatencySnapshot s = recorder.snapshot();
        assertThat(s.count()).isEqualTo(1_000);
        assertThat(s.p50()).isCloseTo(0.500, within(0.001));
        assertThat(s.p99()).isCloseTo(0.990, within(0.001));
        assertThat(s.p999()).isCloseTo(0.999, within(0.001));
        assertThat(s.max()).isCloseTo(1.000, within(0.001));
        assertThat(s.quantile(0.99)).isEqualTo(s.p99());
    }

    @Test
    void shouldSlideTheWindowAndForgetOldIntervals() {
        recorder.recordMillis(900);                     // interval 1
        now.addAndGet(5 * SECOND);
        recorder.snapshot();
        recorder.recordMillis(100);                     // interval 2
        now.addAndGet(5 * SECOND);
        assertThat(recorder.snapshot().max()).isCloseTo(0.9, within(0.001));
        assertThat(recorder.snapshot().count()).isEqualTo(2);
        now.addAndGet(10 * SECOND);                     // intervals 3 and 4 pass empty: interval 1 leaves the window
        LatencySnapshot s = recorder.snapshot();
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.max()).isCloseTo(0.1, within(0.001));
        now.addAndGet(60 * SECOND);                     // long idle: everything leaves
        assertThat(recorder.snapshot()).isEqualTo(LatencySnapshot.EMPTY);
    }

    @Test
    void shouldGiveEveryReaderOfAnIntervalTheSameSnapshot() {
        recorder.recordMillis(5);
        now.addAndGet(5 * SECOND);
        LatencySnapshot first = recorder.snapshot();
        recorder.recordMillis(500);
        assertThat(recorder.snapshot()).isSameAs(first);
    }

    @Test
    void shouldClampValuesOutsideTheRange() {
        recorder.record(-5);
        recorder.recordMillis(Long.MAX_VALUE / 2);
        now.addAndGet(5 * SECOND);
        LatencySnapshot s = recorder.snapshot();
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.p50()).isZero();
        assertThat(s.max()).isCloseTo(60.0, within(0.1));
    }

    @Test
    void shouldLoseNoValueRecordedConcurrentlyWithReads() throws Exception {
        LatencyRecorder live = new LatencyRecorder(Duration.ofSeconds(10), 3, Duration.ofMillis(100), 360);
        int writers = 2;
        int perWriter = 200_000;
        CountDownLatch done = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            new Thread(() -> {
                for (int i = 0; i < perWriter; i++) {
                    live.record(1_000 + i);
                }
                done.countDown();
            }).start();
        }
        long deadline = System.nanoTime() + 30 * SECOND;
        while (done.getCount() > 0 && System.nanoTime() < deadline) {
            live.snapshot();
            Thread.sleep(1);
        }
        assertThat(done.getCount()).isZero();
        Thread.sleep(150);
        assertThat(live.snapshot().count()).isEqualTo((long) writers * perWriter);
    }

    @Test
    void shouldRejectParametersOutOfRange() {
        assertThatThrownBy(() -> new LatencyRecorder(Duration.ofDays(2), 3, Duration.ofSeconds(5), 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("highest");
        assertThatThrownBy(() -> new LatencyRecorder(Duration.ofHours(1), 3, Duration.ofMillis(10), 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
        assertThatThrownBy(() -> new LatencyRecorder(Duration.ofHours(1), 3, Duration.ofSeconds(5), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intervals: must be between 1 and 360, got 0");
        assertThatThrownBy(() -> new LatencyRecorder(Duration.ofHours(1), 4, Duration.ofSeconds(5), 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("significantDigits: must be between 1 and 3, got 4");
    }
}
