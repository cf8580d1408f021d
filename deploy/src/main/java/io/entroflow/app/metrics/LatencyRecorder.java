package io.entroflow.app.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Latencies recorded by any number of threads, read as quantiles over a sliding window of recent
 * intervals. {@link #record} is wait-free (HdrHistogram's {@link Recorder}); {@link #snapshot} is
 * for readers (the metrics scrape) and is serialised on this object, so writers never wait for a reader.
 *
 * <p><b>Design.</b> Writers record into the {@code Recorder}'s active histogram; a reader that finds
 * the current interval over flips it ({@code getIntervalHistogram(toRecycle)}, HdrHistogram's
 * {@code WriterReaderPhaser} double buffer) into a ring of the last {@code intervals} interval
 * histograms, and merges the ring once per flip. Readers in between get the same immutable
 * {@link LatencySnapshot}, so a scrape costs nothing and two scrapers (Prometheus and a person with
 * curl) see the same values instead of stealing each other's intervals. Quantiles therefore cover the
 * last {@code intervals × interval} of wall-clock time and are at most one interval old (when nobody
 * reads for longer than an interval, what was recorded meanwhile counts as the last interval's).
 *
 * <p>Values are nanoseconds, from 1 ns to {@code highest} (larger values are clamped to it, negative
 * ones to 0: a clock step must not throw on a hot path), with {@code significantDigits} significant
 * digits (relative error ≤ 10<sup>−digits</sup>). Memory: {@code intervals + 4} histograms; for a
 * range of 1 h one is about 37 KiB with 2 digits and 265 KiB with 3.
 */
public final class LatencyRecorder {
    private final Recorder recorder;
    private final long highestTrackableNanos;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Histogram[] ring;
    private final Histogram merged;
    private Histogram recycled;
    private int next;
    private long intervalEnd;
    private LatencySnapshot snapshot = LatencySnapshot.EMPTY;

    /**
     * @param highest           largest latency tracked, 1 ms .. 1 day; larger values count as this
     * @param significantDigits precision, 1 .. 3
     * @param interval          length of one interval, 100 ms .. 1 h
     * @param intervals         intervals in the window, 1 .. 360
     */
    public LatencyRecorder(Duration highest, int significantDigits, Duration interval, int intervals) {
        this(highest, significantDigits, interval, intervals, System::nanoTime);
    }

    /** As {@link #LatencyRecorder(Duration, int, Duration, int)} with a given clock (tests). */
    LatencyRecorder(Duration highest, int significantDigits, Duration interval, int intervals, LongSupplier nanoTime) {
        if (highest.compareTo(Duration.ofMillis(1)) < 0 || highest.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("highest: must be between 1 ms and 1 day, got " + highest);
        }
        if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("interval: must be between 100 ms and 1 h, got " + interval);
        }
        if (significantDigits < 1 || significantDigits > 3) {
            throw new IllegalArgumentException("significantDigits: must be between 1 and 3, got " + significantDigits);
        }
        if (intervals < 1 || intervals > 360) {
            throw new IllegalArgumentException("intervals: must be between 1 and 360, got " + intervals);
        }
        this.highestTrackableNanos = highest.toNanos();
        this.recorder = new Recorder(highestTrackableNanos, significantDigits);
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.ring = new Histogram[intervals];
        for (int i = 0; i < intervals; i++) {
            ring[i] = recorder.getIntervalHistogram(); // empty; the recorder's own, so they can be recycled
        }
        this.merged = new Histogram(highestTrackableNanos, significantDigits);
        this.intervalEnd = nanoTime.getAsLong() + intervalNanos;
    }

    /** The window the quantiles cover: intervals × interval. */
    public Duration window() {
        return Duration.ofNanos(intervalNanos * ring.length);
    }

    /** Records one latency in nanoseconds. Wait-free; any thread. */
    public void record(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 0), highestTrackableNanos));
    }

    /** Records one latency in milliseconds. Wait-free; any thread. */
    public void recordMillis(long millis) {
        record(millis > highestTrackableNanos / 1_000_000 ? highestTrackableNanos : millis * 1_000_000);
    }

    /** The quantiles over the window of completed intervals; see the class description. */
    public synchronized LatencySnapshot snapshot() {
        long now = nanoTime.getAsLong();
        if (now - intervalEnd < 0) {
            return snapshot;
        }
        long elapsed = (now - intervalEnd) / intervalNanos + 1; // intervals completed since the last flip
        // everything recorded since the last flip goes into one slot, then empty slots for the idle intervals
        Histogram interval = recorder.getIntervalHistogram(recycled);
        recycled = ring[next];
        ring[next] = interval;
        next = (next + 1) % ring.length;
        for (long i = 1; i < Math.min(elapsed, ring.length); i++) {
            ring[next].reset();
            next = (next + 1) % ring.length;
        }
        intervalEnd += elapsed * intervalNanos;
        merged.reset();
        for (Histogram h : ring) {
            merged.add(h);
        }
        snapshot = merged.getTotalCount() == 0 ? LatencySnapshot.EMPTY : new LatencySnapshot(merged.getTotalCount(),
                seconds(merged.getValueAtPercentile(50)), seconds(merged.getValueAtPercentile(99)),
                seconds(merged.getValueAtPercentile(99.9)), seconds(merged.getMaxValue()));
        return snapshot;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
