package io.entroflow.app.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.function.LongConsumer;

/**
 * Latencies in milliseconds from one writer thread (the output probe), read by another: HdrHistogram's
 * {@link Recorder} (wait-free writes), 1 ms to 1 h, 3 significant digits. {@link #interval()} takes
 * what was recorded since the previous call (a soak's minute) and adds it to the running
 * {@link #total()}.
 */
public final class LatencyHistogram implements LongConsumer {
    private static final long HIGHEST_MILLIS = 3_600_000L;
    private final Recorder recorder = new Recorder(HIGHEST_MILLIS, 3);
    private final Histogram total = new Histogram(HIGHEST_MILLIS, 3);
    private Histogram recycled;

    /** Records one latency; negative values (clock steps) count as 0, values past 1 h as 1 h. */
    @Override
    public void accept(long millis) {
        recorder.recordValue(Math.min(Math.max(millis, 0), HIGHEST_MILLIS));
    }

    /** Forgets everything recorded so far (the end of a warm-up). */
    public synchronized void reset() {
        recorder.reset();
        total.reset();
    }

    /** The latencies recorded since the previous call (a copy), also added to {@link #total()}. */
    public synchronized Percentiles interval() {
        recycled = recorder.getIntervalHistogram(recycled);
        total.add(recycled);
        return Percentiles.of(recycled);
    }

    /** Everything recorded since the start or the last {@link #reset()}, up to the last {@link #interval()}. */
    public synchronized Percentiles total() {
        return Percentiles.of(total);
    }

    /**
     * Latency percentiles in milliseconds.
     *
     * @param count values recorded
     * @param p50   median
     * @param p99   99th percentile
     * @param p999  99.9th percentile
     * @param max   largest
     */
    public record Percentiles(long count, long p50, long p99, long p999, long max) {
        static Percentiles of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Percentiles(0, 0, 0, 0, 0);
            }
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }
}
