package io.entroflow.topology.stream;

import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Makes a closed aggregate interval readable at once in live traffic: when an event's time first
 * reaches an interval boundary b = n &middot; I in a task (the event whose processing emits the aggregates
 * stamped b, through the operators' stream-time punctuators or the keys' own events) and b is at most
 * {@link #LIVE_MILLIS} behind the wall clock, it asks Kafka Streams for a commit
 * ({@link ProcessorContext#commit()}), which the stream thread makes right after this loop's processing
 * and punctuation. Under exactly-once a record is readable ({@code read_committed}) only once its
 * transaction commits, so without this an interval's aggregates and alerts (and, before them, the
 * closing event on the re-key topic) wait for the next regular commit, up to {@code commit.interval.ms}
 * at every transactional hop. A replay or a backlog (boundaries further behind the clock) is left to
 * the commit interval, so catching up costs no extra commits.
 *
 * <p>Cost: one comparison per event; at most one commit request per boundary and task (two a second
 * for an interval of 500 ms). Kept in memory only: after a restart the first boundary is not
 * requested (the regular commit makes it readable). Not thread-safe: one per processor instance.
 */
final class IntervalCommits {
    /** A boundary at most this far behind the wall clock counts as live, in milliseconds. */
    static final long LIVE_MILLIS = 2_000;
    private static final long NONE = Long.MIN_VALUE;

    private final long interval;
    private long tick = NONE;

    /** @param intervalMillis the aggregate interval I, &gt; 0 */
    IntervalCommits(long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis: expected > 0, got " + intervalMillis);
        }
        this.interval = intervalMillis;
    }

    /** An event at {@code time} is being processed in {@code context}'s task: requests a commit when it closes a live interval. */
    void observe(ProcessorContext<?, ?> context, long time) {
        long t = Math.floorDiv(time, interval);
        if (t > tick) {
            boolean first = tick == NONE;
            tick = t;
            if (!first && context.currentSystemTimeMs() - t * interval <= LIVE_MILLIS) {
                context.commit();
            }
        }
    }
}
